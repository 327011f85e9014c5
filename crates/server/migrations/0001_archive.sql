-- An archive as broadsheet-server answers from it (docs/api.md). The
-- searchable words are folded by broadsheet's own fold (crates/core,
-- search.rs) when an article is imported, and a search's words when it is
-- asked, so a match is exactly what the bundle's catalog finds, in every
-- script; the database compares words, it never folds text itself.

-- What the archive says about itself: one row.
create table site (
    one boolean primary key default true check (one),
    -- The index's "site" object, as JSON text.
    site text not null,
    -- Teasers of the last import that could not be read.
    skipped integer not null default 0
);

-- The vocabularies, in the bundle's order (`position`).
create table categories (
    id serial primary key,
    slug text not null unique,
    name text not null,
    position integer not null
);

create table authors (
    id serial primary key,
    slug text not null unique,
    name text not null,
    position integer not null
);

create table tags (
    id serial primary key,
    slug text not null unique,
    name text not null,
    position integer not null
);

create table articles (
    -- Import order: articles of the same day are listed in it.
    id serial primary key,
    slug text not null unique,
    -- Days since 1970-01-01, and the year.
    day integer not null,
    year smallint not null,
    category_ids integer[] not null,
    author_ids integer[] not null,
    tag_ids integer[] not null,
    -- Folded words: of the title, of the authors' names, and of the
    -- title, names and excerpt together, each list without repeats.
    title_words text[] collate "C" not null,
    author_words text[] collate "C" not null,
    words text[] collate "C" not null,
    -- The teaser as the API sends it (authors and terms inline), JSON.
    teaser text not null,
    -- The article file as the bundle holds it; null when it had none.
    article text
);

create index articles_newest on articles (day desc, id);
create index articles_oldest on articles (day, id);
create index articles_words on articles using gin (words);
create index articles_categories on articles using gin (category_ids);
create index articles_authors on articles using gin (author_ids);
create index articles_tags on articles using gin (tag_ids);
create index articles_year on articles (year);

-- Every folded word of every article, once: a search word is the start of
-- a word, and this table turns it into the words it starts (a range of
-- this index, compared byte by byte).
create table words (
    word text collate "C" primary key
);
