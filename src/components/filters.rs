//! The filter bar: search box, facet menus with counts, sort, and the
//! active filters, each removable.
//!
//! The bar is a real `GET` form whose fields carry the URL's parameter
//! names, so it works as a plain form too; with the app running, every
//! change becomes a navigation to the URL of the new query.

use std::sync::Arc;

use broadsheet_core::query::{FacetCount, Facets};
use broadsheet_core::{ArchiveKind, Query, Sort};
use leptos::prelude::*;

use super::facet_combobox::FacetCombobox;

/// Which archive a listing is confined to (`None`: the whole archive);
/// that filter is fixed by the path and has no menu.
pub type Scope = Option<ArchiveKind>;

/// Its name in `data-listing`: `all`, or the archive kind's.
pub fn scope_name(scope: Scope) -> &'static str {
    scope.map_or("all", ArchiveKind::name)
}

/// A change of query: the new query, and whether it replaces the current
/// history entry (typing) rather than adding one.
pub type Change = (Query, bool);

/// Where the menus' counts stand: a static index loads them only while
/// the reader is in the menus, from the files they need.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Counts {
    /// The facets hold every value and count there is to show.
    #[default]
    Ready,
    /// Being loaded.
    Loading,
    /// Could not be loaded: why.
    Failed(String),
}

/// The filter bar for `query`, with `facets` giving each option's count.
#[component]
pub fn Filters(
    /// The query shown.
    query: Memo<Query>,
    /// What each option would leave.
    facets: Signal<Arc<Facets>>,
    /// Whether the counts are there, loading or failed.
    counts: Signal<Counts>,
    /// Set while focus is in the menus: the counts are wanted.
    counting: RwSignal<bool>,
    /// Loads the counts again after they failed.
    recount: Callback<()>,
    /// The archive the listing is confined to.
    scope: Scope,
    /// Called with each change.
    change: Callback<Change>,
) -> impl IntoView {
    // Any filter change starts again from the first page.
    let set = move |edit: &dyn Fn(&mut Query), replace: bool| {
        let mut next = query.get_untracked();
        edit(&mut next);
        next.page = 1;
        change.run((next, replace));
    };
    let on_search = move |event: web_sys::Event| {
        let text = event_target_value(&event);
        // The first keystroke adds a history entry; the rest of the typing
        // replaces it, so Back leaves the search in one step.
        let searching = query.with_untracked(|q| q.text.is_some());
        set(
            &|q| q.text = Some(text.clone()).filter(|t| !t.is_empty()),
            searching,
        );
    };
    let pick = move |dimension: Dimension| {
        Callback::new(move |value: Option<String>| {
            set(&|q| dimension.set(q, value.clone()), false);
        })
    };
    // A filter's chosen value; none for the archive's own filter, which
    // has no menu.
    let selected = move |dimension: Dimension| -> Option<Signal<Option<String>>> {
        (scope.map(Dimension::Archive) != Some(dimension))
            .then(|| Memo::new(move |_| query.with(|q| dimension.get(q))).into())
    };
    // Sections and years are few: a native menu.
    let menu = move |dimension: Dimension| {
        selected(dimension).map(|selected| {
            view! {
                <FacetMenu dimension=dimension facets=facets selected=selected pick=pick(dimension) />
            }
        })
    };
    // Authors and tags run to thousands: a combobox finds any.
    let combobox = move |dimension: Dimension| {
        selected(dimension).map(|selected| {
            view! {
                <FacetCombobox
                    dimension=dimension
                    facets=facets
                    counts=counts
                    recount=recount
                    selected=selected
                    pick=pick(dimension)
                />
            }
        })
    };
    let on_sort = move |event: web_sys::Event| {
        let sort = Sort::from_name(&event_target_value(&event)).unwrap_or_default();
        set(&|q| q.sort = sort, false);
    };
    let sort_option = move |sort: Sort, label: &'static str| {
        view! {
            <option value=sort.name() prop:selected=move || query.with(|q| q.sort == sort)>
                {label}
            </option>
        }
    };
    view! {
        <form class="filters" role="search" method="get" data-filters="" on:submit=|event| event.prevent_default()>
            <div class="filters__field filters__field--search">
                <label for="filter-q">"Search"</label>
                <input
                    id="filter-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder="Title, excerpt or author"
                    prop:value=move || query.with(|q| q.text.clone().unwrap_or_default())
                    on:input=on_search
                />
            </div>
            // On a phone the menus would fill the first screen: they fold
            // away behind a disclosure button. public/boot.js opens and
            // closes it (so it works before the app has started, and costs
            // the wasm nothing); on wider screens CSS shows the menus and
            // hides the button.
            <button
                type="button"
                class="filters__toggle"
                aria-expanded="false"
                aria-controls="filter-menus"
                data-filters-toggle=""
            >
                "Filters and sort"
            </button>
            // Counts are loaded while focus is in the menus.
            <div
                class="filters__menus"
                id="filter-menus"
                on:focusin=move |_| counting.set(true)
                on:focusout=move |_| counting.set(false)
            >
                {menu(Dimension::Archive(ArchiveKind::Category))}
                {combobox(Dimension::Archive(ArchiveKind::Author))}
                {combobox(Dimension::Archive(ArchiveKind::Tag))}
                {menu(Dimension::Year)}
                <div class="filters__field">
                    <label for="filter-sort">"Sort"</label>
                    <select id="filter-sort" name="sort" on:change=on_sort>
                        {sort_option(Sort::Newest, "Newest first")}
                        {sort_option(Sort::Oldest, "Oldest first")}
                        {sort_option(Sort::Relevance, "Best match when searching")}
                    </select>
                </div>
            </div>
            <ActiveFilters query=query facets=facets scope=scope change=change />
        </form>
    }
}

