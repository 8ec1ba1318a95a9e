from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from luoshi.api import errors, views
from luoshi.api.permissions import PublicRead

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.include_format_suffixes = False  # JSON only: no .json twins of every address
router.register("plans", views.PlanViewSet, basename="plan")
router.register("sections", views.SectionViewSet, basename="section")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("targets", views.TargetViewSet, basename="target")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("reports", views.ProgressReportViewSet, basename="report")

app_name = "api"
urlpatterns = [
    *router.urls,
    # The schema and its viewers describe the API and hold no data: open to everyone. The viewers
    # load nothing from elsewhere (sidecar files, no web fonts) and no inline script (the split
    # view serves its script as a file), so the site's Content-Security-Policy holds.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[PublicRead]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[PublicRead]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(
            url_name="api:schema", permission_classes=[PublicRead], template_name="api/redoc.html"
        ),
        name="redoc",
    ),
    re_path(r"^(?P<path>.*)$", errors.not_found, name="not_found"),
]
