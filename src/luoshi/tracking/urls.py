from django.urls import path

from luoshi.tracking import actions, cycle_views, instruction_views, views

app_name = "tracking"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("home/", cycle_views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_page, name="plan"),
    path("plans/<int:plan_id>/preview/", actions.preview, name="preview"),
    path("tasks/<int:task_id>/", views.task_page, name="task"),
    path("tasks/<int:task_id>/report/", actions.submit_report, name="submit_report"),
    path("tasks/<int:task_id>/revise/", actions.revise_task, name="revise"),
    path("tasks/<int:task_id>/appeal/", cycle_views.raise_appeal, name="appeal"),
    path("tasks/<int:task_id>/close/", cycle_views.close_task, name="close"),
    path("tasks/<int:task_id>/contribute/", cycle_views.contribute, name="contribute"),
    path("tasks/<int:task_id>/reopen/", cycle_views.reopen_task, name="reopen"),
    path("appeals/<int:appeal_id>/decide/", cycle_views.decide_appeal, name="decide_appeal"),
    path("tasks/<int:task_id>/instruct/", instruction_views.instruct_task, name="instruct"),
    path(
        "departments/<int:department_id>/instruct/",
        instruction_views.instruct_department,
        name="instruct_department",
    ),
    path(
        "instructions/<int:instruction_id>/answer/",
        instruction_views.answer_instruction,
        name="answer",
    ),
    path("departments/mine/", cycle_views.my_tasks, name="my_department"),
    path("departments/<int:department_id>/", views.department_page, name="department"),
    path("review/", actions.review_queue, name="review"),
    path("assessment/", cycle_views.assessment_page, name="assessment"),
    path("reports/<int:report_id>/review/", actions.review_report, name="review_report"),
    path("reports/<int:report_id>/withdraw/", cycle_views.withdraw_report, name="withdraw"),
    path("review/approve/", cycle_views.approve_selected, name="approve_selected"),
    path("import/", actions.import_view, name="import"),
    path("jobs/<int:job_id>/", actions.job_page, name="job"),
]
