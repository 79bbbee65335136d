from django.urls import path

from dangvu.assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_create, name="create"),
    path("import/", views.conclusion_import_start, name="import"),
    path("import/create/", views.conclusion_import_create, name="import_create"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/edit/", views.task_update, name="update"),
    path("<int:pk>/publish/", views.task_publish, name="publish"),
]
