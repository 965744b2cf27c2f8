"""Rewrite the stored search texts without the answers that name a person: from now on the
formats mark them (`personal: true`) and `written_text` leaves them out, but entries written
before still hold directors' and IB'ers' names. Only changed texts are written; on SQLite the
triggers of 0003 keep the FTS5 index in step, on PostgreSQL the vector is made again."""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def rewrite_texts(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The Django-free format core and the one text function, as rebuild_search_index uses
    # them; only needed for databases that had entries before this migration.
    from django.contrib.postgres.search import SearchVector

    from opensop.portal.services import written_text
    from opensop.profiles.registry import registry

    entries = apps.get_model("portal", "SearchEntry").objects.using(schema_editor.connection.alias)
    rows = entries.values_list(
        "profile_id", "text", "profile__format_id", "profile__format_version", "profile__answers"
    )
    new_texts: dict[int, str] = {}
    for profile_id, text, format_id, version, answers in rows:  # all read before any write
        definition = registry().get(format_id, version)
        if definition is None:
            continue
        new = written_text(definition, answers or {})
        if new != text:
            new_texts[profile_id] = new
    for profile_id, new in new_texts.items():
        entries.filter(profile_id=profile_id).update(text=new)
    changed = list(new_texts)
    if changed and schema_editor.connection.vendor == "postgresql":
        for start in range(0, len(changed), 500):
            entries.filter(profile_id__in=changed[start : start + 500]).update(
                vector=SearchVector("text", config="dutch")
            )


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_delete_latestpublished")]
    operations = [migrations.RunPython(rewrite_texts, migrations.RunPython.noop)]
