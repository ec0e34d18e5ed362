from django.urls import path

from .views import goals, journal, pauses, questions, today, wins

app_name = "together"

urlpatterns = [
    path("", today.today, name="today"),
    path("questions/", questions.question_list, name="questions"),
    path("questions/<id:pk>/", questions.question_detail, name="question"),
    path("questions/<id:pk>/answer/", questions.answer_question, name="answer"),
    path("questions/<id:pk>/therapist/", questions.hold_for_therapist, name="with_therapist"),
    path("questions/<id:pk>/read/", questions.open_answer, name="open_answer"),
    path("questions/<id:pk>/revisit/", questions.revisit, name="revisit"),
    path("pause/", pauses.pause_page, name="pause"),
    path("pause/<id:pk>/end/", pauses.end_pause, name="end_pause"),
    path("wins/", wins.win_list, name="wins"),
    path("wins/<id:pk>/thank/", wins.thank_win, name="thank_win"),
    path("wins/<id:pk>/edit/", wins.edit_win, name="edit_win"),
    path("goals/", goals.goal_list, name="goals"),
    path("goals/<id:pk>/", goals.goal_detail, name="goal"),
    path("goals/<id:pk>/propose/", goals.propose_change, name="propose_change"),
    path("goals/<id:goal_pk>/steps/<id:pk>/", goals.mark_step, name="mark_step"),
    path(
        "goals/changes/<id:pk>/accept/",
        goals.decide_change,
        {"decision": "accept"},
        name="accept_change",
    ),
    path(
        "goals/changes/<id:pk>/decline/",
        goals.decide_change,
        {"decision": "decline"},
        name="decline_change",
    ),
    path(
        "goals/changes/<id:pk>/withdraw/",
        goals.decide_change,
        {"decision": "withdraw"},
        name="withdraw_change",
    ),
    path("journal/", journal.journal, name="journal"),
    path("journal/<id:pk>/delete/", journal.delete_entry, name="delete_entry"),
    path("journal/self-care/", journal.self_care, name="self_care"),
]
