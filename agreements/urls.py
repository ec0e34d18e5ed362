from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("propose/", views.propose, name="propose"),
    path("versions/<id:pk>/", views.version_detail, name="version"),
    path("versions/<id:pk>/accept/", views.accept, name="accept"),
    path("versions/<id:pk>/decline/", views.decline, name="decline"),
    path("versions/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("history/", views.history, name="history"),
    path("compare/", views.compare, name="compare"),
    path("print/", views.print_view, name="print"),
    path("review/", views.review, name="review"),
    path("review/reaffirm/", views.reaffirm, name="reaffirm"),
]
