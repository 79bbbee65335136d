from django.urls import path

from dangvu.inspection.views import discipline, inspections, programmes, statistics

app_name = "inspection"

urlpatterns = [
    path("", inspections.inspection_list_view, name="list"),
    path("new/", inspections.inspection_create_view, name="create"),
    path("<int:pk>/", inspections.inspection_detail_view, name="detail"),
    path("<int:pk>/subject-report/", inspections.subject_report_view, name="subject_report"),
    path("<int:pk>/team-report/", inspections.team_report_view, name="team_report"),
    path("<int:pk>/conclusion/", inspections.conclude_view, name="conclude"),
    path("<int:pk>/conclusion.docx", inspections.conclusion_docx_view, name="conclusion_docx"),
    path("<int:pk>/decision.docx", inspections.decision_docx_view, name="decision_docx"),
    path("<int:pk>/attach/", inspections.attach_view, name="attach"),
    path("<int:pk>/follow/", inspections.follow_view, name="follow"),
    path("documents/<int:pk>/", inspections.attachment_download_view, name="attachment"),
    path("recommendations/", inspections.recommendations_view, name="recommendations"),
    path("programmes/", programmes.programme_list_view, name="programmes"),
    path("programmes/new/", programmes.programme_create_view, name="programme_create"),
    path("programmes/template.xlsx", programmes.plan_template_view, name="plan_template"),
    path("programmes/<int:pk>/", programmes.programme_detail_view, name="programme"),
    path("programmes/<int:pk>/items/", programmes.planned_item_add_view, name="item_add"),
    path("programmes/<int:pk>/import/", programmes.plan_import_view, name="plan_import"),
    path(
        "programmes/<int:pk>/import/confirm/",
        programmes.plan_import_confirm_view,
        name="plan_import_confirm",
    ),
    path("programmes/<int:pk>/export.xlsx", programmes.plan_export_view, name="plan_export"),
    path("discipline/", discipline.discipline_list_view, name="discipline_list"),
    path("discipline/new/", discipline.discipline_create_view, name="discipline_create"),
    path("discipline/<int:pk>/", discipline.discipline_detail_view, name="discipline"),
    path("discipline/<int:pk>/complaints/", discipline.complaint_add_view, name="complaint_add"),
    path(
        "discipline/<int:pk>/complaints/<int:complaint_pk>/",
        discipline.complaint_decide_view,
        name="complaint_decide",
    ),
    path("statistics/", statistics.statistics_view, name="statistics"),
    path("statistics/export.xlsx", statistics.statistics_export_view, name="statistics_export"),
]
