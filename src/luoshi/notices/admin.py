from django.contrib import admin
from django.http import HttpRequest

from luoshi.notices.models import Delivery, Hook


@admin.register(Hook)
class HookAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "department", "flavour", "active"]
    list_filter = ["flavour", "active"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["at", "reminder", "channel", "target", "state", "attempts"]
    list_filter = ["channel", "state"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
