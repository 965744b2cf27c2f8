import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisations", "0005_swv_publishes_norm_results")]

    operations = [
        migrations.AddField(
            model_name="school",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                db_index=True,
                default=django.utils.timezone.now,
                verbose_name="gewijzigd",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="swv",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                db_index=True,
                default=django.utils.timezone.now,
                verbose_name="gewijzigd",
            ),
            preserve_default=False,
        ),
    ]
