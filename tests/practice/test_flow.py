"""The therapist writes a practice, the partners it is for see and mark it; a partner
adds to the agenda, the therapist closes it with a note. Who is told, and the audit."""

from html import escape
from http import HTTPStatus

import pytest
from django.urls import reverse

from notices.models import Kind, Notice
from practice.models import Agenda, AgendaItem, ForWhom, Outcome, Practice, PracticeMark
from therapists.models import AuditAction, AuditEntry

from ..conftest import client_for
from .builders import member, written

pytestmark = pytest.mark.django_db


def _kinds(user):
    return list(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_therapist_writes_a_practice_both_see_it_on_today_and_together(
    couple, hurt, involved, lee
):
    response = client_for(lee).post(
        reverse("practice:write", args=[couple.pk]),
        {"text": "A walk, phones at home.", "week": _today(couple), "for_whom": "both"},
    )
    assert response.status_code == HTTPStatus.FOUND
    practice = Practice.objects.get()
    assert practice.therapist == lee and practice.due_week.weekday() == 0
    for person in (hurt, involved):
        assert Kind.PRACTICE_WRITTEN in _kinds(person)
        for page in ("home", "together:today"):
            assert "A practice from your therapist" in client_for(person).get(reverse(page)).text
        detail = client_for(person).get(practice.path)
        assert "A walk, phones at home." in detail.text
    assert Kind.PRACTICE_WRITTEN not in _kinds(lee)
    actions = set(AuditEntry.objects.filter(couple=couple).values_list("action", flat=True))
    assert AuditAction.WRITE_PRACTICE in actions


@pytest.mark.parametrize(
    ("focus", "title", "page"),
    [
        ("ritual", "Your rituals together", "rituals:index"),
        ("repair", "A repair conversation", "repair:list"),
        ("checkin", "This week's check-in", "checkins:this_week"),
    ],
)
def test_a_practice_can_point_to_one_of_the_couples_own_tools(
    couple, hurt, involved, lee, focus, title, page
):
    response = client_for(lee).post(
        reverse("practice:write", args=[couple.pk]),
        {"focus": focus, "week": _today(couple), "for_whom": "both"},
    )
    assert response.status_code == HTTPStatus.FOUND
    practice = Practice.objects.get()
    detail = client_for(hurt).get(practice.path).text
    assert escape(title) in detail
    assert f'href="{reverse(page)}"' in detail
    assert escape(title) in client_for(involved).get(reverse("home")).text


def test_a_practice_is_an_exercise_or_a_tool_not_both(couple, lee):
    from pacing.models import Exercise

    exercise = Exercise.objects.filter(tier=0).first()
    data = {"exercise": exercise.pk, "focus": "ritual", "week": _today(couple), "for_whom": "both"}
    response = client_for(lee).post(reverse("practice:write", args=[couple.pk]), data)
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Choose an exercise or a tool, not both." in response.text
    assert not Practice.objects.exists()


def _today(couple):
    from practice.models import this_week

    return this_week(couple).isoformat()


def test_a_practice_for_one_partner_is_seen_and_told_to_that_partner_only(
    couple, hurt, involved, lee
):
    practice = written(couple, lee, for_whom=ForWhom.INVOLVED)
    assert Kind.PRACTICE_WRITTEN in _kinds(involved)
    assert Kind.PRACTICE_WRITTEN not in _kinds(hurt)
    assert client_for(hurt).get(practice.path).status_code == HTTPStatus.NOT_FOUND
    assert client_for(involved).get(practice.path).status_code == HTTPStatus.OK
    assert "A practice from your therapist" not in client_for(hurt).get(reverse("home")).text


def test_marks_and_the_therapist_sees_completion_per_partner(couple, hurt, involved, lee):
    practice = written(couple, lee)
    client_for(hurt).post(reverse("practice:mark", args=[practice.pk]), {"outcome": "done"})
    client_for(involved).post(
        reverse("practice:mark", args=[practice.pk]),
        {"outcome": "hard", "line": "I kept wanting to explain."},
    )
    marks = dict(PracticeMark.objects.values_list("person_id", "outcome"))
    assert marks == {hurt.pk: Outcome.DONE, involved.pk: Outcome.HARD}
    page = client_for(lee).get(reverse("practice:therapist_couple", args=[couple.pk])).text
    assert "Sam: Done" in page and "Alex: Found it hard" in page
    assert "I kept wanting to explain." in page
    # Marking nothing takes the mark back.
    client_for(hurt).post(reverse("practice:mark", args=[practice.pk]), {"outcome": ""})
    assert not PracticeMark.objects.filter(person=hurt).exists()


def test_agenda_items_tell_the_therapist_and_closing_tells_both(couple, hurt, involved, lee):
    response = client_for(hurt).post(
        reverse("practice:agenda"), {"about": "own", "text": "The weekends."}
    )
    assert response.status_code == HTTPStatus.FOUND
    # (Dr Lee was also told when the couple linked and agreed: the kinds before.)
    assert _kinds(lee).count(Kind.AGENDA_ITEM_ADDED) == 1
    assert Kind.AGENDA_ITEM_ADDED not in _kinds(involved)
    therapist_page = reverse("practice:therapist_couple", args=[couple.pk])
    assert "The weekends." in client_for(lee).get(therapist_page).text
    agenda_notices = Notice.objects.filter(recipient=lee, kind=Kind.AGENDA_ITEM_ADDED)
    assert not agenda_notices.unread().exists()  # opened: read

    closed = client_for(lee).post(
        reverse("practice:close_agenda", args=[couple.pk]), {"note": "Well done, both."}
    )
    assert closed.status_code == HTTPStatus.FOUND
    for person in (hurt, involved):
        assert Kind.AGENDA_CLOSED in _kinds(person)
        page = client_for(person).get(reverse("practice:agenda")).text
        assert "Well done, both." in page and "The weekends." not in page
    assert Agenda.objects.closed().count() == 1
    # The next item starts a new agenda.
    AgendaItem.add(member(involved), about="own", text="Next time.")
    assert Agenda.objects.open().count() == 1
    actions = set(AuditEntry.objects.filter(couple=couple).values_list("action", flat=True))
    assert {AuditAction.VIEW_PRACTICE, AuditAction.CLOSE_AGENDA} <= actions


def test_no_therapist_no_agenda_notice(couple, hurt):
    AgendaItem.add(member(hurt), about="own", text="For later.")
    assert not Notice.objects.filter(kind=Kind.AGENDA_ITEM_ADDED).exists()


def test_one_open_agenda_even_when_both_add_the_first_item_at_once(couple, hurt, involved):
    from django.db import IntegrityError, transaction

    first = Agenda.open_for(couple)
    assert Agenda.open_for(couple) == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Agenda.objects.create(couple=couple)  # the constraint behind `open_for`
    assert Agenda.objects.open().count() == 1


def test_every_tool_a_plan_can_point_to_has_its_page():
    from django.urls import reverse

    from intensives.models import ELSEWHERE
    from practice.models import Focus
    from recovery.links import COUPLE_TOOLS

    for name in {*Focus.values, *ELSEWHERE}:
        assert reverse(COUPLE_TOOLS[name])
