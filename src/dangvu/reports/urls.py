from django.urls import path

from dangvu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.period_list, name="list"),
    path("new/", views.period_create, name="create"),
    path("<int:pk>/", views.period_detail, name="period"),
    path("<int:pk>/outline/", views.outline_edit, name="outline"),
    path("<int:pk>/request/", views.contributions_request, name="request"),
    path("<int:pk>/remind/", views.remind_late, name="remind"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path("<int:pk>/draft/consolidate/", views.draft_consolidate, name="consolidate"),
    path("<int:pk>/draft/edit/", views.draft_edit, name="draft_edit"),
    path("<int:pk>/draft/diff/", views.draft_diff, name="diff"),
    path("<int:pk>/draft/comments/", views.comment_add, name="comment_add"),
    path(
        "<int:pk>/draft/comments/<int:comment_pk>/answer/",
        views.comment_answer,
        name="comment_answer",
    ),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/report.docx", views.download_docx, name="docx"),
    path("<int:pk>/report.pdf", views.download_pdf, name="pdf"),
    path("<int:pk>/indicators.xlsx", views.download_indicators, name="xlsx"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("contributions/<int:pk>/accept/", views.contribution_accept, name="accept"),
    path("contributions/<int:pk>/return/", views.contribution_return, name="return"),
    path(
        "contributions/<int:pk>/return-to-reporter/",
        views.contribution_return_to_reporter,
        name="return_to_reporter",
    ),
    path("contributions/<int:pk>/upload/", views.attachment_upload, name="upload"),
    path(
        "contributions/<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "contributions/<int:pk>/imports/<int:import_pk>/",
        views.import_review,
        name="import_review",
    ),
]
