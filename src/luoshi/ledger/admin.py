from collections.abc import Callable

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from luoshi.ledger.models import (
    Binding,
    Enterprise,
    EnterpriseYear,
    Investment,
    Project,
    StageChange,
)
from luoshi.tracking import services
from luoshi.tracking.admin import StoresStatus


class ChangesLiveValues(StoresStatus):
    """Edits in 基础数据 reach the statuses of the targets measured from the ledger."""

    def cities_of(self, objects: list[Model]) -> set[int]:
        return {getattr(obj, "jurisdiction_id", 0) for obj in objects} - {0}

    def after_change(self, objects: list[Model]) -> Callable[[], object]:
        # Besides the tasks the ledger measures, the ones whose binding changed (tasks_of).
        cities, refresh = self.cities_of(objects), super().after_change(objects)

        def run() -> None:
            services.live_values_changed(cities)
            refresh()

        return run


class InvestmentInline(admin.TabularInline):
    model = Investment
    extra = 0


@admin.register(Project)
class ProjectAdmin(ChangesLiveValues):
    list_display = ["code", "name", "district", "department", "stage", "tier", "total_investment"]
    list_filter = ["stage", "tier", "district", "synthetic"]
    search_fields = ["code", "name"]
    # Stages change only through the ledger's page, which checks the rules and records the change.
    readonly_fields = ["stage", "stage_since", "tier", "planning_on", "signed_on", "approval_on"]
    raw_id_fields = ["tasks"]
    inlines = [InvestmentInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["project", "from_stage", "to_stage", "kind", "on", "actor"]
    list_filter = ["kind", "to_stage"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # append-only

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Binding)
class BindingAdmin(ChangesLiveValues):
    list_display = ["target", "measure", "window", "stage", "min_investment", "per_district"]
    raw_id_fields = ["target"]

    def cities_of(self, objects: list[Model]) -> set[int]:
        return {obj.target.task.plan.jurisdiction_id for obj in objects if isinstance(obj, Binding)}

    def tasks_of(self, objects: list[Model]) -> set[int]:
        return {obj.target.task_id for obj in objects if isinstance(obj, Binding)}


class EnterpriseYearInline(admin.TabularInline):
    model = EnterpriseYear
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "district", "industry", "synthetic"]
    search_fields = ["name", "credit_code"]
    inlines = [EnterpriseYearInline]
