"""Rituals a couple agrees to keep, and a deck of questions to be curious together.

Who may do what is decided here, as domain methods; views only turn a refusal into a
403 or a form error. A ritual built on an exercise is open only while the pacing gate
opens that exercise's tier (`gate.GateResult.opens`, read through `pacing.models`):
the rule is never restated here.

Occurrences are computed (`rituals.schedule`), never stored; a row exists only for
what a partner marked. "How it felt" is a separate row, private to its author
(`Feeling.objects.visible_to`), so no query that shows marks can carry it.
"""

import zoneinfo
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner, settle
from pacing import gate
from pacing.models import TIER_NAMES, Exercise, library_text
from recovery.encryption import EncryptedCharField, EncryptedTextField

from .schedule import ALL_DAYS, Rhythm, Schedule, days_mask

TITLE_MAX = 80
LINE_MAX = 300
ANSWER_MAX = 2000
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]


class RitualError(Exception):
    """Something that cannot be done with this ritual now, worded for the person asking."""


class TierClosed(PermissionDenied):
    """An exercise's tier is not open for the couple: refused kindly (403)."""

    def __init__(self, tier: int, result: gate.GateResult):
        super().__init__()
        self.tier, self.result = tier, result


def open_tiers(result: gate.GateResult) -> list[int]:
    """The tiers the gate opens, as the gate itself says (`GateResult.opens`)."""
    return [tier for tier in range(gate.TOP_TIER + 1) if result.opens(tier)]


def valid_zone(name: str) -> bool:
    return name in zoneinfo.available_timezones()


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACTIVE = "active", _("Going")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Not taken up")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RitualQuerySet(models.QuerySet):
    def of_couple(self, couple_id: int):
        return self.filter(couple_id=couple_id)

    def agreed(self):
        """Rituals both accepted (going, paused or ended): their marks are history."""
        return self.filter(accepted_at__isnull=False)

    def current(self):
        return self.filter(status__in=[Status.PROPOSED, Status.ACTIVE, Status.PAUSED])

    def visible_to(self, membership: Membership):
        """Both partners see every ritual of their couple (no written text is private)."""
        return self.of_couple(membership.couple_id)


