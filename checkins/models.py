"""Weekly check-ins: each partner answers alone; both answers open together.

The seal lives in one place: `Answer.objects.visible_to(membership)`. Every view
that shows answers (pages, fragments, history, charts) reads them through it.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify
from recovery.encryption import EncryptedTextField
from triggers.models import Trigger

from . import weeks

RATING_MAX = 10
TEXT_MAX = 2000
JOINT_NOTE_MAX = 4000
NEXT_STEP_MAX = 300

# (field name, label, question) in the order shown everywhere.
RATINGS = [
    ("safety", _("Safety"), _("How safe did you feel with your partner this week?")),
    ("trust", _("Trust"), _("How much did you trust your partner this week?")),
    ("connection", _("Connection"), _("How connected did you feel to each other?")),
    ("hope", _("Hope"), _("How hopeful do you feel about the two of you?")),
]
RATING_FIELDS = [name for name, _label, _question in RATINGS]
# (field name, label, prompt) of the written answers.
TEXTS = [
    (
        "triggers_text",
        _("Hard moments this week"),
        _("What triggered you or felt hard? A few words is enough."),
    ),
    (
        "boundaries_text",
        _("Boundaries"),
        _("Which boundaries were kept, and does any need to change?"),
    ),
    (
        "win_text",
        _("A small win or an appreciation"),
        _("Something that went a little better, or something your partner did that you noticed."),
    ),
    (
        "need_text",
        _("What I need in the coming week"),
        _("One thing that would help you feel safer or closer."),
    ),
]
TEXT_FIELDS = [name for name, _label, _prompt in TEXTS]


class ExpectedHeadsUp(models.TextChoices):
    """The hurt partner's answer to "Did anything happen that you'd expected a heads-up
    about?": sealed with the rest of the answers until both have shared."""

    NO = "no", _("No, nothing")
    YES = "yes", _("Yes, something")


EXPECTED_HEADS_UP_QUESTION = _("Did anything happen that you'd expected a heads-up about?")


class CheckInError(Exception):
    """Something that cannot be done with this check-in, worded for the person asking."""


class StaleEdit(CheckInError):
    """The shared note changed since the person started editing it."""


class WeekState(models.TextChoices):
    OPEN = "open", _("Open")
    KEPT = "kept", _("Kept")
    MISSED = "missed", _("Missed")


@dataclass(frozen=True)
class WeekStatus:
    """Who has submitted this week: all a partner may know before the reveal."""

    week_start: date
    you_submitted: bool
    partner_submitted: bool
    # Last week, while this member can still share it (see late_week_for).
    late_week: date | None = None

    @property
    def revealed(self) -> bool:
        return self.you_submitted and self.partner_submitted


def week_state(week_start: date, revealed: bool, zone, now: datetime) -> WeekState:
    if revealed:
        return WeekState.KEPT
    if now >= weeks.week_closes_at(week_start, zone):
        return WeekState.MISSED
    return WeekState.OPEN


