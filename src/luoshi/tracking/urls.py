from django.urls import path

from luoshi.tracking import actions, appeal_views, views

app_name = "tracking"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("plans/<int:plan_id>/preview/", actions.preview, name="preview"),
    path("tasks/<int:task_id>/", views.task_page, name="task"),
    path("tasks/<int:task_id>/report/", actions.submit_report, name="submit_report"),
    path("tasks/<int:task_id>/revise/", actions.revise_task, name="revise"),
    path("tasks/<int:task_id>/appeal/", appeal_views.raise_appeal, name="appeal"),
    path("appeals/<int:appeal_id>/decide/", appeal_views.decide_appeal, name="decide_appeal"),
    path("departments/mine/", views.my_department, name="my_department"),
    path("departments/<int:department_id>/", views.department_page, name="department"),
    path("review/", actions.review_queue, name="review"),
    path("reports/<int:report_id>/review/", actions.review_report, name="review_report"),
    path("import/", actions.import_view, name="import"),
]
