from django.urls import path

from luoshi.exchange import views

app_name = "exchange"
urlpatterns = [
    path("bulletin/", views.bulletin_page, name="bulletin"),
    path("ledger/all.xlsx", views.ledger_all, name="ledger_all"),
    path("ledger/<int:department_id>/", views.ledger_page, name="ledger"),
    path("ledger/<int:department_id>/sheet.xlsx", views.ledger_download, name="ledger_download"),
]
