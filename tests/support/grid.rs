//! Reading and working the grid as a reader does: the status line, the
//! titles in order, the URL, the filter menus by their labels, the search
//! box, the marks and the pager. Shared by the grid's suites (bundle, API,
//! WordPress).

use anyhow::anyhow;
use fantoccini::elements::Element;
use fantoccini::Locator;

use super::{eventually, Browser};

/// Waits until the status line reads `expected`.
pub async fn wait_status(browser: &Browser, expected: &str) -> anyhow::Result<()> {
    eventually(&format!("the status {expected:?}"), || async {
        let status = browser.text("[data-status]").await?;
        if status == expected {
            Ok(Some(()))
        } else {
            Err(anyhow!("the status reads {status:?}"))
        }
    })
    .await
}

/// Waits until the grid shows exactly `expected`, in order.
pub async fn wait_titles(browser: &Browser, expected: &[&str]) -> anyhow::Result<()> {
    let titles = browser.teaser_titles(expected.len()).await?;
    eventually(&format!("the titles {expected:?}"), || async {
        let titles = browser.teaser_titles(expected.len()).await?;
        if titles == expected {
            Ok(Some(()))
        } else {
            Err(anyhow!("the grid shows {titles:?}"))
        }
    })
    .await
    .map_err(|error| error.context(format!("first saw {titles:?}")))
}

/// Waits until the URL's path and query read `expected`.
pub async fn wait_path(browser: &Browser, expected: &str) -> anyhow::Result<()> {
    eventually(&format!("the URL {expected:?}"), || async {
        let path = browser.path().await?;
        if path == expected {
            Ok(Some(()))
        } else {
            Err(anyhow!("the URL is {path:?}"))
        }
    })
    .await
}

/// The filter menu `name` (`category`, `author`, `tag`, `year`), found
/// by its label.
pub async fn menu(browser: &Browser, label: &str) -> anyhow::Result<Element> {
    let xpath = format!("//label[normalize-space()='{label}']");
    let label = browser.client.find(Locator::XPath(&xpath)).await?;
    let id = label
        .attr("for")
        .await?
        .ok_or_else(|| anyhow!("the {label:?} label names no control"))?;
    Ok(browser.client.find(Locator::Id(&id)).await?)
}

/// Whether the menu labelled `label` is a combobox (authors, tags)
/// rather than a native menu.
pub async fn is_combobox(browser: &Browser, label: &str) -> anyhow::Result<bool> {
    Ok(menu(browser, label).await?.attr("role").await?.as_deref() == Some("combobox"))
}

/// Each option of the menu labelled `label`: (value, text, disabled),
/// with focus in the menu as a reader opening it (counts are loaded while
/// focus is in the menus). A combobox is opened, and shows the values
/// with most articles first, or those matching what was typed.
pub async fn options(
    browser: &Browser,
    label: &str,
) -> anyhow::Result<Vec<(String, String, bool)>> {
    let menu = menu(browser, label).await?;
    let mut out = Vec::new();
    if menu.attr("role").await?.as_deref() == Some("combobox") {
        if menu.attr("aria-expanded").await?.as_deref() != Some("true") {
            menu.click().await?;
        }
        let list = menu
            .attr("aria-controls")
            .await?
            .ok_or_else(|| anyhow!("the {label} combobox controls no list"))?;
        let list = browser.client.find(Locator::Id(&list)).await?;
        for option in list.find_all(Locator::Css("[role=option]")).await? {
            let value = option.attr("data-value").await?.unwrap_or_default();
            let text = option.text().await?;
            let disabled = option.attr("aria-disabled").await?.as_deref() == Some("true");
            out.push((value, text, disabled));
        }
        return Ok(out);
    }
    let focused = browser
        .client
        .execute(
            "arguments[0].focus(); return document.activeElement === arguments[0]",
            vec![serde_json::to_value(&menu)?],
        )
        .await?;
    anyhow::ensure!(
        focused.as_bool() == Some(true),
        "the {label} menu takes no focus"
    );
    for option in menu.find_all(Locator::Css("option")).await? {
        let value = option.prop("value").await?.unwrap_or_default();
        let text = option.text().await?;
        let disabled = option.prop("disabled").await?.as_deref() == Some("true");
        out.push((value, text, disabled));
    }
    Ok(out)
}