class CheckInQuerySet(models.QuerySet):
    def current_for(self, couple: Couple, now: datetime | None = None) -> "CheckIn":
        """This week's check-in of the couple, created the first time anyone asks."""
        week_start = weeks.week_start_for(now or tz.now(), couple.zone)
        return self._get_or_create(couple, week_start)

    def answerable_week(self, couple: Couple, week_start: date, now: datetime | None = None):
        """The check-in of a given week: created only while that week is still open."""
        now = now or tz.now()
        current = weeks.week_start_for(now, couple.zone)
        first = weeks.week_start_for(couple.created_at, couple.zone)
        if first <= week_start <= current and now < weeks.week_closes_at(week_start, couple.zone):
            return self._get_or_create(couple, week_start)
        checkin = self.filter(couple=couple, week_start=week_start).first()
        if checkin:
            checkin.couple = couple
        return checkin

    def late_week_for(self, membership: Membership, now: datetime | None = None) -> date | None:
        """Last week, when it is still open and this member has not shared it yet."""
        return self.status_for(membership, now).late_week

    def tally(self, couple: Couple, settled: date) -> dict:
        """In one query, whatever the length of the history: the couple's first check-in
        week, the weeks kept, those kept after `settled` (weeks still open for late
        answers), and the run of weeks kept one after another back from `settled`.

        With `weeks.streak` the streak is `kept_lately + run`: the same rule (weeks still
        open count when kept and never break the run), counted here in SQL so that the
        history page reads a fixed number of rows whatever its length.

        Kept weeks up to `settled` are numbered newest first, and the n-th belongs to the
        run exactly when it lies n - 1 weeks before `settled`: after the first gap (a week
        not kept, or with no check-in at all) every older one lies further back.
        """
        kept = Q(revealed_at__isnull=False)
        settled_kept = kept & Q(week_start__lte=settled)
        position = Window(
            RowNumber(),
            partition_by=[ExpressionWrapper(settled_kept, output_field=BooleanField())],
            order_by=F("week_start").desc(),
        )
        steps_back = ExpressionWrapper(
            (F("position") - 1) * Value(weeks.WEEK), output_field=DurationField()
        )
        expected = ExpressionWrapper(Value(settled) - steps_back, output_field=DateField())
        return (
            self.filter(couple=couple)
            .annotate(position=position)
            .aggregate(
                first=Min("week_start"),
                kept=Count("pk", filter=kept),
                kept_lately=Count("pk", filter=kept & Q(week_start__gt=settled)),
                run=Count("pk", filter=settled_kept & Q(week_start=expected)),
            )
        )

    def _get_or_create(self, couple: Couple, week_start: date) -> "CheckIn":
        # get_or_create copes with the partner opening the same week at the same moment.
        checkin, _created = self.get_or_create(couple=couple, week_start=week_start)
        checkin.couple = couple
        return checkin

    def status_for(self, membership: Membership, now: datetime | None = None) -> WeekStatus:
        """This week's status for a member, and last week's when they can still share it
        (for the couple home page). One query."""
        couple = membership.couple
        week_start = weeks.week_start_for(now or tz.now(), couple.zone)
        previous = week_start - weeks.WEEK
        submitted = set(
            Answer.objects.submitted()
            .filter(checkin__couple=couple, checkin__week_start__in=[week_start, previous])
            .values_list("checkin__week_start", "author_id")
        )
        authors = {author for week, author in submitted if week == week_start}
        can_catch_up = previous >= weeks.week_start_for(couple.created_at, couple.zone)
        return WeekStatus(
            week_start=week_start,
            you_submitted=membership.user_id in authors,
            partner_submitted=bool(authors - {membership.user_id}),
            late_week=previous
            if can_catch_up and (previous, membership.user_id) not in submitted
            else None,
        )


