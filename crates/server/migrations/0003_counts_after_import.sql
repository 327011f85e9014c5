-- Facet counts kept after an import, not per batch within it: migration 2
-- updated the same count rows once per batch, and within one import's
-- transaction every update leaves a row version that later updates must
-- step over, so a million articles took hours. A statement's changed
-- articles are now recorded in `facet_changes` (a few columns per
-- article, appended), and counted into the kept counts at once: at the
-- statement's end, or during an import (which sets `broadsheet.import`)
-- once, before it commits.

create table facet_changes (
    sign smallint not null,
    article integer not null,
    category_ids integer[] not null,
    author_ids integer[] not null,
    tag_ids integer[] not null,
    year smallint not null
);

-- Counts the recorded changes into facet_counts and facet_pairs, and
-- forgets them.
create function count_changes() returns void
language sql as $$
    with changed as (
        delete from facet_changes returning *
    ), listed as (
        select c.sign, c.article, f.kind, f.value
        from changed c, lateral (
            select 0::smallint as kind, unnest(c.category_ids) as value
            union all select 1::smallint, unnest(c.author_ids)
            union all select 2::smallint, unnest(c.tag_ids)
            union all select 3::smallint, c.year::integer
        ) f
    ), once as (
        select distinct sign, article, kind, value from listed
    ), counted as (
        select kind, value, sum(sign) as n from listed group by kind, value
    ), articles as (
        select kind, value, sum(sign) as articles from once group by kind, value
    ), options as (
        insert into facet_counts (kind, id, n, articles)
        select kind, value, n, a.articles from counted join articles a using (kind, value)
        union all select 4, 0, sum(sign), sum(sign) from changed having count(*) > 0
        on conflict (kind, id) do update
            set n = facet_counts.n + excluded.n,
                articles = facet_counts.articles + excluded.articles
    )
    insert into facet_pairs (kind, id, other_kind, other, n)
    select x.kind, x.value, y.kind, y.value, sum(x.sign)
    from once x join listed y on y.article = x.article and y.sign = x.sign and y.kind <> x.kind
    group by x.kind, x.value, y.kind, y.value
    on conflict (kind, id, other_kind, other) do update
        set n = facet_pairs.n + excluded.n;
$$;

-- Records the articles in `added` and `removed`; counts them now unless
-- an import is under way (it counts once, at its end).
create or replace function count_facets(added articles[], removed articles[]) returns void
language plpgsql as $$
begin
    insert into facet_changes
    select 1, a.id, a.category_ids, a.author_ids, a.tag_ids, a.year from unnest(added) a
    union all
    select -1, r.id, r.category_ids, r.author_ids, r.tag_ids, r.year from unnest(removed) r;
    if coalesce(current_setting('broadsheet.import', true), '') <> 'on' then
        perform count_changes();
    end if;
end $$;
