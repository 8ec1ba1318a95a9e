from django.urls import path

from luoshi.ledger import binding, entry, transfer, views

app_name = "ledger"
urlpatterns = [
    path("", views.ledger, name="list"),
    path("projects/new/", entry.new_project, name="new"),
    path("projects/pending/", entry.pending, name="pending"),
    path("projects/<int:project_id>/entry/", entry.review_entry, name="entry"),
    path("projects/<int:project_id>/money/", entry.set_money, name="money"),
    path("projects/<int:project_id>/", views.project_page, name="project"),
    path("projects/<int:project_id>/move/", views.move_project, name="move"),
    path("projects/<int:project_id>/edit/", views.edit_project, name="edit"),
    path("funnel/", views.funnel, name="funnel"),
    path("alerts/", views.alerts, name="alerts"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:target_id>/", views.target_page, name="target"),
    path("targets/<int:target_id>/bind/", binding.bind_target, name="bind"),
    path("targets/<int:target_id>/unbind/", binding.unbind_target, name="unbind"),
    path("import/", transfer.import_ledger, name="import"),
    path("export/", transfer.export_ledger, name="export"),
    path("muju/", transfer.ranking, name="ranking"),
    path("muju/import/", transfer.import_muju, name="import_muju"),
]
