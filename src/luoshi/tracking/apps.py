from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "luoshi.tracking"
    verbose_name = "落实 tracking"

    def ready(self) -> None:
        # Every change made in 基础数据 (the admin) is logged as a LogEntry: one new entry makes
        # every kept page stale, since the admin edits rows of any kind.
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from luoshi.tracking import pagecache

        post_save.connect(
            lambda **_: pagecache.touch(None), sender=LogEntry, dispatch_uid="luoshi-admin-edit"
        )
