-- Facet counts kept as articles change, so a listing without search
-- words and with at most one filter (the home page, a section, an author,
-- a page deep in either) reads its counts instead of counting a million
-- articles. Each statement's changed articles are recorded in
-- `facet_changes` (a few columns per article, appended) by statement
-- triggers, and counted into the kept counts at once: at the statement's
-- end, or during an import (which sets `broadsheet.import`) once, before
-- it commits. (Counting per batch within one import's transaction updated
-- the same count rows again and again, each update leaving a version the
-- next had to step over: a million articles took over half an hour.)

-- Per option: the teasers listing it (`n`, an option listed twice in one
-- teaser counts twice, as the catalog counts) and the articles listing it
-- (`articles`: the total under that one filter). Kind 0 categories, 1
-- authors, 2 tags, 3 years (id the year), 4 the whole archive (id 0).
create table facet_counts (
    kind smallint not null,
    id integer not null,
    n bigint not null,
    articles bigint not null,
    primary key (kind, id)
);

-- Per pair of options of different kinds: of the articles listing the
-- first, how many list the second (the second's count under a filter on
-- the first).
create table facet_pairs (
    kind smallint not null,
    id integer not null,
    other_kind smallint not null,
    other integer not null,
    n bigint not null,
    primary key (kind, id, other_kind, other)
);

-- Articles changed and not yet counted: added (sign 1) or removed (-1).
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
create function count_facets(added articles[], removed articles[]) returns void
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

create function articles_inserted() returns trigger language plpgsql as $$
begin
    perform count_facets((select coalesce(array_agg(n::articles), '{}') from added n), '{}');
    return null;
end $$;

create function articles_updated() returns trigger language plpgsql as $$
begin
    perform count_facets(
        (select coalesce(array_agg(n::articles), '{}') from added n),
        (select coalesce(array_agg(r::articles), '{}') from removed r));
    return null;
end $$;

create function articles_deleted() returns trigger language plpgsql as $$
begin
    perform count_facets('{}', (select coalesce(array_agg(r::articles), '{}') from removed r));
    return null;
end $$;

create trigger articles_inserted after insert on articles
    referencing new table as added for each statement execute function articles_inserted();
create trigger articles_updated after update on articles
    referencing old table as removed new table as added
    for each statement execute function articles_updated();
create trigger articles_deleted after delete on articles
    referencing old table as removed for each statement execute function articles_deleted();

-- The articles already there.
insert into facet_changes
select 1, id, category_ids, author_ids, tag_ids, year from articles;
select count_changes();
