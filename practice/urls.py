from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/mark/", views.mark, name="mark"),
    path("<id:pk>/start/", views.start, name="start"),
    path("couples/<id:couple_id>/", views.therapist_couple, name="therapist_couple"),
    path("couples/<id:couple_id>/write/", views.write, name="write"),
    path("couples/<id:couple_id>/agenda/close/", views.close_agenda, name="close_agenda"),
]
