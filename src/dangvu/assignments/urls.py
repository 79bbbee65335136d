from django.urls import path

from dangvu.assignments import downloads, views

app_name = "assignments"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("export.xlsx", views.task_list_export, name="list_export"),
    path("new/", views.task_create, name="create"),
    path("import/", views.conclusion_import_start, name="import"),
    path("import/create/", views.conclusion_import_create, name="import_create"),
    path("bulk/", views.bulk_upload, name="bulk"),
    path("bulk/confirm/", views.bulk_confirm, name="bulk_confirm"),
    path("bulk/template/", views.bulk_template, name="bulk_template"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    path("notices/<int:pk>/", views.notice_progress_page, name="notice_progress"),
    path("notices/<int:pk>/export/", views.notice_progress_export, name="notice_progress_export"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/edit/", views.task_update, name="update"),
    path("<int:pk>/publish/", views.task_publish, name="publish"),
    path("<int:pk>/progress/", views.task_progress, name="progress"),
    path("<int:pk>/propose/", views.task_follow_up, {"action": "propose"}, name="propose"),
    path("<int:pk>/accept/", views.task_follow_up, {"action": "accept"}, name="accept"),
    path("<int:pk>/return/", views.task_follow_up, {"action": "return"}, name="return"),
    path("<int:pk>/deadline/", views.task_follow_up, {"action": "deadline"}, name="deadline"),
    path("<int:pk>/suspend/", views.task_follow_up, {"action": "suspend"}, name="suspend"),
    path("<int:pk>/followers/", views.task_follow_up, {"action": "followers"}, name="followers"),
    path("<int:pk>/resume/", views.task_follow_up, {"action": "resume"}, name="resume"),
    path("<int:pk>/split/", views.task_follow_up, {"action": "split"}, name="split"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/",
        downloads.evidence_download,
        name="evidence_download",
    ),
]
