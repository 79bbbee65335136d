from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from dangvu.config.api import api
from dangvu.workspace import views as workspace_views

urlpatterns = [
    path("", workspace_views.home, name="home"),
    path("accounts/", include("dangvu.accounts.urls")),
    path("org/", include("dangvu.org.urls")),
    path("tasks/", include("dangvu.assignments.urls")),
    path("reports/", include("dangvu.reports.urls")),
    path("meetings/", include("dangvu.meetings.urls")),
    path("inspection/", include("dangvu.inspection.urls")),
    path("documents/", include("dangvu.documents.urls")),
    path("notifications/", include("dangvu.notifications.urls")),
    path("evaluation/", include("dangvu.evaluation.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
