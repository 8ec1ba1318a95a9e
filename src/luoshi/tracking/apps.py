from typing import Any

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

        def admin_edit(**_: Any) -> None:
            pagecache.touch(None)

        # weak=False: these functions live only in this scope (a weak reference would let them go).
        post_save.connect(admin_edit, LogEntry, weak=False, dispatch_uid="luoshi-admin-edit")
        # A server serves a logged-in reader's kept pages on the strength of their session cookie
        # and their user's token (tracking/pagecache.py): logging out, and any change of the
        # account or of its membership, replaces the token.
        from django.contrib.auth import get_user_model, user_logged_out
        from django.db.models.signals import post_delete

        from luoshi.tracking.models import Membership

        def account(instance: Any, **_: Any) -> None:
            pagecache.forget_user(instance.pk)

        def member(instance: Any, **_: Any) -> None:
            pagecache.forget_user(instance.user_id)

        def logged_out(user: Any = None, **_: Any) -> None:
            if user is not None:
                pagecache.forget_user(user.pk)

        user_logged_out.connect(logged_out, weak=False, dispatch_uid="luoshi-logout")
        users = get_user_model()
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(account, users, weak=False, dispatch_uid=f"luoshi-user-{name}")
            signal.connect(member, Membership, weak=False, dispatch_uid=f"luoshi-member-{name}")
