//! Publication dates: parsed from ISO 8601, shown to readers in words.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::quote::quoted;

/// A calendar date (the day an article was published).
///
/// Read from `YYYY-MM-DD`, optionally followed by a time
/// (`2022-12-08T10:30:00Z`), whose time part is not kept. Ordered
/// chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date from its parts, or `None` when no such day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// A date from parts the caller already knows to name a real day (the
    /// synthetic calendar, which steps from one to the next).
    pub(crate) const fn from_valid(year: u16, month: u8, day: u8) -> Self {
        Date { year, month, day }
    }

    /// Parses `YYYY-MM-DD`, with an optional `T…` time after it.
    pub fn parse(text: &str) -> Option<Self> {
        let (date, time) = match text.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (text, None),
        };
        if time.is_some_and(str::is_empty) {
            return None;
        }
        let bytes = date.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = date.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// A number that orders days as they fall (not a count of days).
    pub fn day_number(self) -> u32 {
        u32::from(self.year) * 372 + u32::from(self.month) * 31 + u32::from(self.day)
    }

    /// The year, as in `2022`.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The date in ISO 8601 (`2022-12-08`), for `<time datetime>`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as a reader reads it: `8 December 2022`.
    pub fn long(self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        format!("{} {} {}", self.day, month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("expected an ISO 8601 date, got {}", quoted(&text)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_dates_and_timestamps() {
        let date = Date::parse("2022-12-08").unwrap();
        assert_eq!(date.iso(), "2022-12-08");
        assert_eq!(date.long(), "8 December 2022");
        assert_eq!(date.year(), 2022);
        assert_eq!(Date::parse("2022-12-08T10:30:00Z"), Some(date));
    }

    #[test]
    fn knows_leap_years() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2023-02-29").is_none());
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "yesterday",
            "",
            "2022-13-01",
            "2022-00-10",
            "2022-04-31",
            "2022-1-01",
            "2022/01/01",
            "+022-01-01",
            "2022-01-01T",
            "２０２２-01-01",
        ] {
            assert_eq!(Date::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let older = Date::parse("2020-11-14").unwrap();
        let newer = Date::parse("2022-04-12").unwrap();
        assert!(older < newer);
    }

    #[test]
    fn deserialising_names_the_bad_value() {
        let error = serde_json::from_str::<Date>("\"yesterday\"").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("expected an ISO 8601 date, got \"yesterday\""),
            "{error}"
        );
    }
}
