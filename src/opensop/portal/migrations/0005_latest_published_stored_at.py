import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_latest_published")]

    operations = [
        migrations.AddField(
            model_name="latestpublished",
            name="stored_at",
            field=models.DateTimeField(
                auto_now_add=True,
                db_index=True,
                default=django.utils.timezone.now,
                verbose_name="opgeslagen",
            ),
            preserve_default=False,
        ),
    ]
