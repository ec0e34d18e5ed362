from django.urls import path

from . import views

app_name = "installable"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # At the root, so the service worker's scope is the whole site.
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
