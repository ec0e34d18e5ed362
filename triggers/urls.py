from django.urls import path

from . import views

app_name = "triggers"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("patterns/", views.patterns, name="patterns"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/reassure/", views.reassure, name="reassure"),
]
