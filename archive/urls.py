from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("<int:couple_id>/", views.space, name="space"),
    path("<int:couple_id>/checkins/", views.checkins, name="checkins"),
    path("<int:couple_id>/triggers/", views.triggers, name="triggers"),
    path("<int:couple_id>/agreement/", views.agreement, name="agreement"),
    path("<int:couple_id>/questions/", views.questions, name="questions"),
]
