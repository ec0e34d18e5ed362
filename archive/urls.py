from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("<id:couple_id>/", views.space, name="space"),
    path("<id:couple_id>/checkins/", views.checkins, name="checkins"),
    path("<id:couple_id>/triggers/", views.triggers, name="triggers"),
    path("<id:couple_id>/agreement/", views.agreement, name="agreement"),
    path("<id:couple_id>/questions/", views.questions, name="questions"),
]
