from django.urls import path

from luoshi.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read/", views.mark_read, name="mark_read"),
    path("urge/<int:task_id>/", views.urge_task, name="urge"),
]
