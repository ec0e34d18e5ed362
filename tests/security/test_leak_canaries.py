"""Leak canaries: private writing reaches nobody but its author, anywhere.

tests/security/world.py puts a unique marker in every private field (private and
not-yet-shared triggers, sealed check-in answers and the partner's unsent draft,
readiness notes, reflections, the pause reason, journals, the self-care plan, an
answer kept for the next session, the therapist's private note). Then every URL of
the project (found by walking the URL patterns, so new pages and exports are covered
the day they are added) is fetched by every actor as a page, as an htmx fragment,
and as a form post, plus the Django admin for staff, every kind of email, and the
log output of the whole run. Only the marker's own author may ever see it.
"""

import logging
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone as tz

from accounts.models import EmailKind, Invitation, SafetyCheck
from accounts.notifications import send_once
from accounts.tasks import send_invitation
from agreements.reminders import remind_open_reviews
from notices.models import Kind
from notices.services import deliver_owed_emails, notify
from rituals.models import Ritual
from rituals.reminders import remind_rituals
from therapists.models import TherapistLink
from therapists.tasks import send_therapist_invitation
from triggers.models import Sharing, Trigger

from .routes import case_keys, case_url
from .world import ACTORS, reauthenticate_everyone

APP_METHODS = ("GET", "HX-GET", "POST", "HX-POST")

# Fragments and pages that only answer to query parameters.
EXTRA_QUERIES = {
    "checkins:history": lambda w: [{"span": "all"}, {"page": "2"}],
    "agreements:history": lambda w: [{"page": "2"}, {"reviews": "2"}],
    "triggers:index": lambda w: [{"page": "1", "shared_page": "1"}],
    "triggers:patterns": lambda w: [{"range": "all"}, {"of": "partner", "range": "all"}],
    "agreements:propose": lambda w: [{"from": w.ids["version"], "replaces": w.ids["proposal"]}],
    "agreements:compare": lambda w: [{"older": w.ids["version"], "newer": w.ids["proposal"]}],
    "therapists:couple_settings": lambda w: [{"page": "1"}, {"notes": "1"}],
    "therapists:couple_detail": lambda w: [{"page": "1"}],
    "therapists:dashboard": lambda w: [{"sort": "name"}, {"sort": "flags"}, {"page": "2"}],
    "together:journal": lambda w: [{"page": "1"}],
}

# Words that only appear once someone said they feel afraid: the support page that
# follows a "yes", and the therapist's view of an answer shared with them.
SAFETY_STATE = (
    "Thank you for telling us",
    "speak with a counsellor",
    "Safety check answers shared with you",
    "Safety concern shared with you",
)


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace") + "\n" + str(dict(response.headers))


def fetches(world, actor):
    """(what, text) of every response this actor can get from the project."""
    for key in case_keys():
        route, url = case_url(world, key)
        if route.is_admin:
            continue
        for method in APP_METHODS:
            htmx = method.startswith("HX-")
            response = world.request(actor, method.removeprefix("HX-"), url, htmx=htmx, fresh=True)
            yield f"{method} {url}", text_of(response)
        for query in EXTRA_QUERIES.get(route.name, lambda w: [])(world):
            for htmx in (False, True):
                response = world.request(actor, "GET", url, htmx=htmx, data=query, fresh=True)
                yield f"GET {url}?{query} htmx={htmx}", text_of(response)
    if actor == "staff":
        yield from admin_pages(world)


def admin_pages(world):
    """Every admin list and every object's change form and history."""
    for model in admin.site._registry:
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls = [reverse(f"{base}_changelist")]
        for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:50]:
            urls.append(reverse(f"{base}_change", args=[pk]))
            urls.append(reverse(f"{base}_history", args=[pk]))
        for url in urls:
            yield f"GET {url}", text_of(world.request("staff", "GET", url, fresh=True))


