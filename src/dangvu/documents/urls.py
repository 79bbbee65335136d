from django.urls import path

from dangvu.documents import views

app_name = "documents"
urlpatterns = [
    path("register/", views.register_view, name="register"),
    path("register.xlsx", views.register_xlsx_view, name="register_xlsx"),
    path("register/<int:pk>.docx", views.entry_docx_view, name="entry_docx"),
    path("register/<int:pk>/scan/", views.entry_scan_view, name="entry_scan"),
    path("register/<int:pk>/scan/upload/", views.entry_scan_upload_view, name="entry_scan_upload"),
]
