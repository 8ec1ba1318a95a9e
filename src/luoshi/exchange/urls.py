from django.urls import path

from luoshi.exchange import views

app_name = "exchange"
urlpatterns = [
    path("bulletin/", views.bulletin_page, name="bulletin"),
    path("bulletin/<int:issue_id>/", views.bulletin_issue, name="bulletin_issue"),
    path(
        "bulletin/<int:issue_id>/bulletin.docx",
        views.bulletin_download,
        name="bulletin_download",
    ),
    path("progress-workbook/all.xlsx", views.progress_workbook_all, name="progress_workbook_all"),
    path(
        "progress-workbook/all/",
        views.progress_workbook_all_page,
        name="progress_workbook_all_page",
    ),
    path(
        "progress-workbook/<int:department_id>/",
        views.progress_workbook_page,
        name="progress_workbook",
    ),
    path(
        "progress-workbook/<int:department_id>/sheet.xlsx",
        views.progress_workbook_download,
        name="progress_workbook_download",
    ),
]
