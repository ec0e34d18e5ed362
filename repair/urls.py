from django.urls import path

from . import views

app_name = "repair"

urlpatterns = [
    path("", views.repair_list, name="list"),
    path("start/", views.start, name="start"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/side/", views.save_side, name="save_side"),
    path("<id:pk>/heard/", views.answer_heard, name="answer_heard"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/plan/", views.propose_plan, name="propose_plan"),
    *(
        path(
            f"plan/<id:pk>/{decision}/",
            views.decide_plan,
            {"decision": decision},
            name=f"{decision}_plan",
        )
        for decision in ("accept", "decline", "withdraw")
    ),
]
