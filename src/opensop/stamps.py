"""When rows were last written: the stamp that keys what is kept in a cache or in memory.

Each stamped column is an indexed `updated_at`-like time, so its latest value is a read of
the index's last entry; all of them come in one query.
"""

from __future__ import annotations

from django.db import connection, models

Stamped = tuple[type[models.Model], str]  # a model and one of its indexed time columns


def latest_writes(*stamped: Stamped) -> str:
    """The latest time in each column, as one string that changes when any of them does."""
    # Table and column names only, from our own models: no input reaches this SQL.
    reads = [f"(SELECT MAX({column}) FROM {model._meta.db_table})" for model, column in stamped]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(reads))
        return repr(cursor.fetchone())
