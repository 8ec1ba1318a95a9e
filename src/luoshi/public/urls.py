from django.urls import path

from luoshi.public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("tasks/<int:task_id>/", views.task_page, name="task"),
    path("tasks/<int:task_id>/message/", views.leave_message, name="message"),
    path("feedback/", views.feedback_queue, name="feedback_queue"),
    path("feedback/<int:feedback_id>/", views.moderate, name="moderate"),
]
