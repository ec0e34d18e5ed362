from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("propose/", views.propose, name="propose"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/accept/", views.accept, name="accept"),
    path("versions/<int:pk>/decline/", views.decline, name="decline"),
    path("versions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("history/", views.history, name="history"),
    path("compare/", views.compare, name="compare"),
    path("print/", views.print_view, name="print"),
    path("review/", views.review, name="review"),
]
