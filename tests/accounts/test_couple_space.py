from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.access import couple_object_or_404
from accounts.models import Couple, Invitation, Membership, Role

from ..conftest import client_for, reauthenticated_client


def test_someone_without_a_couple_sees_a_calm_onboarding_page(loner):
    response = client_for(loner).get(reverse("home"))

    assert response.status_code == HTTPStatus.OK
    assert "Start your shared space" in response.content.decode()


@pytest.mark.parametrize("role", [Role.HURT, Role.INVOLVED])
def test_start_a_couple_space_choosing_a_role(loner, role):
    response = client_for(loner).post(reverse("start_couple"), {"role": role})

    assert response.status_code == HTTPStatus.FOUND
    membership = Membership.objects.get(user=loner)
    assert membership.role == role
    assert membership.couple.timezone == loner.timezone


@pytest.mark.parametrize("role", ["", "victim", "therapist", "HURT"])
def test_wrong_role_is_a_clear_form_error(loner, role):
    response = client_for(loner).post(reverse("start_couple"), {"role": role})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose" in response.content.decode()
    assert not Couple.objects.exists()


def test_a_person_in_a_couple_cannot_start_a_second(hurt, couple):
    client_for(hurt).post(reverse("start_couple"), {"role": Role.HURT})

    assert Couple.objects.count() == 1
    assert Membership.objects.filter(user=hurt).count() == 1


def test_leaving_explains_first_then_closes_the_space_for_both(hurt, involved, couple):
    client = reauthenticated_client(hurt)

    explanation = client.get(reverse("leave_couple"))
    assert "Each of you keeps a read-only archive" in explanation.content.decode()
    assert Membership.objects.active().count() == 2

    client.post(reverse("leave_couple"))

    couple.refresh_from_db()
    assert couple.ended_at is not None
    assert not Membership.objects.active().filter(couple=couple).exists()
    home = client_for(involved).get(reverse("home")).content.decode()
    assert "Your partner left the shared space." in home
    assert "start a new space" in home


def test_leaving_asks_for_the_password_again_after_a_while(hurt, couple):
    response = client_for(hurt).post(reverse("leave_couple"))

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_reauthenticate") in response["Location"]
    assert Membership.objects.active().filter(couple=couple).count() == 2


def test_after_leaving_a_person_can_start_again(hurt, couple):
    client = reauthenticated_client(hurt)
    client.post(reverse("leave_couple"))

    client.post(reverse("start_couple"), {"role": Role.HURT})

    assert Membership.objects.active().get(user=hurt).couple != couple


@pytest.mark.parametrize("url_name", ["invite_partner", "revoke_invitation", "leave_couple"])
@pytest.mark.parametrize("who", ["therapist", "loner"])
def test_people_without_a_couple_get_404_on_couple_actions(request, url_name, who):
    user = request.getfixturevalue(who)

    response = client_for(user).post(reverse(url_name))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_another_couples_objects_are_404_through_the_access_helper(hurt, couple, outsider):
    from django.http import Http404

    from accounts.access import active_membership

    their_invitation, _ = Invitation.issue(
        active_membership(outsider).couple, outsider, "someone@example.test"
    )
    mine = active_membership(hurt)

    with pytest.raises(Http404):
        couple_object_or_404(Invitation.objects.all(), mine, pk=their_invitation.pk)
    theirs = couple_object_or_404(
        Invitation.objects.all(), active_membership(outsider), pk=their_invitation.pk
    )
    assert theirs == their_invitation


def test_revoking_from_another_couple_does_not_touch_this_couples_invitation(hurt, outsider):
    Couple.start(hurt, Role.HURT)
    client_for(hurt).post(reverse("invite_partner"), {"email": "p@example.test"})

    client_for(outsider).post(reverse("revoke_invitation"))

    assert Invitation.objects.get().revoked_at is None


@pytest.mark.parametrize("weeks_of_history", [1, 60])
def test_couple_home_runs_the_same_queries_whatever_the_history(
    hurt, involved, couple, weeks_of_history, django_assert_max_num_queries
):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from checkins.models import CheckIn
    from triggers.models import Trigger

    start = timezone.now() - timedelta(weeks=weeks_of_history)
    Couple.objects.filter(pk=couple.pk).update(created_at=start - timedelta(days=1))
    couple.refresh_from_db()
    ratings = {"safety": 6, "trust": 5, "connection": 5, "hope": 6}
    for week in range(weeks_of_history):
        with time_machine.travel(start + timedelta(weeks=week), tick=False):
            checkin = CheckIn.objects.current_for(couple)
            checkin.submit(hurt, ratings)
            checkin.submit(involved, ratings)
            membership = hurt.memberships.get()
            now = timezone.now()
            Trigger.record(
                membership, now, occurred_at=now, category="place", intensity=5, sharing="share_now"
            )
    client = client_for(involved)
    client.get(reverse("home"))  # the first visit records the session
    with django_assert_max_num_queries(20):
        response = client.get(reverse("home"))
    assert "waiting for your reassurance" in response.content.decode()
