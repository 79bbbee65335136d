from django.urls import path

from dangvu.core import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.job_view, name="job"),
    path("<int:pk>/file/", views.job_output, name="job_output"),
]
