from django.urls import path

from luoshi.public import evidence, views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("tasks/<int:task_id>/", views.task_page, name="task"),
    path("tasks/<int:task_id>/message/", views.leave_message, name="message"),
    path("evidence/<int:evidence_id>/", evidence.download, name="evidence"),
    path("evidence/<int:evidence_id>/flag/", evidence.flag, name="evidence_flag"),
    path("feedback/", views.feedback_queue, name="feedback_queue"),
    path("feedback/<int:feedback_id>/", views.moderate, name="moderate"),
]
