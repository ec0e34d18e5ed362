from django.urls import path

from . import views

app_name = "triggers"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("patterns/", views.patterns, name="patterns"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/reassure/", views.reassure, name="reassure"),
]
