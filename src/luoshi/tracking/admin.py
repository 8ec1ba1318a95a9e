from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from luoshi.tracking.models import (
    Department,
    Event,
    Jurisdiction,
    Membership,
    Plan,
    ProgressReport,
    Target,
    Task,
)


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "jurisdiction"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "code"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


class UserWithMembershipAdmin(UserAdmin):
    inlines = [MembershipInline]


admin.site.unregister(User)
admin.site.register(User, UserWithMembershipAdmin)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "department", "jurisdiction"]
    list_filter = ["role", "jurisdiction"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "year", "title", "state", "created_at"]
    readonly_fields = ["source_text", "source_sha256"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["text", "indicator", "value", "unit", "comparator", "baseline", "original_value"]
    readonly_fields = ["text", "original_value"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["code", "plan", "kind", "lead", "deadline"]
    list_filter = ["plan", "kind", "lead"]
    search_fields = ["text", "code"]
    inlines = [TargetInline]
    list_select_related = ["plan", "lead"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["task", "period", "state", "submitted_by", "is_demo"]
    list_filter = ["state", "is_demo"]
    list_select_related = ["task", "submitted_by"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the event log is append-only."""

    list_display = ["created_at", "verb", "actor", "task", "reason"]
    list_filter = ["verb"]
    list_select_related = ["actor", "task"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
