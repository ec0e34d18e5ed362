from django.urls import path

from . import views

app_name = "checkins"

urlpatterns = [
    path("", views.this_week, name="this_week"),
    path("history/", views.history, name="history"),
    path("week/<str:week>/", views.week, name="week"),
    path("week/<str:week>/status/", views.status, name="status"),
    path("week/<str:week>/answer/", views.save_answer, name="save_answer"),
    path("week/<str:week>/together/", views.save_shared, name="save_shared"),
]