class Ritual(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="rituals")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.PROTECT, related_name="rituals"
    )
    # The couple's own words for the ritual; empty when it is an exercise's.
    title = EncryptedCharField(_("what we do"), max_length=TITLE_MAX, blank=True)
    rhythm = models.CharField(
        _("how often"),
        max_length=12,
        choices=[
            (Rhythm.DAILY, _("Every day")),
            (Rhythm.WEEKDAYS, _("On some days of the week")),
            (Rhythm.WEEKLY, _("Once a week")),
            (Rhythm.FORTNIGHTLY, _("Every other week")),
        ],
    )
    days = models.PositiveSmallIntegerField(default=ALL_DAYS)
    at_time = models.TimeField(_("at"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64)
    starts_on = models.DateField(_("from"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=tz.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    end_asked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_asked_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = RitualQuerySet.as_manager()

    class Meta:
        ordering = ["proposed_at", "pk"]
        indexes = [models.Index(fields=["couple", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1, days__lte=ALL_DAYS), name="ritual_days_mask"
            ),
        ]

    def __str__(self):
        return f"Ritual #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("rituals:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.title or (self.exercise.shown_title if self.exercise_id else "")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def schedule(self) -> Schedule:
        return Schedule(Rhythm(self.rhythm), self.days, self.starts_on, self.at_time, self.zone)

    def gate_allows(self, result: gate.GateResult) -> bool:
        """Open by the gate: always for the couple's own rituals; for one built on an
        exercise, while that exercise's tier is open."""
        return self.exercise_id is None or result.opens(self.exercise.tier)

    def is_going(self, result: gate.GateResult) -> bool:
        return self.status == Status.ACTIVE and self.gate_allows(result)

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.exercise.tier] if self.exercise_id else ""

    # Proposing and answering ------------------------------------------------------

    @classmethod
    def propose(cls, membership: Membership, result: gate.GateResult, **fields) -> "Ritual":
        """Suggest a ritual; it starts when the other partner accepts. Neither partner
        can suggest one on an exercise whose tier is closed (the gate is enforced on
        every action on an exercise)."""
        exercise = fields.get("exercise")
        if exercise is not None and not result.opens(exercise.tier):
            raise TierClosed(exercise.tier, result)
        fields["days"] = fields.get("days") or ALL_DAYS
        Schedule(Rhythm(fields["rhythm"]), fields["days"], fields["starts_on"], None, tz.UTC)
        with transaction.atomic():
            ritual = cls.objects.create(
                couple=membership.couple, proposed_by=membership.user, **fields
            )
            notify_partner(membership, NoticeKind.RITUAL_PROPOSED, ritual.path)
        return ritual

    def _claim(self, before: list[str], where: Q | None = None, **changes) -> None:
        """Move the ritual on once: a conditional update, so a double tap or both
        partners at once change it only one time."""
        claimed = Ritual.objects.filter(where or Q(), pk=self.pk, status__in=before).update(
            **changes
        )
        if not claimed:
            raise RitualError(_("This ritual has changed meanwhile. Here it is as it is now."))
        for field, value in changes.items():
            setattr(self, field, value)

    def accept(
        self, membership: Membership, result: gate.GateResult, now: datetime | None = None
    ) -> None:
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        if not self.gate_allows(result):
            raise TierClosed(self.exercise.tier, result)
        now = now or tz.now()
        with transaction.atomic():
            # It starts on the day both agreed, unless they chose a later one.
            starts = max(self.starts_on, now.astimezone(self.zone).date())
            self._claim([Status.PROPOSED], status=Status.ACTIVE, accepted_at=now, starts_on=starts)
            notify(
                NoticeKind.RITUAL_ACCEPTED,
                member_ids(self.couple_id, membership.user_id),
                self.path,
            )

    @transaction.atomic
    def decline(self, membership: Membership) -> None:
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        self._claim([Status.PROPOSED], status=Status.DECLINED, ended_at=tz.now())
        notify_partner(membership, NoticeKind.RITUAL_DECLINED, self.path)

    @transaction.atomic
    def withdraw(self, membership: Membership) -> None:
        if membership.user_id != self.proposed_by_id:
            raise PermissionDenied
        self._claim([Status.PROPOSED], status=Status.WITHDRAWN, ended_at=tz.now())
        # Nothing waits for the partner any more: their notice of it is settled.
        settle(NoticeKind.RITUAL_PROPOSED, self.path)

    # Pausing and ending ----------------------------------------------------------

    def pause(self, membership: Membership) -> None:
        """Either partner pauses, without asking: no one has to keep a ritual."""
        self._claim([Status.ACTIVE], status=Status.PAUSED, paused_at=tz.now())

    def resume(self, membership: Membership) -> None:
        self._claim([Status.PAUSED], status=Status.ACTIVE, paused_at=None)

    def ask_to_end(self, membership: Membership) -> None:
        """Ending changes something shared, so the other partner agrees to it."""
        if self.end_asked_at is not None:
            raise RitualError(_("Ending this ritual has already been asked."))
        with transaction.atomic():
            claimed = Ritual.objects.filter(
                pk=self.pk,
                status__in=[Status.ACTIVE, Status.PAUSED],
                end_asked_at__isnull=True,
            ).update(end_asked_by=membership.user, end_asked_at=tz.now())
            if not claimed:
                raise RitualError(_("This ritual has changed meanwhile. Here it is as it is now."))
            self.refresh_from_db(fields=["end_asked_by", "end_asked_at"])
            notify_partner(membership, NoticeKind.RITUAL_END_ASKED, self.path)

    def agree_to_end(self, membership: Membership) -> None:
        if self.end_asked_at is None or membership.user_id == self.end_asked_by_id:
            raise PermissionDenied
        with transaction.atomic():
            # Only while the ending is still asked, and by the other partner: a "keep it"
            # that crossed this answer wins.
            self._claim(
                [Status.ACTIVE, Status.PAUSED],
                Q(end_asked_at__isnull=False) & ~Q(end_asked_by=membership.user),
                status=Status.ENDED,
                ended_at=tz.now(),
            )
            notify(
                NoticeKind.RITUAL_ENDED, member_ids(self.couple_id, membership.user_id), self.path
            )

    def keep_going(self, membership: Membership) -> None:
        """The partner asked to end would rather keep it, or the asker changed their
        mind: the ritual simply carries on."""
        if self.end_asked_at is None:
            raise RitualError(_("Nobody has asked to end this ritual."))
        asked_by = self.end_asked_by_id
        with transaction.atomic():
            self._claim(
                [Status.ACTIVE, Status.PAUSED],
                Q(end_asked_at__isnull=False),
                end_asked_by=None,
                end_asked_at=None,
            )
            if asked_by == membership.user_id:  # the asker changed their mind
                settle(NoticeKind.RITUAL_END_ASKED, self.path)
            else:
                notify_partner(membership, NoticeKind.RITUAL_KEPT, self.path)

    # Marking an occurrence -------------------------------------------------------

    def mark(
        self,
        membership: Membership,
        result: gate.GateResult,
        occurrence,
        outcome: str,
        felt: int | None = None,
        line: str = "",
        now: datetime | None = None,
    ) -> "Mark":
        now = now or tz.now()
        if not self.is_going(result):
            raise RitualError(_("This ritual is resting just now, so there is nothing to mark."))
        if not self.schedule.falls_on(occurrence):
            raise RitualError(_("That day is not one of this ritual's days."))
        if not self.schedule.has_begun(occurrence, now):
            raise RitualError(_("That time has not come yet. You can mark it afterwards."))
        with transaction.atomic():
            mark, _created = Mark.objects.update_or_create(
                ritual=self,
                person=membership.user,
                occurrence=occurrence,
                defaults={"outcome": outcome, "marked_at": now},
            )
            if felt is not None or line:
                Feeling.objects.update_or_create(
                    ritual=self,
                    author=membership.user,
                    occurrence=occurrence,
                    defaults={"felt": felt, "line": line},
                )
        return mark


class Lead(models.IntegerChoices):
    """How long before a ritual's time its reminder comes (a ritual with no time of its
    own begins at the start of its day)."""

    QUARTER = 15, _("15 minutes before")
    HOUR = 60, _("An hour before")
    THREE_HOURS = 180, _("Three hours before")
    DAY = 1440, _("The day before")


class ReminderQuerySet(models.QuerySet):
    def of_going_rituals(self):
        """Reminders of rituals that are going, in open spaces, for active members."""
        return self.filter(
            ritual__status=Status.ACTIVE,
            ritual__couple__ended_at__isnull=True,
            person__is_active=True,
            person__memberships__couple=models.F("ritual__couple"),
            person__memberships__left_at__isnull=True,
        )


class Reminder(models.Model):
    """One person asked to be reminded of one ritual (their own choice, off by default)."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="ritual_reminders")
    lead_minutes = models.PositiveIntegerField(_("remind me"), choices=Lead.choices)
    created_at = models.DateTimeField(default=tz.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ritual", "person"], name="one_ritual_reminder_each")
        ]

    def __str__(self):
        return f"Reminder #{self.pk}"


class Outcome(models.TextChoices):
    DID = "did", _("We did it")
    SKIPPED = "skipped", _("We skipped it")


class MarkQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """Both partners (and a consenting therapist, as counts) see what each marked."""
        return self.filter(ritual__couple_id=membership.couple_id)

    def of_couple(self, couple_id: int):
        return self.filter(ritual__couple_id=couple_id)


class Mark(models.Model):
    """One partner's "we did it" or "we skipped it" for one occurrence of a ritual."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="marks")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    occurrence = models.DateField(_("the day"))
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    marked_at = models.DateTimeField(default=tz.now)

    objects = MarkQuerySet.as_manager()

    class Meta:
        ordering = ["occurrence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ritual", "person", "occurrence"], name="ritual_one_mark_each"
            )
        ]

    def __str__(self):
        return f"Mark #{self.pk}"


class FeelingQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """THE rule: how it felt is its author's alone; never the partner's or a
        therapist's."""
        return self.filter(author_id=user.pk)


class Feeling(models.Model):
    """How an occurrence felt, 0-10 and a line: private to its author."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="ritual_feelings")
    occurrence = models.DateField(_("the day"))
    felt = models.PositiveSmallIntegerField(
        _("how it felt (0-10)"), null=True, blank=True, validators=ZERO_TO_TEN
    )
    line = EncryptedTextField(_("a line for yourself"), max_length=LINE_MAX, blank=True)

    objects = FeelingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ritual", "author", "occurrence"], name="ritual_one_feeling_each"
            ),
            models.CheckConstraint(
                condition=Q(felt__isnull=True) | Q(felt__gte=0, felt__lte=10),
                name="ritual_felt_0_10",
            ),
        ]

    def __str__(self):
        return f"Feeling #{self.pk}"


# The curiosity deck ------------------------------------------------------------------


class CardQuerySet(models.QuerySet):
    def within(self, result: gate.GateResult):
        return self.filter(tier__in=open_tiers(result))


class Card(models.Model):
    """One open question of the deck (written for this product, seeded by a migration)."""

    slug = models.SlugField(max_length=60, unique=True)
    tier = models.PositiveSmallIntegerField(choices=list(TIER_NAMES.items()))
    text = models.CharField(max_length=300)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["tier", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tier__gte=0, tier__lte=gate.TOP_TIER), name="card_tier_0_4"
            )
        ]

    def __str__(self):
        return self.shown_text

    @property
    def shown_text(self) -> str:
        return library_text(self.text)


class Draw(models.Model):
    """A card the couple drew (one device or each their own): the latest is on the table."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="card_draws")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    drawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(default=tz.now)
    skipped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-drawn_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-drawn_at"])]

    def __str__(self):
        return f"Draw #{self.pk}"


class Favourite(models.Model):
    """A card the couple keeps (shared by both)."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="favourite_cards")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    kept_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kept_at = models.DateTimeField(default=tz.now)

    class Meta:
        ordering = ["-kept_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["couple", "card"], name="one_favourite_per_card")
        ]

    def __str__(self):
        return f"Favourite #{self.pk}"


class CardAnswerQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: my own answers, and my partner's that they chose to share."""
        return self.filter(couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id) | Q(shared=True)
        )


class CardAnswer(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="card_answers")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="card_answers")
    text = EncryptedTextField(_("my answer"), max_length=ANSWER_MAX)
    shared = models.BooleanField(_("shared with my partner"), default=False)
    written_at = models.DateTimeField(_("written"), default=tz.now)

    objects = CardAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "card", "author"], name="one_answer_per_card_each"
            )
        ]

    def __str__(self):
        return f"Answer #{self.pk} to card {self.card_id}"


def days_from(values) -> int:
    return days_mask(values) if values else 0
