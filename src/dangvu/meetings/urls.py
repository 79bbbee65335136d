from django.urls import path

from dangvu.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.conference_list_view, name="list"),
    path("new/", views.conference_create_view, name="create"),
    path("calendar.ics", views.calendar_ics_view, name="ics"),
    path("<int:pk>/", views.conference_detail_view, name="detail"),
    path("<int:pk>/edit/", views.conference_update_view, name="update"),
    path("<int:pk>/agenda/", views.agenda_add_view, name="agenda_add"),
    path("<int:pk>/delegates/", views.delegates_view, name="delegates"),
    path("<int:pk>/agenda/<int:item_pk>/minutes/", views.minutes_view, name="minutes"),
    path("<int:pk>/invite/", views.invite_view, name="invite"),
    path("<int:pk>/invitations/send/", views.send_invitations_view, name="send_invitations"),
    path("<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("<int:pk>/attendance.csv", views.attendance_export_view, name="attendance_csv"),
    path("<int:pk>/held/", views.held_view, name="held"),
    path("<int:pk>/close/", views.close_view, name="close"),
    path("<int:pk>/conclusion/", views.conclusion_view, name="conclusion"),
    path("<int:pk>/notice/issue/", views.issue_view, name="issue"),
    path("<int:pk>/notice.docx", views.notice_docx_view, name="notice_docx"),
    path("<int:pk>/notice.pdf", views.notice_pdf_view, name="notice_pdf"),
    path("<int:pk>/papers/<slug:kind>/", views.paper_view, name="paper"),
    path(
        "<int:pk>/papers/<slug:kind>/register/",
        views.paper_register_view,
        name="paper_register",
    ),
    path("<int:pk>/items/<int:item_pk>/task/", views.item_task_view, name="item_task"),
    path("<int:pk>/conclusion/tasks/", views.conclusion_tasks_view, name="conclusion_tasks"),
]