/// One of the four filters: by one kind of archive, or by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// By category, author or tag.
    Archive(ArchiveKind),
    /// By year of publication.
    Year,
}

impl Dimension {
    const ALL: [Dimension; 4] = [
        Dimension::Archive(ArchiveKind::Category),
        Dimension::Archive(ArchiveKind::Author),
        Dimension::Archive(ArchiveKind::Tag),
        Dimension::Year,
    ];

    /// The URL parameter, also the form field's name.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Archive(kind) => kind.name(),
            Dimension::Year => "year",
        }
    }

    /// The menu's label.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Archive(kind) => kind.label(),
            Dimension::Year => "Year",
        }
    }

    /// What the values are called: "authors".
    pub fn plural(self) -> &'static str {
        match self {
            Dimension::Archive(ArchiveKind::Category) => "categories",
            Dimension::Archive(ArchiveKind::Author) => "authors",
            Dimension::Archive(ArchiveKind::Tag) => "tags",
            Dimension::Year => "years",
        }
    }

    /// The menu's first option, which clears the filter.
    pub fn any(self) -> &'static str {
        match self {
            Dimension::Archive(ArchiveKind::Category) => "All categories",
            Dimension::Archive(ArchiveKind::Author) => "All authors",
            Dimension::Archive(ArchiveKind::Tag) => "All tags",
            Dimension::Year => "All years",
        }
    }

    /// This filter's options and their counts.
    pub fn options(self, facets: &Facets) -> &[FacetCount] {
        match self {
            Dimension::Archive(kind) => facets.of(kind),
            Dimension::Year => &facets.years,
        }
    }

    /// The name of the value `slug` (the slug itself while the facets do
    /// not name it).
    pub fn name_of(self, facets: &Facets, slug: String) -> String {
        self.options(facets)
            .iter()
            .find(|o| o.slug == slug)
            .map_or(slug, |o| o.name.clone())
    }

    /// The query's value for this filter.
    pub fn get(self, query: &Query) -> Option<String> {
        match self {
            Dimension::Archive(kind) => query.archive(kind).map(str::to_owned),
            Dimension::Year => query.year.map(|year| year.to_string()),
        }
    }

    /// Sets this filter in `query` (`None` clears it).
    pub fn set(self, query: &mut Query, value: Option<String>) {
        match self {
            Dimension::Archive(kind) => query.set_archive(kind, value),
            Dimension::Year => query.year = value.and_then(|year| year.parse().ok()),
        }
    }
}