class CheckIn(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="checkins")
    week_start = models.DateField(
        _("week starting"), help_text="The Monday of the week, in the couple's time zone."
    )
    created_at = models.DateTimeField(default=tz.now)
    # Set once, when the second partner submits; the seal opens from then on.
    revealed_at = models.DateTimeField(null=True, blank=True)
    joint_note = EncryptedTextField(blank=True)
    next_step = EncryptedTextField(blank=True)
    # Optimistic concurrency for the joint note and next step.
    revision = models.PositiveIntegerField(default=0)
    shared_updated_at = models.DateTimeField(null=True, blank=True)
    shared_updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "week_start"], name="checkins_one_per_couple_week"
            )
        ]

    def __str__(self):
        return f"Check-in of {self.couple} for the week of {self.week_start}"

    @property
    def starts_at(self) -> datetime:
        return weeks.week_starts_at(self.week_start, self.couple.zone)

    @property
    def last_day(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def last_late_day(self) -> date:
        return self.week_start + timedelta(days=13)

    @property
    def closes_at(self) -> datetime:
        return weeks.week_closes_at(self.week_start, self.couple.zone)

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def path(self) -> str:
        return reverse("checkins:week", kwargs={"week": self.week_start.isoformat()})

    def is_open(self, now: datetime | None = None) -> bool:
        return (now or tz.now()) < self.closes_at

    def is_late(self, now: datetime | None = None) -> bool:
        return (now or tz.now()) >= weeks.week_ends_at(self.week_start, self.couple.zone)

    def state(self, now: datetime | None = None) -> WeekState:
        return week_state(self.week_start, self.is_revealed, self.couple.zone, now or tz.now())

    def submitted_author_ids(self) -> set[int]:
        """Who has submitted (never what): shown to both partners before the reveal."""
        return set(self.answers.submitted().values_list("author_id", flat=True))

    def save_draft(self, author: User, values: dict) -> "Answer":
        """Keep what the person has written so far; only they can see a draft."""
        with transaction.atomic():
            answer = self._lock_answer(author)
            answer.fill(values)
            answer.save(update_fields=Answer.EDITABLE + ["updated_at"])
        return answer

    def submit(self, author: User, values: dict) -> "Answer":
        """Submit an answer; when it is the second one, open the seal for both."""
        with transaction.atomic():
            answer = self._lock_answer(author)
            answer.fill(values)
            if not answer.has_all_ratings:
                raise CheckInError(_("Please choose a number for each rating before sharing."))
            answer.submitted_at = tz.now()
            answer.save(update_fields=Answer.EDITABLE + ["submitted_at", "updated_at"])
            # The partner may know *that* an answer was shared, never what it says,
            # until both have shared: then the one who shared first is told it opened.
            partners = member_ids(self.couple_id, exclude=author.pk)
            if self.answers.submitted().count() >= 2:
                self.revealed_at = answer.submitted_at
                self.save(update_fields=["revealed_at"])
                Trigger.objects.share_brought_to_checkin(
                    self.couple, self.last_day, self.revealed_at
                )
                notify(NoticeKind.CHECKIN_REVEALED, partners, self.path)
            else:
                notify(NoticeKind.PARTNER_CHECKED_IN, partners, self.path)
        return answer

    def _lock_answer(self, author: User) -> "Answer":
        CheckIn.objects.select_for_update().filter(pk=self.pk).first()
        if not self.is_open():
            raise CheckInError(
                _("This week's check-in has closed, so answers can no longer be added.")
            )
        answer, _created = Answer.objects.select_for_update().get_or_create(
            checkin=self, author=author
        )
        if answer.is_submitted:
            raise CheckInError(
                _("You have already shared your answers for this week. They are safe as they are.")
            )
        return answer

    def edit_shared(self, author: User, joint_note: str, next_step: str, revision: int) -> None:
        """Save the joint note and next step, only if made on the latest text."""
        if not self.is_revealed:
            raise CheckInError(
                _("The joint note opens once you have both shared your answers for this week.")
            )
        now = tz.now()
        updated = CheckIn.objects.filter(pk=self.pk, revision=revision).update(
            joint_note=joint_note,
            next_step=next_step,
            revision=F("revision") + 1,
            shared_updated_at=now,
            shared_updated_by=author,
        )
        self.refresh_from_db(
            fields=["joint_note", "next_step", "revision", "shared_updated_at", "shared_updated_by"]
        )
        if not updated:
            raise StaleEdit(
                _(
                    "Your partner changed this while you were writing. Their latest version "
                    "is shown below, and your text is still in the boxes: combine them and "
                    "save again."
                )
            )


class AnswerQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def revealed(self):
        """Answers of weeks both partners have submitted."""
        return self.filter(submitted_at__isnull=False, checkin__revealed_at__isnull=False)

    def visible_to(self, membership: Membership):
        """THE seal: your own answers, and your partner's only once both have submitted."""
        return self.filter(checkin__couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id)
            | Q(submitted_at__isnull=False, checkin__revealed_at__isnull=False)
        )


def _rating_field(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(RATING_MAX)]
    )


class Answer(models.Model):
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="checkin_answers")
    # Empty ratings are allowed in drafts only; submitting requires all of them.
    safety = _rating_field(_("Safety"))
    trust = _rating_field(_("Trust"))
    connection = _rating_field(_("Connection"))
    hope = _rating_field(_("Hope"))
    triggers_text = EncryptedTextField(_("hard moments this week"), blank=True)
    boundaries_text = EncryptedTextField(_("boundaries"), blank=True)
    win_text = EncryptedTextField(_("a small win or an appreciation"), blank=True)
    need_text = EncryptedTextField(_("what I need in the coming week"), blank=True)
    # Asked of the hurt partner only; it feeds the transparent-week count after the reveal.
    expected_heads_up = models.CharField(
        _("expected a heads-up"), max_length=3, choices=ExpectedHeadsUp.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("shared"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    EDITABLE = [*RATING_FIELDS, *TEXT_FIELDS, "expected_heads_up"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "author"], name="checkins_one_answer_per_partner"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": RATING_MAX}) | Q(**{f"{name}__isnull": True}),
                    name=f"checkins_answer_{name}_0_to_10",
                )
                for name in RATING_FIELDS
            ),
        ]

    def __str__(self):
        return f"Answer by user {self.author_id} to check-in {self.checkin_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def has_all_ratings(self) -> bool:
        return all(getattr(self, name) is not None for name in RATING_FIELDS)

    def fill(self, values: dict) -> None:
        for name in self.EDITABLE:
            if name in values:
                setattr(self, name, values[name])

    def ratings(self) -> list[tuple[str, int | None]]:
        return [(label, getattr(self, name)) for name, label, _question in RATINGS]

    def texts(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, name)) for name, label, _prompt in TEXTS]


# The therapist dashboard keeps each couple's last revealed check-in in the cache (a
# revealed week's answers no longer change; the reveal itself saves the check-in).
versions.track(CheckIn)
