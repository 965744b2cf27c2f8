"""LatestPublished now belongs to the profiles app (profiles 0005): the portal forgets it,
and its table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0005_latest_published_stored_at'),
        ('profiles', '0005_latestpublished'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='LatestPublished')],
        ),
    ]
