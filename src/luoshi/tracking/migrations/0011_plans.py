"""Many plans: a kind per plan (the annual report, a 民生实事 list, a special plan), an
archived state (readable, no more reports); the 分工 editor's events (merge, split, drop), whose
removed draft tasks leave their events unlinked."""

import django.db.models.deletion
from django.db import migrations, models

VERBS = [
    ("imported", "imported"),
    ("published", "published"),
    ("reassigned", "reassigned"),
    ("deadline_extended", "deadline extended"),
    ("target_revised", "target revised"),
    ("report_submitted", "progress submitted"),
    ("report_approved", "report approved"),
    ("report_returned", "report returned"),
    ("demo_data", "demo data"),
    ("nodes_revised", "checkpoints revised"),
    ("appeal_raised", "status appealed"),
    ("appeal_accepted", "appeal accepted"),
    ("appeal_rejected", "appeal rejected"),
    ("acknowledged", "acknowledged"),
    ("closed", "closed"),
    ("reopened", "reopened"),
    ("reminded", "reminded"),
    ("report_withdrawn", "report withdrawn"),
    ("urged", "urged (催办)"),
    ("instructed", "instruction (批示)"),
    ("answered", "instruction answered"),
    ("change_requested", "change requested"),
    ("change_approved", "change approved"),
    ("change_rejected", "change rejected"),
    ("merged", "tasks merged"),
    ("split", "task split"),
    ("dropped", "removed as not a task"),
    ("archived", "plan archived"),
    ("reactivated", "plan made active again"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0010_leaders"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="kind",
            field=models.CharField(
                choices=[
                    ("report", "government work report"),
                    ("livelihood", "livelihood projects"),
                    ("special", "special plan"),
                ],
                default="report",
                max_length=12,
                verbose_name="kind of plan",
            ),
        ),
        migrations.AlterField(
            model_name="plan",
            name="state",
            field=models.CharField(
                choices=[("draft", "draft"), ("published", "active"), ("archived", "archived")],
                default="draft",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="task",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events",
                to="tracking.task",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="verb",
            field=models.CharField(choices=VERBS, max_length=20),
        ),
    ]
