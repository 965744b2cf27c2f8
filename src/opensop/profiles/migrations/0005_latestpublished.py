"""The newest published profile per school moves from the portal app to profiles, where the
definition of what is public reads it: the same table (`portal_latestpublished`), so only
Django's idea of which app owns it changes; nothing in the database does."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0006_updated_at'),
        ('profiles', '0004_national_overview_indexes'),
        ('portal', '0005_latest_published_stored_at'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='LatestPublished',
            fields=[
                ('profile', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='latest_published', serialize=False, to='profiles.profile', verbose_name='profiel')),
                ('format_id', models.CharField(max_length=64, verbose_name='formaat')),
                ('stored_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='opgeslagen')),
                ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.school', verbose_name='school')),
            ],
            options={
                'verbose_name': 'nieuwste gepubliceerde profiel',
                'verbose_name_plural': 'nieuwste gepubliceerde profielen',
                'db_table': 'portal_latestpublished',
                'constraints': [models.UniqueConstraint(fields=('school', 'format_id'), name='unique_latest_published')],
            },
        ),
                ],
        ),
    ]
