from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "luoshi.notices"
    verbose_name = _("reminders and notifications")
    default_auto_field = "django.db.models.BigAutoField"
