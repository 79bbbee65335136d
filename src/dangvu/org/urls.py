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
    path("<int:pk>/lineage/", views.lineage, name="lineage"),
    path("<int:pk>/roles/", views.roles, name="roles"),
    path("<int:pk>/children/", views.tree_children, name="children"),
    path("succession/<int:pk>/", views.succession_edit, name="succession_edit"),
    path("reorganisations/", views.reorganisation_list, name="reorganisations"),
    path("reorganisations/<int:pk>/", views.reorganisation_detail, name="reorganisation"),
    path("reorganisations/<int:pk>/handover/", views.handover_plan, name="handover"),
    path(
        "reorganisations/<int:pk>/handover/<int:unit_pk>/",
        views.handover_unit,
        name="handover_unit",
    ),
    path(
        "reorganisations/<int:pk>/links.xlsx",
        views.reorganisation_links_export,
        name="reorganisation_links",
    ),
]
