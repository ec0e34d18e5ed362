from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/export/", views.export_page, name="export"),
    path("me/export.json", views.export_download, name="export_download"),
    path("me/delete/", views.delete_account, name="delete_account"),
]
