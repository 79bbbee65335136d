"""The search index over the folded text: an FTS5 trigram table kept by triggers on SQLite, a
pg_trgm GIN index on PostgreSQL. Both answer `LIKE '% word%'` without reading every article.

On SQLite the triggers live on portal_articlepage: a later migration that rebuilds that table
(SQLite's way to alter a column) drops them and must run this SQL again."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE portal_article_search USING fts5(search_folded, content='portal_articlepage', "
    "content_rowid='page_ptr_id', tokenize='trigram')",
    "CREATE TRIGGER portal_article_search_insert AFTER INSERT ON portal_articlepage BEGIN "
    "INSERT INTO portal_article_search(rowid, search_folded) VALUES (new.page_ptr_id, new.search_folded); END",
    "CREATE TRIGGER portal_article_search_delete AFTER DELETE ON portal_articlepage BEGIN "
    "INSERT INTO portal_article_search(portal_article_search, rowid, search_folded) "
    "VALUES ('delete', old.page_ptr_id, old.search_folded); END",
    "CREATE TRIGGER portal_article_search_update AFTER UPDATE OF search_folded ON portal_articlepage BEGIN "
    "INSERT INTO portal_article_search(portal_article_search, rowid, search_folded) "
    "VALUES ('delete', old.page_ptr_id, old.search_folded); "
    "INSERT INTO portal_article_search(rowid, search_folded) VALUES (new.page_ptr_id, new.search_folded); END",
    "INSERT INTO portal_article_search(portal_article_search) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_article_search_insert",
    "DROP TRIGGER IF EXISTS portal_article_search_delete",
    "DROP TRIGGER IF EXISTS portal_article_search_update",
    "DROP TABLE IF EXISTS portal_article_search",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS portal_article_search_trgm ON portal_articlepage "
    "USING gin (search_folded gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS portal_article_search_trgm"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE if vendor == "sqlite" else POSTGRESQL if vendor == "postgresql" else []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in (
        SQLITE_REVERSE
        if vendor == "sqlite"
        else POSTGRESQL_REVERSE
        if vendor == "postgresql"
        else []
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
