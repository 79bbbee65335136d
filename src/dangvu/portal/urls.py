from django.urls import path

from dangvu.portal import views

app_name = "portal"

urlpatterns = [
    path(
        "conferences/<int:pk>/article/",
        views.article_from_conference_view,
        name="article_from_conference",
    ),
    path(
        "conferences/<int:pk>/publish-notice/",
        views.notice_publish_view,
        name="notice_publish",
    ),
    path(
        "reports/<int:pk>/article/",
        views.article_from_report_view,
        name="article_from_report",
    ),
    path(
        "reports/<int:pk>/publish/",
        views.report_publish_view,
        name="report_publish",
    ),
]