/// A labelled menu of one filter's options, each with the number of
/// articles it would leave; an option that would leave none is disabled.
/// The options are built once per vocabulary and only their counts
/// update, so a keystroke does not rebuild hundreds of them.
#[component]
fn FacetMenu(
    dimension: Dimension,
    facets: Signal<Arc<Facets>>,
    selected: Signal<Option<String>>,
    pick: Callback<Option<String>>,
) -> impl IntoView {
    // The options' slugs and names, kept (not copied) while they stay the
    // same: with a bundle they never change.
    let vocabulary = Memo::new(move |previous: Option<&Arc<Vec<(String, String)>>>| {
        facets.with(|f| {
            let options = dimension.options(f);
            match previous {
                Some(previous) if same_vocabulary(previous, options) => Arc::clone(previous),
                _ => Arc::new(
                    options
                        .iter()
                        .map(|o| (o.slug.clone(), o.name.clone()))
                        .collect(),
                ),
            }
        })
    });
    let counts = Memo::new(move |_| {
        facets.with(|f| {
            dimension
                .options(f)
                .iter()
                .map(|o| o.count)
                .collect::<Vec<_>>()
        })
    });
    let id = format!("filter-{}", dimension.name());
    let on_change = move |event: web_sys::Event| {
        pick.run(Some(event_target_value(&event)).filter(|v| !v.is_empty()));
    };
    let rows = move || {
        vocabulary
            .get()
            .iter()
            .cloned()
            .enumerate()
            .map(|(at, (slug, name))| {
                let count = move || counts.with(|c| c.get(at).copied().flatten());
                let value = slug.clone();
                let is_selected = move || selected.with(|s| s.as_deref() == Some(value.as_str()));
                let chosen = is_selected.clone();
                view! {
                    <option
                        value=slug
                        prop:selected=is_selected
                        disabled=move || count() == Some(0) && !chosen()
                    >
                        {name}
                        {move || count().map(|n| format!(" ({n})"))}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="filters__field">
            <label for=id.clone()>{dimension.label()}</label>
            <select id=id name=dimension.name() on:change=on_change data-filter=dimension.name()>
                <option value="" prop:selected=move || selected.with(Option::is_none)>
                    {dimension.any()}
                </option>
                {rows}
            </select>
        </div>
    }
}

fn same_vocabulary(known: &[(String, String)], options: &[FacetCount]) -> bool {
    known.len() == options.len()
        && known
            .iter()
            .zip(options)
            .all(|((slug, name), o)| *slug == o.slug && *name == o.name)
}

/// The filters in force, each a button that removes it, and one that
/// removes them all; nothing when no filter is set.
#[component]
fn ActiveFilters(
    query: Memo<Query>,
    facets: Signal<Arc<Facets>>,
    scope: Scope,
    change: Callback<Change>,
) -> impl IntoView {
    let cleared = move |edit: &dyn Fn(&mut Query)| {
        let mut next = query.get_untracked();
        edit(&mut next);
        next.page = 1;
        change.run((next, false));
    };
    let active = move || {
        let chips = facets.with(|f| query.with(|q| describe(q, f, scope)));
        if chips.is_empty() {
            return None;
        }
        let buttons = chips
            .into_iter()
            .map(|(label, name, dimension)| {
                let remove = move |_| match dimension {
                    Some(dimension) => cleared(&|q| dimension.set(q, None)),
                    None => cleared(&|q| q.text = None),
                };
                view! {
                    <li>
                        <button type="button" class="chip" on:click=remove data-remove-filter=label>
                            <span class="visually-hidden">"Remove "</span>
                            {label} ": " {name}
                            <span aria-hidden="true">" ×"</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <div class="filters__active">
                <ul class="filters__chips" aria-label="Active filters">{buttons}</ul>
                <button type="button" class="filters__clear" on:click=move |_| cleared(&|q| clear_all(q, scope)) data-clear-filters="">
                    "Clear all filters"
                </button>
            </div>
        })
    };
    view! { {active} }
}

/// The filters and search in force, outside the archive's own, as
/// (label, value, which filter; `None` for the search): ("Category",
/// "Latin America", …), ("Search", "“peru”", None).
pub fn describe(
    query: &Query,
    facets: &Facets,
    scope: Scope,
) -> Vec<(&'static str, String, Option<Dimension>)> {
    let mut chips = Vec::new();
    for dimension in Dimension::ALL {
        if scope.map(Dimension::Archive) == Some(dimension) {
            continue;
        }
        if let Some(slug) = dimension.get(query) {
            let name = dimension.name_of(facets, slug);
            chips.push((dimension.label(), name, Some(dimension)));
        }
    }
    if let Some(text) = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        chips.push(("Search", format!("“{text}”"), None));
    }
    chips
}

/// Removes every filter and the search, keeping the order and the
/// archive's own filter.
pub fn clear_all(query: &mut Query, scope: Scope) {
    for dimension in Dimension::ALL {
        if scope.map(Dimension::Archive) != Some(dimension) {
            dimension.set(query, None);
        }
    }
    query.text = None;
    if query.sort == Sort::Relevance {
        query.sort = Sort::Newest;
    }
}
