"""A few unread notices for the demo couple, pointing at their real demo items."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from notices.models import Kind, Notice


def seed(people: dict[str, User]) -> None:
    """The demo's history is written through the features' own methods, which tell the
    partner each time: replace those (months of them, and the emails they owe) with a
    few recent, unread ones. Idempotent; written directly, so the demo sends no email."""
    from checkins.models import CheckIn
    from together.models import Question
    from triggers.models import Trigger

    hurt, involved = people["hurt"], people["involved"]
    now = timezone.now()
    wanted = {hurt: [], involved: []}
    reassured = Trigger.objects.filter(author=hurt, first_reassured_at__isnull=False).first()
    if reassured:
        wanted[hurt].append((Kind.REASSURANCE_ARRIVED, reassured.path))
    answered = Question.objects.filter(asked_by=hurt, answers__isnull=False).first()
    if answered:
        wanted[hurt].append((Kind.ANSWER_ARRIVED, answered.path))
    waiting = Trigger.objects.filter(author=hurt, sharing="share_now").order_by("-pk").first()
    if waiting:
        wanted[involved].append((Kind.TRIGGER_WAITING, waiting.path))
    revealed = CheckIn.objects.filter(couple__memberships__user=involved, revealed_at__isnull=False)
    latest = revealed.order_by("-week_start").first()
    if latest:
        wanted[involved].append((Kind.CHECKIN_REVEALED, latest.path))
    wanted[involved].append((Kind.THERAPIST_NOTE, reverse("therapists:couple_settings")))
    Notice.objects.filter(recipient__in=people.values()).delete()
    for person, notices in wanted.items():
        Notice.objects.bulk_create(
            Notice(recipient=person, kind=kind, path=path, created_at=now - timedelta(hours=n))
            for n, (kind, path) in enumerate(notices)
        )
