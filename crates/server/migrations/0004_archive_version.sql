-- A number that changes with anything an answer reads: a server copy
-- gives an answer it has already given while this number stands
-- (crates/server, answers.rs), and asks the database again once it moves.
-- Every statement that writes the archive's tables moves it, in the same
-- transaction, so the next request after a commit sees the new number.

create table archive_version (
    one boolean primary key default true check (one),
    version bigint not null
);

insert into archive_version values (true, 1);

create function archive_changed() returns trigger language plpgsql as $$
begin
    update archive_version set version = version + 1;
    return null;
end $$;

create trigger articles_changed after insert or update or delete or truncate on articles
    for each statement execute function archive_changed();
create trigger site_changed after insert or update or delete or truncate on site
    for each statement execute function archive_changed();
create trigger categories_changed after insert or update or delete or truncate on categories
    for each statement execute function archive_changed();
create trigger authors_changed after insert or update or delete or truncate on authors
    for each statement execute function archive_changed();
create trigger tags_changed after insert or update or delete or truncate on tags
    for each statement execute function archive_changed();
