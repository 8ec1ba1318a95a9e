from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from luoshi.tracking import admin_jobs, statuses  # noqa: F401  (admin_jobs: ImportJob, read-only)
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


class StoresStatus(admin.ModelAdmin):
    """Edits in 基础数据 store the new status of the tasks they change, as the pages' writes do.
    What to store is worked out before a delete, while the rows still lead to their tasks."""

    def tasks_of(self, objects: list[Model]) -> set[int]:
        return set()

    def after_change(self, objects: list[Model]) -> Callable[[], object]:
        """What to run once `objects` are saved or deleted."""
        tasks = self.tasks_of(objects)
        return lambda: statuses.refresh(tasks)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[object], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        self.after_change([form.instance])()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        after = self.after_change([obj])
        super().delete_model(request, obj)
        after()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Model]) -> None:
        after = self.after_change(list(queryset))
        super().delete_queryset(request, queryset)
        after()


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
    filter_horizontal = ["portfolio"]  # 分管: a leader's departments


class UserWithMembershipAdmin(UserAdmin):
    inlines = [MembershipInline]


admin.site.unregister(User)
admin.site.register(User, UserWithMembershipAdmin)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "department", "jurisdiction"]
    list_filter = ["role", "jurisdiction"]
    filter_horizontal = ["portfolio"]  # 分管: the departments a leader oversees


@admin.register(Plan)
class PlanAdmin(StoresStatus):
    list_display = ["jurisdiction", "year", "title", "state", "created_at"]
    readonly_fields = ["source_text", "source_sha256"]

    def tasks_of(self, objects: list[Model]) -> set[int]:
        return set(Task.objects.filter(plan__in=objects).values_list("pk", flat=True))


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["text", "indicator", "value", "unit", "comparator", "baseline", "original_value"]
    readonly_fields = ["text", "original_value"]


@admin.register(Task)
class TaskAdmin(StoresStatus):
    list_display = ["code", "plan", "kind", "lead", "deadline"]
    list_filter = ["plan", "kind", "lead"]
    search_fields = ["text", "code"]
    inlines = [TargetInline]
    list_select_related = ["plan", "lead"]

    def tasks_of(self, objects: list[Model]) -> set[int]:
        return {obj.pk for obj in objects}


@admin.register(ProgressReport)
class ProgressReportAdmin(StoresStatus):
    list_display = ["task", "period", "state", "submitted_by", "is_demo"]
    list_filter = ["state", "is_demo"]
    list_select_related = ["task", "submitted_by"]

    def tasks_of(self, objects: list[Model]) -> set[int]:
        return {obj.task_id for obj in objects if isinstance(obj, ProgressReport)}


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