/// The hint under the open combobox labelled `label` (how many values
/// match, or why none show).
pub async fn combobox_hint(browser: &Browser, label: &str) -> anyhow::Result<String> {
    let menu = menu(browser, label).await?;
    let hint = menu
        .attr("aria-describedby")
        .await?
        .ok_or_else(|| anyhow!("the {label} combobox has no hint"))?;
    Ok(browser
        .client
        .find(Locator::Id(&hint))
        .await?
        .text()
        .await?)
}

/// The text of the option `value` of the menu labelled `label`.
pub async fn option(browser: &Browser, label: &str, value: &str) -> anyhow::Result<(String, bool)> {
    options(browser, label)
        .await?
        .into_iter()
        .find(|(v, _, _)| v == value)
        .map(|(_, text, disabled)| (text, disabled))
        .ok_or_else(|| anyhow!("no option {value:?} in the {label} menu"))
}

/// Waits until the option `value` of the menu labelled `label` reads
/// `text` and is enabled or not as `disabled` says (menus update their
/// counts right after the frame that shows new results).
pub async fn expect_option(
    browser: &Browser,
    label: &str,
    value: &str,
    text: &str,
    disabled: bool,
) -> anyhow::Result<()> {
    eventually(&format!("the {label} option {text:?}"), || async {
        let found = option(browser, label, value).await?;
        if found == (text.to_owned(), disabled) {
            Ok(Some(()))
        } else {
            Err(anyhow!("the {label} option {value:?} is {found:?}"))
        }
    })
    .await
}

/// Picks `value` in the menu labelled `label`, as a reader would, once
/// it is there to pick: a native menu's option is selected; in a
/// combobox the reader types the value's words (its slug's, which start
/// its name's) and clicks the option.
pub async fn pick(browser: &Browser, label: &str, value: &str) -> anyhow::Result<()> {
    let combobox = is_combobox(browser, label).await?;
    if combobox {
        // The slug's words, without the numbers that tell apart values of
        // the same name.
        let words: Vec<&str> = value
            .split('-')
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let field = menu(browser, label).await?;
        field.clear().await?;
        field.send_keys(&words.join(" ")).await?;
    }
    eventually(&format!("an enabled {label} option {value:?}"), || async {
        let (_, disabled) = option(browser, label, value).await?;
        Ok((!disabled).then_some(()))
    })
    .await?;
    if combobox {
        let css = format!("[role=option][data-value='{value}']");
        browser
            .client
            .find(Locator::Css(&css))
            .await?
            .click()
            .await?;
    } else {
        menu(browser, label).await?.select_by_value(value).await?;
    }
    Ok(())
}

/// The search box, found by its label.
pub async fn search_box(browser: &Browser) -> anyhow::Result<Element> {
    menu(browser, "Search").await
}

/// Types `text` into an emptied search box.
pub async fn search(browser: &Browser, text: &str) -> anyhow::Result<()> {
    let field = search_box(browser).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// The marked runs in the grid, in page order.
pub async fn marks(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for mark in browser
        .client
        .find_all(Locator::Css("[data-teaser-list] mark"))
        .await?
    {
        out.push(mark.text().await?);
    }
    Ok(out)
}

/// The pager's links: (text, aria-current).
pub async fn pager(browser: &Browser) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    for link in browser
        .client
        .find_all(Locator::Css("nav[aria-label=Pages] a"))
        .await?
    {
        out.push((link.text().await?, link.attr("aria-current").await?));
    }
    Ok(out)
}
