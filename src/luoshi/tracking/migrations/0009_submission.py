from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracking", "0008_supervision_cycle")]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="submission",
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
    ]
