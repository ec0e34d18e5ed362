from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse

from together.models import ChangeOutcome, Goal, GoalChange, Step, ToolError

from ..conftest import client_for

SEA = {"title": "A week by the sea", "why": "Somewhere only ours.", "steps": "Pick a place\nSave"}


@pytest.fixture
def goal(couple):
    goal = Goal.objects.create(couple=couple, title="A week by the sea", why="Only ours.")
    for position, text in enumerate(["Pick a place", "Save a little", "Book it"]):
        Step.objects.create(goal=goal, text=text, position=position)
    return goal


def test_a_new_goal_exists_only_once_the_partner_agrees(hurt, involved, couple):
    client_for(hurt).post(reverse("together:goals"), SEA)
    change = GoalChange.objects.get()
    assert not Goal.objects.exists()
    assert (
        "Proposed goal: A week by the sea"
        in client_for(involved).get(reverse("together:goals")).content.decode()
    )

    refused = client_for(hurt).post(reverse("together:accept_change", args=[change.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert not Goal.objects.exists()

    client_for(involved).post(reverse("together:accept_change", args=[change.pk]))

    goal = Goal.objects.get()
    assert (goal.title, goal.why) == ("A week by the sea", "Somewhere only ours.")
    assert [step.text for step in goal.steps.all()] == ["Pick a place", "Save"]


def test_a_goal_changes_only_with_both_partners_agreement(hurt, involved, goal):
    picked = next(step for step in goal.steps.all() if step.text == "Pick a place")  # encrypted
    goal.steps.filter(pk=picked.pk).update(done_at="2026-03-01T10:00Z")
    proposal = {
        "title": "Ten days by the sea",
        "why": "Only ours, and longer.",
        "steps": "Pick a place\nBook it\nPack light",
    }
    client_for(hurt).post(reverse("together:propose_change", args=[goal.pk]), proposal)

    goal.refresh_from_db()
    assert goal.title == "A week by the sea"
    page = client_for(involved).get(reverse("together:goal", args=[goal.pk])).content.decode()
    assert "Ten days by the sea" in page
    assert "Pack light" in page and "Save a little" in page  # added and removed shown
    change = GoalChange.objects.get()

    client_for(involved).post(reverse("together:accept_change", args=[change.pk]))

    goal.refresh_from_db()
    assert (goal.title, goal.why, goal.version) == ("Ten days by the sea", proposal["why"], 2)
    steps = list(goal.steps.all())
    assert [step.text for step in steps] == ["Pick a place", "Book it", "Pack light"]
    assert steps[0].done_at is not None  # a kept step keeps its tick


def test_a_declined_change_leaves_the_goal_as_it_was(hurt, involved, goal):
    client_for(hurt).post(
        reverse("together:propose_change", args=[goal.pk]), {**SEA, "title": "Just a weekend"}
    )
    change = GoalChange.objects.get()

    client_for(involved).post(reverse("together:decline_change", args=[change.pk]))

    goal.refresh_from_db()
    change.refresh_from_db()
    assert goal.title == "A week by the sea"
    assert goal.steps.count() == 3
    assert change.outcome == ChangeOutcome.DECLINED


def test_the_proposer_can_withdraw_but_not_the_partner(hurt, involved, goal):
    client_for(hurt).post(reverse("together:propose_change", args=[goal.pk]), SEA)
    change = GoalChange.objects.get()

    refused = client_for(involved).post(reverse("together:withdraw_change", args=[change.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
    client_for(hurt).post(reverse("together:withdraw_change", args=[change.pk]))

    change.refresh_from_db()
    assert change.outcome == ChangeOutcome.WITHDRAWN


def test_one_change_waits_at_a_time(hurt, involved, goal):
    client_for(hurt).post(reverse("together:propose_change", args=[goal.pk]), SEA)

    response = client_for(involved).post(
        reverse("together:propose_change", args=[goal.pk]), {**SEA, "title": "Mountains"}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "already waiting" in response.content.decode()
    assert GoalChange.objects.count() == 1


def test_a_proposal_is_applied_once_even_if_accepted_twice(
    hurt_membership, involved_membership, goal
):
    change = GoalChange.propose(hurt_membership, goal, "Ten days", "", ["Pack"])
    change.accept(involved_membership)
    stale_copy = GoalChange.objects.get(pk=change.pk)
    stale_copy.decided_at = None

    with pytest.raises(ToolError):
        stale_copy.accept(involved_membership)

    goal.refresh_from_db()
    assert goal.version == 2


def test_a_proposal_made_against_an_older_goal_cannot_be_accepted(
    hurt_membership, involved_membership, goal
):
    change = GoalChange.propose(hurt_membership, goal, "Ten days", "", [])
    Goal.objects.filter(pk=goal.pk).update(version=5)

    with pytest.raises(ToolError):
        change.accept(involved_membership)

    goal.refresh_from_db()
    change.refresh_from_db()
    assert goal.title == "A week by the sea"
    assert change.decided_at is None


def test_the_database_refuses_two_pending_changes_to_a_goal(hurt, couple, goal):
    GoalChange.objects.create(couple=couple, goal=goal, proposed_by=hurt, title="One")

    with pytest.raises(IntegrityError):
        GoalChange.objects.create(couple=couple, goal=goal, proposed_by=hurt, title="Two")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "steps": ""}, "Please give the goal a short name."),
        ({"title": "x" * 121}, "under 120 characters"),
        ({"title": "Sea", "steps": "\n".join(f"step {n}" for n in range(13))}, "12 steps"),
        ({"title": "Sea", "steps": "x" * 201}, "under 200 characters"),
    ],
)
def test_a_bad_goal_is_a_form_error(hurt, goal, data, message):
    for url in (reverse("together:goals"), reverse("together:propose_change", args=[goal.pk])):
        response = client_for(hurt).post(url, data)

        assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
        assert message in response.content.decode()
    assert not GoalChange.objects.exists()


@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_either_partner_ticks_a_step_with_htmx(request, goal, who):
    person = request.getfixturevalue(who)
    step = goal.steps.first()
    url = reverse("together:mark_step", args=[goal.pk, step.pk])

    response = client_for(person).post(url, {"done": "1"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<html" not in html and f'id="step-{step.pk}"' in html
    assert 'aria-pressed="true"' in html
    step.refresh_from_db()
    assert step.done_at is not None and step.done_by == person

    client_for(person).post(url, {"done": "0"})  # without JavaScript: a redirect

    step.refresh_from_db()
    assert step.done_at is None


def test_ticking_twice_keeps_the_first_tick(hurt, involved, goal):
    step = goal.steps.first()
    url = reverse("together:mark_step", args=[goal.pk, step.pk])
    client_for(hurt).post(url, {"done": "1"})

    client_for(involved).post(url, {"done": "1"})

    step.refresh_from_db()
    assert step.done_by == hurt


def test_steps_and_goals_of_another_couple_are_404(outsider, outsider_membership, goal):
    step = goal.steps.first()
    own_goal = Goal.objects.create(couple=outsider_membership.couple, title="Ours")
    client = client_for(outsider)

    assert client.get(reverse("together:goal", args=[goal.pk])).status_code == 404
    assert client.post(reverse("together:mark_step", args=[goal.pk, step.pk])).status_code == 404
    url = reverse("together:mark_step", args=[own_goal.pk, step.pk])
    assert client.post(url, {"done": "1"}).status_code == 404
    step.refresh_from_db()
    assert step.done_at is None


def test_a_change_written_on_an_older_goal_keeps_both_texts_in_view(hurt, involved, goal):
    # Sam opened the goal at version 1; meanwhile Alex's change was agreed.
    seen = client_for(hurt).get(reverse("together:goal", args=[goal.pk])).text
    assert 'name="version" value="1"' in seen
    change = GoalChange.propose(
        goal.couple.memberships.get(user=involved),
        goal,
        "Ten days by the sea",
        "Longer.",
        ["Pick a place"],
    )
    change.accept(goal.couple.memberships.get(user=hurt))
    sams = {"title": "A weekend by the lake", "why": "Closer.", "steps": "Ask Mum", "version": 1}

    response = client_for(hurt).post(reverse("together:propose_change", args=[goal.pk]), sams)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    body = response.text
    assert "agreed while you were writing" in body
    assert "Ten days by the sea" in body  # theirs, as it is now
    assert 'value="A weekend by the lake"' in body and "Ask Mum</textarea>" in body  # mine
    assert 'name="version" value="2"' in body  # proposing again builds on the current goal
    assert f'data-page-url="{reverse("together:goal", args=[goal.pk])}"' in body
    goal.refresh_from_db()
    assert goal.title == "Ten days by the sea"
    assert not GoalChange.objects.pending().exists()

    again = client_for(hurt).post(
        reverse("together:propose_change", args=[goal.pk]), sams | {"version": 2}
    )
    assert again.status_code == HTTPStatus.FOUND
    assert GoalChange.objects.pending().get().title == "A weekend by the lake"
