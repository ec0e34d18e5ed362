from django.urls import path

from . import views

app_name = "rituals"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/mark/", views.mark, name="mark"),
    path("<id:pk>/remind/", views.remind, name="remind"),
    *(
        path(f"<id:pk>/{verb.replace('_', '-')}/", getattr(views, verb), name=verb)
        for verb in (
            "accept",
            "decline",
            "withdraw",
            "pause",
            "resume",
            "ask_to_end",
            "agree_to_end",
            "keep_going",
        )
    ),
    path("deck/", views.deck_page, name="deck"),
    path("deck/draw/", views.draw, name="draw"),
    path("deck/skip/", views.skip, name="skip"),
    path("deck/cards/<id:pk>/favourite/", views.favourite, name="favourite"),
    path("deck/cards/<id:pk>/answer/", views.answer, name="answer"),
    path("couples/<id:couple_id>/", views.therapist_couple, name="therapist_couple"),
]
