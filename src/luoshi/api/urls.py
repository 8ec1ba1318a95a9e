from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from luoshi.api import errors, views
from luoshi.api.permissions import PublicRead

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("plans", views.PlanViewSet, basename="plan")
router.register("sections", views.SectionViewSet, basename="section")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("targets", views.TargetViewSet, basename="target")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("reports", views.ProgressReportViewSet, basename="report")

app_name = "api"
urlpatterns = [
    *router.urls,
    # The schema and its viewers describe the API and hold no data: open to everyone.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[PublicRead]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[PublicRead]),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", permission_classes=[PublicRead]),
        name="redoc",
    ),
    re_path(r"^(?P<path>.*)$", errors.not_found),
]
