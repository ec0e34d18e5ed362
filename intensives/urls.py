from django.urls import path

from . import views

app_name = "intensives"

urlpatterns = [
    path("<id:pk>/", views.detail, name="detail"),
    path("steps/<id:pk>/", views.step, name="step"),
    path("steps/<id:pk>/start/", views.start, name="start"),
    path("steps/<id:pk>/turn/", views.next_turn, name="next_turn"),
    path("steps/<id:pk>/done/", views.complete, name="complete"),
    path("couples/<id:couple_id>/", views.therapist_couple, name="therapist_couple"),
    path("couples/<id:couple_id>/plan/", views.plan, name="plan"),
    path("couples/<id:couple_id>/<id:pk>/", views.therapist_intensive, name="therapist_intensive"),
    path("couples/<id:couple_id>/<id:pk>/steps/", views.add_step, name="add_step"),
]
