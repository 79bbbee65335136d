from django.urls import path

from dangvu.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.round_list_view, name="rounds"),
    path("new/", views.round_create_view, name="round_create"),
    path("<int:pk>/", views.round_detail_view, name="round"),
    path("<int:pk>/subjects/", views.round_add_subjects_view, name="round_add_subjects"),
    path("<int:pk>/issue/", views.round_issue_view, name="round_issue"),
    path("<int:pk>/results.xlsx", views.round_results_xlsx_view, name="round_xlsx"),
    path("<int:pk>/decision.docx", views.round_decision_docx_view, name="round_docx"),
    path("<int:pk>/decision.pdf", views.round_decision_pdf_view, name="round_pdf"),
    path("<int:pk>/report/", views.round_fill_report_view, name="round_fill_report"),
    path("subjects/<int:pk>/", views.evaluation_detail_view, name="evaluation"),
    path("members/", views.member_list_view, name="members"),
    path("members/import/", views.member_import_view, name="member_import"),
    path("members/<int:pk>/", views.member_detail_view, name="member"),
]
