"""On SQLite, the profile texts in an FTS5 index kept in step by triggers: the full-text
search then looks words up instead of scanning every text (PostgreSQL has its GIN index)."""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

FTS = "portal_searchentry_fts"
CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='portal_searchentry', "
    "content_rowid='profile_id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.profile_id, new.text); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.profile_id, old.text); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF text ON portal_searchentry BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.profile_id, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.profile_id, new.text); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def add_fts(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_fts(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_offered_need")]
    operations = [migrations.RunPython(add_fts, drop_fts)]