@pytest.fixture
def every_log(caplog):
    """Everything any logger says, at DEBUG level."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def logged_text(caplog) -> str:
    return caplog.text + "\n".join(record.getMessage() for record in caplog.records)


def email_text(message) -> str:
    parts = [message.subject, message.body, str(message.extra_headers)]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("actor", ACTORS)
def test_private_writing_reaches_nobody_else(world, db, every_log, actor):
    forbidden = world.forbidden_for(actor)
    own = {marker for marker in world.markers if world.may_see(actor, marker)}
    leaks, seen = [], set()
    fetched = 0
    for what, text in fetches(world, actor):
        fetched += 1
        leaks += [f"{what}: {marker}" for marker in forbidden if marker in text]
        seen |= {marker for marker in own if marker in text}
        if actor != "author":
            leaks += [f"{what}: {phrase!r}" for phrase in SAFETY_STATE if phrase in text]
    for message in mail.outbox:
        leaks += [f"email {message.subject!r}: {m}" for m in forbidden if m in email_text(message)]

    assert fetched > 100
    assert not leaks, "Private writing reached someone else:\n" + "\n".join(leaks)
    # The markers are really there: their authors see every one of them somewhere.
    assert seen == own, f"never shown to its author: {sorted(own - seen)}"
    logs = logged_text(every_log)
    assert not [marker for marker in world.markers if marker in logs]


def test_the_canaries_can_sing(world, db):
    """The check above would notice: once shared, the same markers do show."""
    with transaction.atomic():
        check = SafetyCheck.objects.get(user=world.people["sam"])
        check.share_with_therapist = True
        check.save(update_fields=["share_with_therapist"])
        Trigger.objects.filter(pk=world.ids["private_trigger"]).update(
            sharing=Sharing.SHARE_NOW, shared_at=tz.now()
        )
        url = reverse("triggers:detail", args=[world.ids["private_trigger"]])
        partner_view = text_of(world.client("partner").get(url))
        couple_url = reverse("therapists:couple_detail", args=[world.couple.pk])
        therapist_view = text_of(world.client("therapist").get(couple_url))
        transaction.set_rollback(True)

    assert any(marker in partner_view for marker in world.forbidden_for("partner"))
    assert any(phrase in therapist_view for phrase in SAFETY_STATE)


def email_producers(world) -> dict:
    """Every kind of email, sent the way the app sends it."""
    sam, alex = world.people["sam"], world.people["alex"]
    couple = world.couple

    def partner_invitation():
        invitation, token = Invitation.issue(couple, sam, "new.partner@example.test")
        send_invitation(invitation.pk, token)

    def therapist_invitation():
        world.ids["therapist_link"].end(sam)
        link = TherapistLink.objects.create(
            couple=couple, invited_email="new.therapist@example.test", invited_by=sam
        )
        send_therapist_invitation(link.pk)

    def notice_email(kind, to):
        """A notice of this kind, then its email through the outbox's sweep."""

        def produce():
            notify(kind, [to.pk], "/")
            deliver_owed_emails()

        return produce

    def ritual_reminder():
        """Sam asked for a reminder an hour before the daily tea: sent at its time."""
        ritual = Ritual.objects.get(pk=world.ids["ritual"])
        day = ritual.schedule.next_after(tz.now())
        with time_machine.travel(ritual.schedule.moment(day) - timedelta(minutes=30)):
            assert remind_rituals(tz.now()) == 1

    week = f"couple{couple.pk}:{world.ids['week']}"
    return {
        "trigger_shared": notice_email(Kind.TRIGGER_WAITING, alex),
        "proposal_pending": notice_email(Kind.PROPOSAL_WAITING, alex),
        "reassurance_arrived": notice_email(Kind.REASSURANCE_ARRIVED, sam),
        "answer_arrived": notice_email(Kind.ANSWER_ARRIVED, sam),
        "proposal_declined": notice_email(Kind.PROPOSAL_DECLINED, sam),
        "consent_asked": notice_email(Kind.CONSENT_ASKED, alex),
        "partner_left": notice_email(Kind.PARTNER_LEFT, sam),
        "repair_waiting": notice_email(Kind.REPAIR_STILL_WAITING, alex),
        "practice_news": notice_email(Kind.AGENDA_ITEM_ADDED, world.people["lee"]),
        "checkin_reminder": lambda: send_once(
            alex, EmailKind.CHECKIN_REMINDER, week, "checkin_reminder"
        ),
        "checkin_nudge": lambda: send_once(alex, EmailKind.CHECKIN_NUDGE, week, "checkin_nudge"),
        "plans_reminder": lambda: send_once(alex, EmailKind.PLANS_REMINDER, week, "plans_reminder"),
        "ritual_reminder": ritual_reminder,
        "review_reminder": lambda: remind_open_reviews(tz.now()),
        "invitation": partner_invitation,
        "therapist_invitation": therapist_invitation,
    }


def test_emails_carry_no_private_writing(world, db, every_log):
    templates = {
        path.name.removesuffix("_subject.txt")
        for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*_subject.txt")
    }
    producers = email_producers(world)
    assert templates <= producers.keys(), "add the new email kind to email_producers"
    sent = {}
    for name, produce in producers.items():
        mail.outbox.clear()
        with transaction.atomic():
            produce()
            transaction.set_rollback(True)
        assert mail.outbox, f"{name} sent nothing"
        sent[name] = "\n".join(email_text(message) for message in mail.outbox)
    # allauth's own emails: a password reset and an address confirmation (which asks
    # for a password entered minutes ago, so for a session re-authenticated now).
    reauthenticate_everyone(world)
    mail.outbox.clear()
    world.request(
        "anonymous", "POST", reverse("account_reset_password"), data={"email": "sam@example.test"}
    )
    world.request(
        "author",
        "POST",
        reverse("account_email"),
        data={"action_add": "", "email": "sam.other@example.test"},
        fresh=True,
    )
    sent["allauth"] = "\n".join(email_text(message) for message in mail.outbox)
    assert len(mail.outbox) == 2

    leaks = [f"{name}: {m}" for name, text in sent.items() for m in world.markers if m in text]
    leaks += [f"{name}: {p!r}" for name, text in sent.items() for p in SAFETY_STATE if p in text]
    assert not leaks
    logs = logged_text(every_log)
    assert not [marker for marker in world.markers if marker in logs]
