from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.access import couple_object_or_404
from accounts.models import Couple, Invitation, Membership, Role

from ..conftest import client_for


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
    client = client_for(hurt)

    explanation = client.get(reverse("leave_couple"))
    assert "Everything you wrote stays yours" in explanation.content.decode()
    assert Membership.objects.active().count() == 2

    client.post(reverse("leave_couple"))

    couple.refresh_from_db()
    assert couple.ended_at is not None
    assert not Membership.objects.active().filter(couple=couple).exists()
    home = client_for(involved).get(reverse("home")).content.decode()
    assert "Start your shared space" in home


def test_after_leaving_a_person_can_start_again(hurt, couple):
    client = client_for(hurt)
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


def test_couple_home_runs_a_bounded_number_of_queries(hurt, couple, django_assert_max_num_queries):
    client = client_for(hurt)
    with django_assert_max_num_queries(8):
        client.get(reverse("home"))
