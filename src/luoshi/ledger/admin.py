from django.contrib import admin
from django.http import HttpRequest

from luoshi.ledger.models import (
    Binding,
    Enterprise,
    EnterpriseYear,
    Investment,
    Project,
    StageChange,
)


class InvestmentInline(admin.TabularInline):
    model = Investment
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
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
class BindingAdmin(admin.ModelAdmin):
    list_display = ["target", "measure", "window", "stage", "min_investment", "per_district"]
    raw_id_fields = ["target"]


class EnterpriseYearInline(admin.TabularInline):
    model = EnterpriseYear
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "district", "industry", "synthetic"]
    search_fields = ["name", "credit_code"]
    inlines = [EnterpriseYearInline]
