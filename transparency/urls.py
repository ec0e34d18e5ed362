from django.urls import path

from .views import heads_ups, plans, tellings, therapist

app_name = "transparency"

urlpatterns = [
    path("heads-ups/", heads_ups.heads_up_list, name="heads_ups"),
    path("heads-ups/new/", heads_ups.new_heads_up, name="new"),
    path("heads-ups/<id:pk>/", heads_ups.heads_up_detail, name="heads_up"),
    path("heads-ups/<id:pk>/edit/", heads_ups.edit_heads_up, name="edit"),
    path("heads-ups/<id:pk>/thank/", heads_ups.thank, name="thank"),
    path("heads-ups/<id:pk>/ask/", heads_ups.ask, name="ask"),
    path("plans/", plans.plans, name="plans"),
    path("plans/reminder/", plans.reminder, name="plan_reminder"),
    path("plans/<str:week>/", plans.plan, name="plan"),
    path("telling/", tellings.tellings, name="tellings"),
    path("telling/<id:pk>/", tellings.telling, name="telling"),
    path("telling/<id:pk>/choose/", tellings.choose, name="choose"),
    path("couples/<id:couple_id>/", therapist.therapist_couple, name="therapist_couple"),
    path(
        "couples/<id:couple_id>/heads-ups/",
        therapist.therapist_heads_ups,
        name="therapist_heads_ups",
    ),
]
