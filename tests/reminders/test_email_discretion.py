"""Every kind of email is discreet: nothing anyone wrote, nothing revealing."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from accounts.access import active_membership
from accounts.models import Couple, Invitation, Role
from accounts.tasks import send_invitation
from agreements.models import Agreement
from agreements.tasks import open_reviews_and_remind
from checkins.models import CheckIn
from checkins.tasks import scan_checkin_reminders
from notices.models import Kind
from notices.services import deliver_owed_emails, notify
from therapists.models import TherapistLink
from therapists.tasks import send_therapist_invitation
from together.models import Question
from triggers.models import Trigger

from ..agreements.builders import adopt, propose
from ..factories import make_couple, make_user

MARK = "zq-secret-marker-"
REVEALING = ("affair", "infidel", "cheat", "betray", "trigger", "victim")


def written(label: str) -> str:
    return f"{MARK}{label}"


def test_no_email_kind_carries_written_text_or_revealing_words(db):
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        sam = make_user("sam@example.test", written("name-sam"), timezone="Europe/Paris")
        alex = make_user("alex@example.test", written("name-alex"), timezone="Europe/Paris")
        couple = make_couple(sam, alex, timezone="Europe/Paris")
        sam_member = active_membership(sam)
        CheckIn.objects.current_for(couple).save_draft(sam, {"win_text": written("draft")})
        agreement = Agreement.objects.for_couple(couple)
        adopt(agreement, sam, alex, digital=written("agreement"))
        trigger = Trigger.record(
            sam_member,
            timezone.now(),
            occurred_at=timezone.now(),
            category="place",
            intensity=7,
            sharing="share_now",
            what_happened=written("trigger"),
        )
        alex_member = active_membership(alex)
        trigger.reassure(alex, written("reassurance"), timezone.now())
        question = Question.ask(sam_member, written("question"), "ready_now")
        question.answer(alex_member, written("answer"))
        declined = propose(agreement, alex, reason=written("reason"), digital=written("no"))
        declined.decline(sam_member, written("comment"))
        version = propose(agreement, alex, reason=written("reason"), digital=written("proposal"))
        notify(Kind.CONSENT_ASKED, [sam.pk], "/therapists/")
        notify(Kind.PARTNER_LEFT, [sam.pk], "/")
        deliver_owed_emails()
        TherapistLink.objects.create(couple=couple, invited_email="dr@example.test", invited_by=sam)
        send_therapist_invitation(TherapistLink.objects.get().pk)
        newcomer = make_user("kim@example.test", written("name-kim"))
        invitation, token = Invitation.issue(
            Couple.start(newcomer, Role.HURT), newcomer, "p@x.test"
        )
        send_invitation(invitation.pk, token)
    sunday_evening = datetime(2026, 9, 13, 16, 5, tzinfo=UTC)  # 18:05 in Paris
    for moment in (sunday_evening, sunday_evening + timedelta(days=2)):
        with time_machine.travel(moment, tick=False):
            scan_checkin_reminders()
    with time_machine.travel(start + timedelta(days=31), tick=False):
        version.withdraw(active_membership(alex))
        open_reviews_and_remind()

    subjects = {message.subject for message in mail.outbox}
    assert len(subjects) >= 9, subjects  # every kind was really sent
    for message in mail.outbox:
        parts = [message.subject, message.body, *(c for c, _ in message.alternatives)]
        for part in parts:
            assert MARK not in part
            for word in REVEALING:
                assert word not in part.lower(), (message.subject, word)
