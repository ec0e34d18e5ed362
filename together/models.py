"""Tools for the hard moments: questions, pauses, wins, shared goals, a private journal.

Who may do what is decided here, once, as domain methods; views only translate a
refusal into a 403 or a form error.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Max, Min, Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from recovery.encryption import EncryptedCharField, EncryptedJSONField, EncryptedTextField

QUESTION_MAX = 2000
ANSWER_MAX = 5000
PAUSE_REASON_MAX = 500
WIN_MAX = 1000
GOAL_TITLE_MAX = 120
GOAL_WHY_MAX = 1000
STEP_MAX = 200
STEPS_PER_GOAL = 12
JOURNAL_MAX = 5000
PLAN_MAX = 1000


class ToolError(Exception):
    """A request that cannot be done right now, worded for the person who asked."""


class StaleGoal(ToolError):
    """A goal change written on a version of the goal that is no longer current."""


# Questions and answers ---------------------------------------------------------------


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", _("I'm ready for the answer")
    AT_SESSION = "at_session", _("I want to ask, and hear it at our next session")


class QuestionQuerySet(models.QuerySet):
    def with_answer_times(self):
        return self.annotate(
            first_answered_at=Min("answers__created_at"),
            last_answered_at=Max("answers__created_at"),
            revision_count=Count("answers"),
        ).order_by("-asked_at", "-pk")

    def waiting_for_answer(self):
        """Not answered yet (and not kept for the therapist), or asked to be revisited."""
        return self.with_answer_times().filter(
            Q(last_answered_at__isnull=True, with_therapist_at__isnull=True)
            | Q(revisit_requested_at__gt=F("last_answered_at"))
        )


class Question(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=QUESTION_MAX)
    readiness = models.CharField(
        _("when you wanted the answer"), max_length=12, choices=Readiness.choices
    )
    asked_at = models.DateTimeField(_("asked"), default=tz.now)
    # "I'd like to answer this with our therapist present."
    with_therapist_at = models.DateTimeField(null=True, blank=True)
    revisit_requested_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-asked_at"])]

    def __str__(self):
        return f"Question #{self.pk}"

    @staticmethod
    def may_ask(membership: Membership) -> bool:
        return membership.is_hurt

    @staticmethod
    def may_answer(membership: Membership) -> bool:
        return membership.is_involved

    @classmethod
    @transaction.atomic
    def ask(cls, membership: Membership, text: str, readiness: str) -> "Question":
        if not cls.may_ask(membership):
            raise PermissionDenied
        question = cls.objects.create(
            couple=membership.couple, asked_by=membership.user, text=text, readiness=readiness
        )
        notify_partner(membership, NoticeKind.QUESTION_WAITING, question.path)
        return question

    @property
    def path(self) -> str:
        return reverse("together:question", args=[self.pk])

    @property
    def is_held_for_session(self) -> bool:
        return self.readiness == Readiness.AT_SESSION

    def answer(self, membership: Membership, text: str) -> "Answer":
        """Answer, or edit the answer: a new revision that keeps every earlier one."""
        if not self.may_answer(membership) or membership.couple_id != self.couple_id:
            raise PermissionDenied
        with transaction.atomic():
            Question.objects.select_for_update().filter(pk=self.pk).get()
            current = self.answers.order_by("-created_at", "-pk").first()
            if current and current.text == text:
                raise ToolError(_("That is the same as your current answer, so nothing changed."))
            try:
                with transaction.atomic():
                    answer = Answer.objects.create(
                        question=self, author=membership.user, text=text, supersedes=current
                    )
                    self._tell_the_asker(revised=current is not None)
                    return answer
            except IntegrityError:
                raise ToolError(
                    _("The answer changed while you were writing. Please look and try again.")
                ) from None

    def _tell_the_asker(self, revised: bool) -> None:
        # An answer the asker chose to hear at the session stays kept: no notice.
        if self.is_held_for_session:
            return
        kind = NoticeKind.ANSWER_REVISED if revised else NoticeKind.ANSWER_ARRIVED
        notify(kind, [self.asked_by_id], self.path)

    def hold_for_therapist(self, membership: Membership) -> None:
        if not self.may_answer(membership):
            raise PermissionDenied
        self.with_therapist_at = tz.now()
        self.save(update_fields=["with_therapist_at"])

    def open_answer(self, membership: Membership) -> None:
        """The person who asked decides they are ready to read the answer before the session."""
        if membership.user_id != self.asked_by_id:
            raise PermissionDenied
        self.readiness = Readiness.READY_NOW
        self.save(update_fields=["readiness"])

    def ask_to_revisit(self, membership: Membership) -> None:
        if membership.user_id != self.asked_by_id:
            raise PermissionDenied
        with transaction.atomic():
            self.revisit_requested_at = tz.now()
            self.save(update_fields=["revisit_requested_at"])
            notify_partner(membership, NoticeKind.QUESTION_WAITING, self.path)


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=ANSWER_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    # Each edit is a new row that supersedes the previous one: nothing is replaced silently.
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="superseded_by"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(supersedes__isnull=True),
                name="together_one_first_answer",
            )
        ]

    def __str__(self):
        return f"Answer #{self.pk} to question #{self.question_id}"


# Pauses ------------------------------------------------------------------------------

PAUSE_MAX = timedelta(hours=24)

OPENING_LINES = [
    _("Thank you for waiting. I'm calmer now, and I'd like to hear you."),
    _("I'm back. Can we start again, slowly, one of us speaking at a time?"),
    _("I needed that time. What I want most is for us to understand each other."),
    _("I'm ready to listen. Tell me what you'd like me to understand first."),
]


class PauseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True)

    def tell_time_up(self, now: datetime) -> int:
        """Tell both partners, once, that an open pause's time is up. The pause stays
        open, so both still see the calm opening line and "We're back". Each pause is
        claimed by a conditional update: safe to run twice."""
        told = 0
        due = self.open().filter(ends_at__lte=now, time_up_told_at__isnull=True)
        for pause in due.only("pk", "couple_id"):
            with transaction.atomic():
                claimed = Pause.objects.filter(
                    pk=pause.pk, ended_at__isnull=True, time_up_told_at__isnull=True
                ).update(time_up_told_at=now)
                if claimed:
                    path = reverse("together:pause")
                    notify(NoticeKind.PAUSE_ENDED, member_ids(pause.couple_id), path)
                    told += 1
        return told


class Pause(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="pauses")
    requested_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("started"), default=tz.now)
    ends_at = models.DateTimeField(_("planned end"))
    # Private to the person who asked for the pause: never shown to the partner.
    reason = EncryptedTextField(max_length=PAUSE_REASON_MAX, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # When both partners were told the time is up (a notice), if it ran out while open.
    time_up_told_at = models.DateTimeField(null=True, blank=True)

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple"],
                condition=Q(ended_at__isnull=True),
                name="together_one_open_pause",
            )
        ]

    def __str__(self):
        return f"Pause #{self.pk}"

    @classmethod
    def start(cls, membership: Membership, ends_at: datetime, reason: str = "") -> "Pause":
        now = tz.now()
        if not now < ends_at <= now + PAUSE_MAX:
            raise ToolError(_("A pause can last up to 24 hours."))
        with transaction.atomic():
            Couple.objects.select_for_update().filter(pk=membership.couple_id).get()
            # A pause whose time is up but that nobody closed ends when its time ran out.
            cls.objects.open().filter(couple_id=membership.couple_id, ends_at__lte=now).update(
                ended_at=F("ends_at")
            )
            if cls.objects.open().filter(couple_id=membership.couple_id).exists():
                raise ToolError(_("A pause is already running. It ends before a new one starts."))
            try:
                with transaction.atomic():
                    pause = cls.objects.create(
                        couple_id=membership.couple_id,
                        requested_by=membership.user,
                        started_at=now,
                        ends_at=ends_at,
                        reason=reason,
                    )
                    notify_partner(membership, NoticeKind.PAUSE_ASKED, reverse("together:pause"))
                    return pause
            except IntegrityError:
                raise ToolError(_("A pause is already running.")) from None

    def is_over(self, now: datetime) -> bool:
        return self.ended_at is not None or now >= self.ends_at

    def end(self, membership: Membership) -> None:
        """The person who paused may come back early; once the time is up either may."""
        now = tz.now()
        if membership.user_id != self.requested_by_id and now < self.ends_at:
            raise PermissionDenied
        with transaction.atomic():
            ended = Pause.objects.filter(pk=self.pk, ended_at__isnull=True).update(ended_at=now)
            if ended and self.time_up_told_at is None:
                notify_partner(membership, NoticeKind.PAUSE_ENDED, reverse("together:pause"))
        self.ended_at = self.ended_at or now

    @property
    def length(self) -> timedelta:
        return (self.ended_at or self.ends_at) - self.started_at

    @property
    def opening_line(self) -> str:
        return OPENING_LINES[(self.pk or 0) % len(OPENING_LINES)]


# Wins and appreciation ---------------------------------------------------------------


class WinKind(models.TextChoices):
    SMALL_WIN = "small_win", _("A small win")
    APPRECIATION = "appreciation", _("Something I appreciate about you")


class Win(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="wins")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=14, choices=WinKind.choices)
    text = EncryptedTextField(max_length=WIN_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    thanked_at = models.DateTimeField(_("thanked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-created_at"])]

    def __str__(self):
        return f"Win #{self.pk}"

    @classmethod
    def note(cls, membership: Membership, kind: str, text: str) -> "Win":
        return cls.objects.create(
            couple=membership.couple, author=membership.user, kind=kind, text=text
        )

    def thank(self, membership: Membership) -> None:
        if membership.user_id == self.author_id:
            raise PermissionDenied
        now = tz.now()
        Win.objects.filter(pk=self.pk, thanked_at__isnull=True).update(thanked_at=now)
        self.thanked_at = self.thanked_at or now

    def may_edit(self, membership: Membership) -> bool:
        return membership.user_id == self.author_id

    def edit(self, membership: Membership, kind: str, text: str) -> None:
        if not self.may_edit(membership):
            raise PermissionDenied
        self.kind, self.text = kind, text
        self.save(update_fields=["kind", "text"])


# Shared goals ------------------------------------------------------------------------


class GoalQuerySet(models.QuerySet):
    def with_progress(self):
        return self.annotate(
            step_count=Count("steps"),
            done_count=Count("steps", filter=Q(steps__done_at__isnull=False)),
        )


class Goal(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="goals")
    title = EncryptedCharField(max_length=GOAL_TITLE_MAX)
    why = EncryptedTextField(max_length=GOAL_WHY_MAX, blank=True)
    # Raised by every accepted change, so a proposal made against an older goal is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=tz.now)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    def replace_steps(self, texts: list[str]) -> None:
        """Keep steps whose text stays (with their ticks), drop the others, add new ones."""
        # Step texts are encrypted, so they are compared here rather than in SQL
        # (a goal has at most STEPS_PER_GOAL steps).
        current = list(self.steps.all())
        kept = {step.text: step for step in current}
        self.steps.filter(pk__in=[step.pk for step in current if step.text not in texts]).delete()
        for position, text in enumerate(texts):
            step = kept.get(text)
            if step is None:
                Step.objects.create(goal=self, text=text, position=position)
            elif step.position != position:
                step.position = position
                step.save(update_fields=["position"])


class Step(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedCharField(max_length=STEP_MAX)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    def mark(self, membership: Membership, done: bool) -> None:
        """Either partner ticks a step, or unticks it (idempotent for double clicks)."""
        if done == (self.done_at is not None):
            return
        self.done_at, self.done_by = (tz.now(), membership.user) if done else (None, None)
        self.save(update_fields=["done_at", "done_by"])


class ChangeOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class GoalChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decided_at__isnull=True)

    def for_partner_of(self, user: User):
        return self.pending().exclude(proposed_by=user)


class GoalChange(models.Model):
    """A proposed new goal (goal is empty) or a new title, why and step list for a goal.

    It takes effect only when the other partner accepts it.
    """

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="goal_changes")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    proposed_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    title = EncryptedCharField(max_length=GOAL_TITLE_MAX)
    why = EncryptedTextField(max_length=GOAL_WHY_MAX, blank=True)
    steps = EncryptedJSONField(default=list)
    base_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=ChangeOutcome.choices, blank=True)

    objects = GoalChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(decided_at__isnull=True),
                name="together_one_pending_goal_change",
            )
        ]

    def __str__(self):
        return f"Goal change #{self.pk}"

    @classmethod
    def propose(
        cls,
        membership: Membership,
        goal: Goal | None,
        title: str,
        why: str,
        steps: list[str],
        seen_version: int | None = None,
    ) -> "GoalChange":
        """`seen_version` is the goal's version the proposer was looking at: a change
        written on an older one is refused, so it never undoes an agreed change."""
        if goal is not None and seen_version is not None and seen_version != goal.version:
            raise StaleGoal(
                _(
                    "Your partner's change to this goal was agreed while you were writing. "
                    "The goal as it is now is shown above, and your words are still in the "
                    "form: combine them and propose again."
                )
            )
        try:
            with transaction.atomic():
                change = cls.objects.create(
                    couple=membership.couple,
                    goal=goal,
                    proposed_by=membership.user,
                    title=title,
                    why=why,
                    steps=steps,
                    base_version=goal.version if goal else 0,
                )
                notify_partner(membership, NoticeKind.GOAL_CHANGE_WAITING, change.path)
                return change
        except IntegrityError:
            raise ToolError(
                _("A change to this goal is already waiting. It needs an answer first.")
            ) from None

    def _decide(self, user: User, outcome: ChangeOutcome) -> None:
        """Claim the proposal with a conditional update so it is decided once only."""
        now = tz.now()
        claimed = GoalChange.objects.filter(pk=self.pk, decided_at__isnull=True).update(
            decided_at=now, decided_by=user, outcome=outcome
        )
        if not claimed:
            raise ToolError(_("This proposal has already been answered."))
        self.decided_at, self.decided_by, self.outcome = now, user, outcome
        others = member_ids(self.couple_id, exclude=user.pk)
        notify(NoticeKind.GOAL_CHANGE_DECIDED, others, self.path)

    @property
    def path(self) -> str:
        """A change to a goal is answered on the goal's page, a new goal on the list."""
        if self.goal_id:
            return reverse("together:goal", args=[self.goal_id])
        return reverse("together:goals")

    def accept(self, membership: Membership) -> Goal:
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        with transaction.atomic():
            self._decide(membership.user, ChangeOutcome.ACCEPTED)
            if self.goal_id is None:
                goal = Goal.objects.create(couple_id=self.couple_id, title=self.title, why=self.why)
            else:
                goal = Goal.objects.select_for_update().get(pk=self.goal_id)
                if goal.version != self.base_version:
                    raise ToolError(_("The goal has changed since this was proposed."))
                goal.title, goal.why, goal.version = self.title, self.why, goal.version + 1
                goal.save(update_fields=["title", "why", "version"])
            goal.replace_steps(self.steps)
            return goal

    @transaction.atomic
    def decline(self, membership: Membership) -> None:
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        self._decide(membership.user, ChangeOutcome.DECLINED)

    @transaction.atomic
    def withdraw(self, membership: Membership) -> None:
        if membership.user_id != self.proposed_by_id:
            raise PermissionDenied
        self._decide(membership.user, ChangeOutcome.WITHDRAWN)

    def step_changes(self, current: list[str]) -> tuple[list[str], list[str]]:
        """(added, removed) step texts compared with the goal's current steps."""
        added = [text for text in self.steps if text not in current]
        removed = [text for text in current if text not in self.steps]
        return added, removed


# Private journal and self-care plan --------------------------------------------------


class JournalEntryQuerySet(models.QuerySet):
    def written_by(self, user: User):
        return self.filter(author=user)


class JournalEntry(models.Model):
    """Belongs to the person, not the couple: only its author can ever see it."""

    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="journal_entries")
    text = EncryptedTextField(max_length=JOURNAL_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"Journal entry #{self.pk}"


class SelfCarePlan(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="self_care_plan")
    rest = EncryptedTextField(_("Rest"), blank=True)
    movement = EncryptedTextField(_("Movement"), blank=True)
    people_i_can_talk_to = EncryptedTextField(_("People I can talk to"), blank=True)
    my_own_therapy = EncryptedTextField(_("My own therapy"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), default=tz.now)

    def __str__(self):
        return f"Self-care plan of user {self.user_id}"


def _couple_of_goal(step) -> int | None:
    return Goal.objects.filter(pk=step.goal_id).values_list("couple_id", flat=True).first()


# Today keeps the couple's streaks as numbers in the cache (together.services.streaks).
versions.track(Win)
versions.track(Step, _couple_of_goal)
