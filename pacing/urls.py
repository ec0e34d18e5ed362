from django.urls import path

from . import views

app_name = "pacing"

urlpatterns = [
    path("", views.index, name="index"),
    path("readiness/", views.readiness, name="readiness"),
    path("lately/", views.false_connection, name="false_connection"),
    path("sessions/<id:pk>/", views.session_detail, name="session"),
    path("sessions/<id:pk>/complete/", views.complete, name="complete"),
    path("sessions/<id:pk>/reflect/", views.reflect, name="reflect"),
    path("<slug:slug>/", views.exercise_detail, name="exercise"),
    path("<slug:slug>/start/", views.start, name="start"),
]
