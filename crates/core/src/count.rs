//! Numbers of articles as the page words them.

/// `n` with thousands separated by commas, as `10,000`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `1 article`, `12 articles`, `10,000 articles`.
pub fn articles(n: usize) -> String {
    match n {
        1 => "1 article".to_owned(),
        n => format!("{} articles", grouped(n)),
    }
}

/// What the status line says about a page of results: `Showing 5
/// articles.`, `Showing 13–24 of 10,000 articles.`, or `No articles
/// match.`
pub fn showing(total: usize, page: u32, per_page: u32) -> String {
    let per_page = per_page.max(1) as usize;
    let first = (page.max(1) as usize - 1) * per_page + 1;
    if total == 0 {
        "No articles match.".to_owned()
    } else if total <= per_page {
        format!("Showing {}.", articles(total))
    } else {
        let last = (first + per_page - 1).min(total);
        format!(
            "Showing {}–{} of {}.",
            grouped(first),
            grouped(last),
            articles(total)
        )
    }
}

/// The page numbers to link: the first, the last, and two either side of
/// the current one; `None` marks a gap.
pub fn pager_window(page: u32, pages: u32) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn words_the_status() {
        assert_eq!(showing(0, 1, 12), "No articles match.");
        assert_eq!(showing(1, 1, 12), "Showing 1 article.");
        assert_eq!(showing(5, 1, 12), "Showing 5 articles.");
        assert_eq!(showing(10_000, 2, 12), "Showing 13–24 of 10,000 articles.");
        assert_eq!(showing(25, 3, 12), "Showing 25–25 of 25 articles.");
    }

    #[test]
    fn links_the_ends_and_the_neighbourhood() {
        assert_eq!(pager_window(1, 1), [Some(1)]);
        assert_eq!(pager_window(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(1, 50),
            [Some(1), Some(2), Some(3), None, Some(50)]
        );
        assert_eq!(
            pager_window(10, 50),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(50)
            ]
        );
        assert_eq!(
            pager_window(4, 6),
            [Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]
        );
    }
}
