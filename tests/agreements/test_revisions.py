"""A revision takes effect only when both partners have accepted it."""

from http import HTTPStatus

from django.urls import reverse

from agreements.content import starter_sections
from agreements.models import Acceptance, Agreement, Version

from ..conftest import client_for
from .builders import adopt, form_data, member, propose


def test_a_revision_accepted_by_one_partner_only_is_not_current_and_by_both_it_is(
    hurt, involved, agreement
):
    first = adopt(agreement, involved, hurt)
    first_texts, first_accepted = (
        first.texts(),
        list(first.acceptances.values_list("partner", "accepted_at")),
    )

    revision = propose(agreement, hurt, digital="Phones stay open until our next review.")

    agreement.refresh_from_db()
    assert agreement.current_version == first
    assert revision.status == Version.Status.OPEN
    assert revision.number is None
    assert list(revision.acceptances.values_list("partner", flat=True)) == [hurt.pk]

    assert revision.accept(member(involved)) is True

    agreement.refresh_from_db()
    revision.refresh_from_db()
    assert agreement.current_version == revision
    assert revision.number == 2
    assert revision.digital == "Phones stay open until our next review."
    assert set(revision.acceptances.values_list("partner", flat=True)) == {hurt.pk, involved.pk}
    first.refresh_from_db()
    assert first.texts() == first_texts
    assert first.status == Version.Status.ACCEPTED
    assert first.number == 1
    assert list(first.acceptances.values_list("partner", "accepted_at")) == first_accepted


def test_the_first_version_starts_from_the_starter_and_needs_both(hurt, involved, couple):
    sam, alex = client_for(hurt), client_for(involved)

    overview = sam.get(reverse("agreements:overview"))
    assert "Start from the first draft" in overview.content.decode()
    form = sam.get(reverse("agreements:propose"))
    starter = starter_sections()
    assert starter["heated_moments"].split("\n")[1][:30] in form.content.decode().replace(
        "&quot;", '"'
    )

    sam.post(reverse("agreements:propose"), form_data(starter, reason="Our first agreement"))

    agreement = Agreement.objects.get(couple=couple)
    proposal = agreement.versions.get()
    assert agreement.current_version is None
    assert proposal.status == Version.Status.OPEN

    response = alex.post(reverse("agreements:accept", args=[proposal.pk]))

    assert response.status_code == HTTPStatus.FOUND
    agreement.refresh_from_db()
    assert agreement.current_version == proposal
    assert agreement.current_version.number == 1
    assert "Version 1, in place since" in sam.get(reverse("agreements:overview")).content.decode()


def test_a_counter_proposal_replaces_the_open_one_on_the_same_base(hurt, involved, agreement):
    current = adopt(agreement, involved, hurt)
    first = propose(agreement, hurt, contact="No contact at all, including at work.")
    counter_text = current.texts() | {"contact": "Work contact only, told the same day."}

    response = client_for(involved).post(
        reverse("agreements:propose"),
        form_data(counter_text, based_on=current, replaces=first, reason="Work makes it hard"),
    )

    assert response.status_code == HTTPStatus.FOUND
    first.refresh_from_db()
    counter = agreement.versions.get(status=Version.Status.OPEN)
    assert first.status == Version.Status.COUNTERED
    assert counter.replaces == first
    assert counter.based_on == current
    assert counter.proposed_by == involved
    # The counter-proposer's acceptance is implied; now the first proposer decides.
    assert counter.accept(member(hurt)) is True
    agreement.refresh_from_db()
    assert agreement.current_version.contact == "Work contact only, told the same day."


