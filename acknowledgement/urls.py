from django.urls import path

from . import views

app_name = "acknowledgement"

urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("write/save/", views.save, name="save"),
    path("write/review/", views.review, name="review"),
    path("<id:pk>/", views.letter, name="letter"),
    path("<id:pk>/choose/", views.choose, name="choose"),
    path("<id:pk>/reply/", views.reply, name="reply"),
    path("<id:pk>/share/", views.share, name="share"),
    path("couples/<id:couple_id>/", views.therapist, name="therapist"),
    path("couples/<id:couple_id>/comment/", views.comment, name="comment"),
]
