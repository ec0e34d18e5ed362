from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.models import Membership
from together.models import Answer, Question, Readiness

from ..conftest import client_for


def ask(membership, text="Where were you on Thursdays?", readiness=Readiness.READY_NOW):
    return Question.ask(membership, text, readiness)


def test_the_hurt_partner_asks_and_the_involved_partner_answers(hurt, involved, couple):
    response = client_for(hurt).post(
        reverse("together:questions"),
        {"text": "Did you ever bring them home?", "readiness": Readiness.READY_NOW},
    )
    question = Question.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert question.asked_by == hurt

    waiting = client_for(involved).get(reverse("together:today")).content.decode()
    assert "Did you ever bring them home?" in waiting

    client_for(involved).post(
        reverse("together:answer", args=[question.pk]), {"text": "No, never."}
    )

    page = client_for(hurt).get(reverse("together:question", args=[question.pk])).content.decode()
    assert "No, never." in page
    assert "First answered" in page
    assert (
        "Did you ever bring them home?"
        not in client_for(involved).get(reverse("together:today")).content.decode()
    )


def test_an_answer_edit_keeps_the_earlier_text_visible(hurt, involved, hurt_membership):
    question = ask(hurt_membership)
    client = client_for(involved)
    url = reverse("together:answer", args=[question.pk])
    client.post(url, {"text": "I was at the gym."})

    client.post(url, {"text": "I was with them, most Thursdays from March."})

    first, second = Answer.objects.order_by("created_at", "pk")
    assert second.supersedes == first
    assert first.text == "I was at the gym."
    page = client_for(hurt).get(reverse("together:question", args=[question.pk])).content.decode()
    assert "I was with them, most Thursdays from March." in page
    assert "I was at the gym." in page
    assert "Edited — the earlier version is shown below." in page
    assert page.index("most Thursdays") < page.index("I was at the gym.")


def test_resending_the_same_answer_is_a_form_error_not_a_revision(involved, hurt_membership):
    question = ask(hurt_membership)
    client = client_for(involved)
    url = reverse("together:answer", args=[question.pk])
    client.post(url, {"text": "No."})

    response = client.post(url, {"text": "No."})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "nothing changed" in response.content.decode()
    assert Answer.objects.count() == 1


def test_answering_ones_own_question_is_refused_clearly(hurt, hurt_membership):
    question = ask(hurt_membership)

    response = client_for(hurt).post(
        reverse("together:answer", args=[question.pk]), {"text": "Answering myself"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "belong to one person only" in response.content.decode()
    assert not Answer.objects.exists()


def test_only_the_hurt_partner_asks(involved, couple):
    response = client_for(involved).post(
        reverse("together:questions"), {"text": "Why?", "readiness": Readiness.READY_NOW}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Question.objects.exists()
    page = client_for(involved).get(reverse("together:questions")).content.decode()
    assert "Ask a question" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "readiness": "ready_now"}, "Please write something here first."),
        ({"text": "x" * 2001, "readiness": "ready_now"}, "under 2000 characters"),
        ({"text": "Why?", "readiness": "tomorrow"}, "Select a valid choice"),
        ({"text": "Why?"}, "Please choose when"),
    ],
)
def test_a_bad_question_is_a_form_error(hurt, couple, data, message):
    response = client_for(hurt).post(reverse("together:questions"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_a_too_long_answer_is_a_form_error(involved, hurt_membership):
    question = ask(hurt_membership)

    response = client_for(involved).post(
        reverse("together:answer", args=[question.pk]), {"text": "x" * 5001}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Answer.objects.exists()


def test_an_answer_for_the_session_waits_until_the_hurt_partner_is_ready(
    hurt, involved, hurt_membership, involved_membership
):
    question = ask(hurt_membership, readiness=Readiness.AT_SESSION)
    question.answer(involved_membership, "It started in March.")
    url = reverse("together:question", args=[question.pk])

    before = client_for(hurt).get(url).content.decode()
    assert "It started in March." not in before
    assert "kept until then" in before
    assert "It started in March." in client_for(involved).get(url).content.decode()

    client_for(hurt).post(reverse("together:open_answer", args=[question.pk]))

    assert "It started in March." in client_for(hurt).get(url).content.decode()


def test_only_the_asker_decides_to_read_early(involved, hurt_membership):
    question = ask(hurt_membership, readiness=Readiness.AT_SESSION)

    response = client_for(involved).post(reverse("together:open_answer", args=[question.pk]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    question.refresh_from_db()
    assert question.readiness == Readiness.AT_SESSION


def test_the_involved_partner_can_ask_to_answer_with_the_therapist(
    hurt, involved, hurt_membership, involved_membership
):
    question = ask(hurt_membership)

    client_for(involved).post(reverse("together:with_therapist", args=[question.pk]))

    question.refresh_from_db()
    assert question.with_therapist_at is not None
    page = client_for(hurt).get(reverse("together:question", args=[question.pk])).content.decode()
    assert "would like to answer this with your therapist present" in page
    assert not Question.objects.waiting_for_answer().exists()
    forbidden = client_for(hurt).post(reverse("together:with_therapist", args=[question.pk]))
    assert forbidden.status_code == HTTPStatus.FORBIDDEN


def test_a_question_can_be_revisited(hurt, hurt_membership, involved_membership):
    question = ask(hurt_membership)
    question.answer(involved_membership, "Yes.")
    assert not Question.objects.waiting_for_answer().exists()

    client_for(hurt).post(reverse("together:revisit", args=[question.pk]))

    assert list(Question.objects.waiting_for_answer()) == [question]
    question.answer(involved_membership, "Yes, and here is the rest of it.")
    assert not Question.objects.waiting_for_answer().exists()


def test_the_time_to_first_answer_is_shown_quietly(
    hurt, hurt_membership, involved_membership, time_machine
):
    time_machine.move_to("2026-03-02 10:00Z", tick=False)
    question = ask(hurt_membership)
    time_machine.move_to("2026-03-02 12:00Z", tick=False)
    question.answer(involved_membership, "Here is my answer.")
    time_machine.move_to("2026-03-05 12:00Z", tick=False)
    question.answer(involved_membership, "Here is my fuller answer.")

    page = client_for(hurt).get(reverse("together:question", args=[question.pk])).content.decode()
    listing = client_for(hurt).get(reverse("together:questions")).content.decode()

    assert "First answered 2\xa0hours after the question was asked." in page
    assert "answered after 2\xa0hours" in listing


@pytest.mark.parametrize("who", ["outsider", "therapist"])
def test_people_outside_the_couple_get_404(request, hurt_membership, who):
    question = ask(hurt_membership)
    client = client_for(request.getfixturevalue(who))

    assert client.get(reverse("together:question", args=[question.pk])).status_code == 404
    response = client.post(reverse("together:answer", args=[question.pk]), {"text": "x"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Answer.objects.exists()


def test_people_can_leave_with_their_answer_history(hurt, involved, hurt_membership):
    question = ask(hurt_membership)
    question.answer(Membership.objects.get(user=involved), "First")
    question.answer(Membership.objects.get(user=involved), "Second")

    involved.delete()

    assert not Answer.objects.exists()
    assert Question.objects.filter(pk=question.pk).exists()
