from django.urls import path

from . import views

app_name = "forgiveness"

urlpatterns = [
    path("", views.space, name="space"),
    path("messages/new/", views.write, name="write"),
    path("messages/<id:pk>/", views.message, name="message"),
    path("messages/<id:pk>/share/", views.share, name="share"),
]
