from django.urls import path

from dangvu.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.update, name="update"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/successor/", views.succeed, name="succeed"),
]
