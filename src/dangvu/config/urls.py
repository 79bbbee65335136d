from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dangvu.config.api import api
from dangvu.portal import views as portal_views
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
    path("jobs/", include("dangvu.core.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    # The portal (issue 13): Wagtail's admin for the office, the public pages at /portal/.
    path("cms/", include(wagtailadmin_urls)),
    path("portal-office/", include("dangvu.portal.urls")),
    path("portal-files/", include(wagtaildocs_urls)),
    path("portal/<slug:slug>/sitemap.xml", portal_views.sitemap_view, name="portal_sitemap"),
    path("portal/", include(wagtail_urls)),
]
if settings.DEBUG:
    # Uploaded images and their renditions while developing (a web server serves MEDIA_ROOT).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