def test_the_partner_can_decline_with_a_comment_and_nothing_changes(hurt, involved, agreement):
    current = adopt(agreement, involved, hurt)
    proposal = propose(agreement, involved, whereabouts="Location sharing ends now.")

    response = client_for(hurt).post(
        reverse("agreements:decline", args=[proposal.pk]),
        {"comment": "I'm not ready for this yet. Can we talk about it in session?"},
    )

    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    agreement.refresh_from_db()
    assert proposal.status == Version.Status.DECLINED
    assert (
        proposal.decline_comment == "I'm not ready for this yet. Can we talk about it in session?"
    )
    assert agreement.current_version == current
    page = client_for(involved).get(reverse("agreements:version", args=[proposal.pk]))
    assert "I&#x27;m not ready for this yet" in page.content.decode()


def test_the_proposer_can_withdraw(hurt, involved, agreement):
    adopt(agreement, involved, hurt)
    proposal = propose(agreement, hurt, self_care="One evening a week each.")

    response = client_for(hurt).post(reverse("agreements:withdraw", args=[proposal.pk]))

    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == Version.Status.WITHDRAWN
    assert not agreement.versions.filter(status=Version.Status.OPEN).exists()


def test_only_one_open_proposal_at_a_time(hurt, involved, agreement):
    current = adopt(agreement, involved, hurt)
    waiting = propose(agreement, hurt, therapy="Sessions every two weeks.")
    alex = client_for(involved)

    response = alex.post(
        reverse("agreements:propose"),
        form_data(current.texts() | {"therapy": "Weekly sessions."}, based_on=current),
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "A proposal is already waiting" in response.content.decode()
    assert "Weekly sessions." in response.content.decode()  # nothing typed is lost
    assert list(agreement.versions.filter(status=Version.Status.OPEN)) == [waiting]
    assert alex.get(reverse("agreements:propose"))["Location"] == reverse(
        "agreements:version", args=[waiting.pk]
    )


def test_a_proposal_identical_to_the_current_text_is_refused_kindly(hurt, involved, agreement):
    current = adopt(agreement, involved, hurt)

    response = client_for(hurt).post(
        reverse("agreements:propose"), form_data(current.texts(), based_on=current)
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "same as your current agreement" in response.content.decode()
    assert agreement.versions.count() == 1


def test_the_agreement_waits_for_the_partner_to_join(loner):
    from accounts.models import Couple, Role

    Couple.start(loner, Role.HURT)
    client = client_for(loner)

    overview = client.get(reverse("agreements:overview"))
    response = client.post(reverse("agreements:propose"), form_data(starter_sections()))

    assert "Once your partner has joined" in overview.content.decode()
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Once your partner has joined" in response.content.decode()
    assert not Version.objects.exists()
    assert not Acceptance.objects.exists()


def test_declining_a_counter_proposal_puts_the_original_back_as_it_was(hurt, involved, agreement):
    current = adopt(agreement, involved, hurt)
    original = propose(agreement, hurt, contact="No contact at all, including at work.")
    original_texts, original_reason = original.texts(), original.reason
    counter_text = current.texts() | {"contact": "Work contact only, told the same day."}
    client_for(involved).post(
        reverse("agreements:propose"),
        form_data(counter_text, based_on=current, replaces=original, reason="Work makes it hard"),
    )
    counter = agreement.versions.get(status=Version.Status.OPEN)

    response = client_for(hurt).post(
        reverse("agreements:decline", args=[counter.pk]), {"comment": "Work is where it began."}
    )

    assert response.status_code == HTTPStatus.FOUND
    counter.refresh_from_db()
    original.refresh_from_db()
    assert counter.status == Version.Status.DECLINED
    assert counter.contact == "Work contact only, told the same day."  # kept in the history
    assert original.status == Version.Status.OPEN
    assert original.closed_at is None
    assert (original.texts(), original.reason) == (original_texts, original_reason)
    assert list(original.acceptances.values_list("partner", flat=True)) == [hurt.pk]
    assert agreement.open_proposal() == original
    # The involved partner can now answer the original again, and it takes effect.
    assert original.accept(member(involved)) is True
    agreement.refresh_from_db()
    assert agreement.current_version == original
