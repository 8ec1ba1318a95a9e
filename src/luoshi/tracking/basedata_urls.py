from django.urls import path

from luoshi.tracking import basedata

app_name = "basedata"
urlpatterns = [
    path("", basedata.index, name="index"),
    path("departments/new/", basedata.department, name="new_department"),
    path("departments/file/", basedata.load_departments, name="load_departments"),
    path("departments/<int:department_id>/", basedata.department, name="department"),
    path("jurisdictions/new/", basedata.jurisdiction, name="new_jurisdiction"),
    path("jurisdictions/<int:jurisdiction_id>/", basedata.jurisdiction, name="jurisdiction"),
    path("people/new/", basedata.new_person, name="new_person"),
    path("people/<int:user_id>/", basedata.person, name="person"),
    path("people/<int:user_id>/password/", basedata.reset_password, name="reset_password"),
    path("people/<int:user_id>/active/", basedata.set_active, name="set_active"),
]
