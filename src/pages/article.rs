//! `/articles/<slug>`: one article.

use broadsheet_core::Article;
use leptos::prelude::*;

use crate::base::href;
use crate::components::article_body::ArticleBody;
use crate::components::byline::Byline;
use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::pages::not_found::NotFoundPage;
use crate::source::{load_article, Load};

/// The article page: fetches only this article's file, and shows the
/// not-found view for a slug the archive does not have.
#[component]
pub fn ArticlePage(
    /// The article's slug, from the path.
    slug: String,
) -> impl IntoView {
    let slug = StoredValue::new(slug);
    // Leaving the page before the article answers abandons the request.
    let article = Load::new(move |cancel| load_article(slug.get_value(), cancel), false);
    let status = move || match article.get() {
        None => "Loading the article…",
        _ => "",
    };
    let content = move || match article.get() {
        None => view! { <PageTitle text="Loading" /> }.into_any(),
        Some(Ok(Some(article))) => view! { <ArticleView article=article /> }.into_any(),
        Some(Ok(None)) => view! { <NotFoundPage /> }.into_any(),
        Some(Err(error)) => view! {
            <PageTitle text="Article unavailable" />
            <ErrorView
                what="the article"
                message=error.to_string()
                retry=Callback::new(move |()| article.refetch())
            />
            <p>
                <a href=href("/")>"Back to the latest articles"</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <p class="status" role="status" data-status="">{status}</p>
        {content}
    }
}

/// A loaded article: headline, byline, date and body.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let teaser = article.teaser;
    view! {
        <PageTitle text=teaser.title.clone() />
        <article class="article" data-article=teaser.slug.clone()>
            <header class="article__header">
                <h1 class="article__title">{teaser.title.clone()}</h1>
                <Byline authors=teaser.authors.clone() />
                <p class="article__date">
                    <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
                </p>
            </header>
            <ArticleBody html=article.body_html language=article.language />
            <p class="article__back">
                <a href=href("/")>"Back to the latest articles"</a>
            </p>
        </article>
    }
}
