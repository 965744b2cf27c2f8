"""Remove the stored summaries for parents: until now they named the school's contact people
(the director, the IB'ers, the zorgcoördinator), which they now do only where the school
chose so (docs/privacy.md). The next download typesets each again from the adopted answers;
the stored full profiles, what the board adopted, stay as they are."""

from typing import Any

from django.core.files.storage import default_storage
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def remove_summaries(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    stored = apps.get_model("documents", "StoredDocument").objects.using(
        schema_editor.connection.alias
    )
    summaries = stored.filter(kind="summary")
    names = list(summaries.values_list("file", flat=True))
    summaries.delete()
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_document_batches")]
    operations = [migrations.RunPython(remove_summaries, migrations.RunPython.noop)]
