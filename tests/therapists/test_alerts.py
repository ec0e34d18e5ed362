"""The therapist's alerts: a notice in their own "what's new" and a discreet email when
a couple links them, when both partners agree, when a flag appears and when an agenda
item is added. Each alert exactly once; the email says only that something is new."""

from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import EmailKind, EmailOptOut, SafetyCheck
from notices.models import Kind, Notice
from notices.services import deliver_owed_emails
from practice.models import About, AgendaItem
from therapists.alerts import alert_new_flags
from therapists.dashboard import Flag
from therapists.models import Consent, TherapistLink, TherapistProfile

from ..conftest import client_for
from .builders import kept_week, link, membership_of

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)


def alerts_of(therapist, kind=None):
    notices = Notice.objects.visible_to(therapist)
    return notices.filter(kind=kind) if kind else notices


def test_a_couple_linking_the_therapist_is_one_alert(dr_lee, hurt, couple):
    link(couple, dr_lee)

    notice = alerts_of(dr_lee).get()
    assert notice.kind == Kind.COUPLE_LINKED
    assert notice.path == reverse("therapists:dashboard")


def test_both_partners_agreeing_is_one_alert_not_two(dr_lee, hurt, involved, couple):
    therapist_link = link(couple, dr_lee, hurt)
    assert not alerts_of(dr_lee, Kind.COUPLE_SHARING).exists()  # one of two

    Consent.give(therapist_link, membership_of(involved))
    Consent.give(therapist_link, membership_of(involved), heads_ups_and_plans=True)  # again

    notice = alerts_of(dr_lee, Kind.COUPLE_SHARING).get()
    assert notice.path == reverse("therapists:couple_detail", args=[couple.pk])


def test_agreeing_again_after_a_withdrawal_is_news_again(dr_lee, hurt, involved, couple):
    therapist_link = link(couple, dr_lee, hurt, involved)
    Consent.withdraw(therapist_link, involved)
    Consent.give(therapist_link, membership_of(involved))

    assert alerts_of(dr_lee, Kind.COUPLE_SHARING).count() == 2


def test_an_agenda_item_is_one_alert(dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)

    AgendaItem.add(membership_of(hurt), about=About.OWN, text="Something private to bring")

    notice = alerts_of(dr_lee, Kind.AGENDA_ITEM_ADDED).get()
    assert notice.path == reverse("practice:therapist_couple", args=[couple.pk])


# --- Flags ---------------------------------------------------------------------------


def test_a_flag_alerts_once_when_it_appears_and_again_only_after_it_went_away(
    dr_lee, hurt, involved, couple
):
    link(couple, dr_lee, hurt, involved)
    assert alert_new_flags() == 0  # a new space, nothing flagged
    concern = SafetyCheck.objects.create(user=hurt, afraid="yes", share_with_therapist=True)

    assert alert_new_flags() == 1
    assert alert_new_flags() == 0  # the next run: nothing new
    assert TherapistLink.objects.get().alerted_flags == Flag.SAFETY_SHARED.value
    notice = alerts_of(dr_lee, Kind.FLAG_RAISED).get()
    assert notice.path == reverse("therapists:couple_detail", args=[couple.pk])

    concern.delete()
    assert alert_new_flags() == 0  # gone: nothing to say, but remembered as gone
    assert TherapistLink.objects.get().alerted_flags == ""
    SafetyCheck.objects.create(user=hurt, afraid="yes", share_with_therapist=True)
    assert alert_new_flags() == 1

    assert alerts_of(dr_lee, Kind.FLAG_RAISED).count() == 2


def test_a_flag_that_comes_with_time_alone_alerts_once(dr_lee, hurt, involved, couple):
    couple.created_at = NOW - timedelta(days=30)
    couple.save(update_fields=["created_at"])
    link(couple, dr_lee, hurt, involved)
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        kept_week(couple, couple.created_at.date(), {hurt: (6, 6, 6, 6), involved: (6, 6, 6, 6)})
        assert alert_new_flags() == 0
    with time_machine.travel(NOW, tick=False):  # two weeks without a check-in
        assert alert_new_flags() == 1
        assert alert_new_flags() == 0


def test_two_runs_at_once_alert_once(dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)
    SafetyCheck.objects.create(user=hurt, afraid="yes", share_with_therapist=True)
    stale = TherapistLink.objects.get()  # read by the other run before this one claims

    assert alert_new_flags() == 1
    assert stale.take_new_flags([Flag.SAFETY_SHARED]) == []
    assert alerts_of(dr_lee, Kind.FLAG_RAISED).count() == 1


def test_no_alert_without_both_consents(dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt)
    SafetyCheck.objects.create(user=hurt, afraid="yes", share_with_therapist=True)

    assert alert_new_flags() == 0
    assert not alerts_of(dr_lee, Kind.FLAG_RAISED).exists()


# --- The email and the count ------------------------------------------------------------


def test_the_email_says_only_that_something_is_new(
    dr_lee, hurt, involved, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link(couple, dr_lee, hurt, involved)
        AgendaItem.add(membership_of(hurt), about=About.OWN, text="zq-agenda-words")
    deliver_owed_emails()

    to_therapist = [m for m in mail.outbox if m.to == [dr_lee.email]]
    assert len(to_therapist) == 1  # three alerts in the hour, one email
    message = to_therapist[0]
    assert message.subject == "Something new in your Common Ground practice space"
    assert reverse("notices:inbox") in message.body
    for part in (message.subject, message.body, message.alternatives[0][0]):
        for word in ("zq-agenda-words", "Sam", "Alex", "agenda", "affair", "infidelity"):
            assert word.lower() not in part.lower()


def test_the_therapist_can_turn_the_email_off(dr_lee, hurt, involved, couple):
    EmailOptOut.objects.create(user=dr_lee, kind=EmailKind.PRACTICE_NEWS)

    link(couple, dr_lee, hurt, involved)
    deliver_owed_emails()

    assert not [m for m in mail.outbox if m.to == [dr_lee.email]]
    assert alerts_of(dr_lee).count() == 2  # still in their what's new


def test_the_therapist_has_what_is_new_with_its_count_on_the_navigation(
    dr_lee, hurt, involved, couple
):
    link(couple, dr_lee, hurt, involved)
    client = client_for(dr_lee)

    page = client.get(reverse("therapists:dashboard")).text
    inbox = client.get(reverse("notices:inbox"))

    assert 'id="notice-count"' in page
    assert 'data-notice-count="2"' in page
    assert inbox.status_code == HTTPStatus.OK
    assert "A couple agreed, both of them, to share with you" in inbox.text
    assert TherapistProfile.objects.filter(user=dr_lee).exists()
