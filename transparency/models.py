"""Transparency in action: heads-ups given without being asked.

Visibility lives in ONE place, `HeadsUpQuerySet.visible_to`: a heads-up is shared
with the partner the moment it is posted (there is no private heads-up), so both
partners of the couple see every one. Editing keeps every earlier text as a
`HeadsUpVersion`, so nothing is replaced silently.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, User
from agreements.content import SECTIONS
from checkins import weeks
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from recovery.encryption import EncryptedJSONField, EncryptedTextField

LINE_MAX = 500
TELLING_MAX = 5000
DAY_MAX = 500
DAYS = 7


class HeadsUpKind(models.TextChoices):
    CONTACT = "contact", _("Contact from the affair partner, or about them")
    ONLINE = "online", _("An online moment")
    CHANGE_OF_PLAN = "change_of_plan", _("A change of plan")
    RUNNING_LATE = "running_late", _("Running late")
    FROM_ME_FIRST = "from_me_first", _("Something I want you to hear from me first")
    OTHER = "other", _("Something else")


SECTION_CHOICES = [(section.key, section.title) for section in SECTIONS]

# The agreement section a kind usually honours, when the person does not choose one.
USUAL_SECTION = {
    HeadsUpKind.CONTACT: "contact",
    HeadsUpKind.ONLINE: "digital",
    HeadsUpKind.CHANGE_OF_PLAN: "whereabouts",
    HeadsUpKind.RUNNING_LATE: "whereabouts",
}


def _to_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


class TransparencyError(Exception):
    """A request that cannot be done right now, worded for the person who asked."""


class HeadsUpQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: both partners of the couple see every heads-up (they are shared by
        definition). Works for an archived membership too."""
        return self.filter(couple_id=membership.couple_id)

    def for_therapist(self, link):
        """What a therapist (through `link`, already checked for access) may read: every
        heads-up of the couple, but only while both partners chose the item "heads-ups
        and plans" in their consent; otherwise none (the counts need no text)."""
        if not link.shares_heads_ups_and_plans():
            return self.none()
        return self.filter(couple_id=link.couple_id)

    def listed(self):
        """What a list row shows: the author, and how many earlier versions there are."""
        return (
            self.select_related("author")
            .annotate(edit_count=Count("versions"))
            .order_by("-happened_at", "-pk")
        )

    def per_week(self, couple: Couple, since: date) -> dict[date, int]:
        """How many heads-ups each local week (by its Monday) from `since` on."""
        start = weeks.local_midnight(since, couple.zone)
        rows = (
            self.filter(couple=couple, happened_at__gte=start)
            .annotate(week=TruncWeek("happened_at", tzinfo=couple.zone))
            .values("week")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["week"].date(): row["count"] for row in rows}

    def waiting_for_thanks_from(self, membership: Membership):
        return (
            self.visible_to(membership)
            .exclude(author_id=membership.user_id)
            .filter(acknowledged_at__isnull=True)
        )


class HeadsUp(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="heads_ups")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("what it is about"), max_length=20, choices=HeadsUpKind.choices)
    section = models.CharField(
        _("the part of our agreement it honours"),
        max_length=20,
        choices=SECTION_CHOICES,
        blank=True,
    )
    happened_at = models.DateTimeField(_("when"))
    line = EncryptedTextField(_("a line about it"), max_length=LINE_MAX, blank=True)
    created_at = models.DateTimeField(_("shared"), default=tz.now)
    edited_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("thanked"), null=True, blank=True)

    objects = HeadsUpQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-happened_at"])]

    def __str__(self):
        # Never the written line: this can end up in logs and the admin.
        return f"Heads-up #{self.pk} ({self.kind})"

    @property
    def path(self) -> str:
        return reverse("transparency:heads_up", args=[self.pk])

    @classmethod
    @transaction.atomic
    def post(
        cls,
        membership: Membership,
        kind: str,
        *,
        happened_at: datetime | None = None,
        line: str = "",
        section: str = "",
    ) -> "HeadsUp":
        """Share a heads-up with the partner, at once."""
        now = tz.now()
        heads_up = cls.objects.create(
            couple_id=membership.couple_id,
            author=membership.user,
            kind=kind,
            section=section or USUAL_SECTION.get(kind, ""),
            happened_at=happened_at or now,
            line=line,
            created_at=now,
        )
        notify_partner(membership, NoticeKind.HEADS_UP_SHARED, heads_up.path)
        return heads_up

    def may_edit(self, membership: Membership) -> bool:
        return membership.user_id == self.author_id

    def may_thank(self, membership: Membership) -> bool:
        return membership.user_id != self.author_id and membership.couple_id == self.couple_id

    def edit(
        self, membership: Membership, kind: str, happened_at: datetime, line: str, section: str
    ) -> None:
        """A new text for the heads-up; the one it replaces stays visible as a version."""
        if not self.may_edit(membership):
            raise PermissionDenied
        with transaction.atomic():
            locked = HeadsUp.objects.select_for_update().get(pk=self.pk)
            section = section or USUAL_SECTION.get(kind, "")
            new = (kind, happened_at, line, section)
            # The form shows the time to the minute: a time left as it was is unchanged.
            same_time = _to_minute(happened_at) == _to_minute(locked.happened_at)
            if same_time and (kind, line, section) == (locked.kind, locked.line, locked.section):
                raise TransparencyError(_("That is the same as before, so nothing changed."))
            HeadsUpVersion.objects.create(
                heads_up=locked,
                author_id=locked.author_id,
                kind=locked.kind,
                section=locked.section,
                happened_at=locked.happened_at,
                line=locked.line,
                written_at=locked.edited_at or locked.created_at,
            )
            now = tz.now()
            self.kind, self.happened_at, self.line, self.section = new
            self.edited_at = now
            self.save(update_fields=["kind", "happened_at", "line", "section", "edited_at"])
            others = member_ids(self.couple_id, exclude=self.author_id)
            notify(NoticeKind.HEADS_UP_CHANGED, others, self.path)

    def thank(self, membership: Membership) -> bool:
        """One tap: "thank you for telling me". Returns True the first time only."""
        if not self.may_thank(membership):
            raise PermissionDenied
        now = tz.now()
        with transaction.atomic():
            thanked = HeadsUp.objects.filter(pk=self.pk, acknowledged_at__isnull=True).update(
                acknowledged_at=now
            )
            if thanked:
                notify(NoticeKind.HEADS_UP_THANKED, [self.author_id], self.path)
        self.acknowledged_at = self.acknowledged_at or now
        return bool(thanked)

    def ask_about(self, membership: Membership, text: str, readiness: str):
        """A question about this heads-up, through the questions tool (who may ask is
        its rule), linked to the heads-up."""
        from together.models import Question

        if membership.user_id == self.author_id:
            raise PermissionDenied
        with transaction.atomic():
            question = Question.ask(membership, text, readiness)
            HeadsUpQuestion.objects.create(heads_up=self, question=question)
        return question


class HeadsUpVersion(models.Model):
    """An earlier text of a heads-up, kept when its author changed it."""

    heads_up = models.ForeignKey(HeadsUp, on_delete=models.CASCADE, related_name="versions")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("what it was about"), max_length=20, choices=HeadsUpKind.choices)
    section = models.CharField(
        _("the part of our agreement"), max_length=20, choices=SECTION_CHOICES, blank=True
    )
    happened_at = models.DateTimeField(_("when"))
    line = EncryptedTextField(_("a line about it"), max_length=LINE_MAX, blank=True)
    written_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"Earlier version #{self.pk} of heads-up #{self.heads_up_id}"


class HeadsUpQuestion(models.Model):
    """A question asked about a heads-up: the question itself lives in the questions tool."""

    heads_up = models.ForeignKey(HeadsUp, on_delete=models.CASCADE, related_name="questions")
    question = models.OneToOneField(
        "together.Question", on_delete=models.CASCADE, related_name="heads_up_link"
    )

    def __str__(self):
        return f"Question #{self.question_id} about heads-up #{self.heads_up_id}"


# Our week's plans -------------------------------------------------------------------


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PlanHabit(models.Model):
    """Whether the couple share their week's plans, and by which day (the day before
    the week, or a day of it). Off until the couple turn it on."""

    couple = models.OneToOneField(Couple, on_delete=models.CASCADE, related_name="plan_habit")
    plans_on = models.BooleanField(_("we share our week's plans"), default=False)
    share_by = models.PositiveSmallIntegerField(
        _("shared by"), choices=Weekday.choices, default=Weekday.SUNDAY
    )
    changed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Plan habit of couple #{self.couple_id}"


class PlanReminder(models.Model):
    """A person asked for a discreet reminder to share their plans (off unless asked)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="plan_reminder")
    created_at = models.DateTimeField(default=tz.now)

    def __str__(self):
        return f"Plan reminder of user #{self.user_id}"


class WeekPlanQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: my own plans, and my partner's once they shared them."""
        return self.filter(couple_id=membership.couple_id).filter(
            models.Q(author_id=membership.user_id) | models.Q(shared_at__isnull=False)
        )

    def shared(self):
        return self.filter(shared_at__isnull=False)

    def for_therapist(self, link):
        """Shared plans, for a therapist, only with the item "heads-ups and plans"
        chosen by both partners (see HeadsUpQuerySet.for_therapist)."""
        if not link.shares_heads_ups_and_plans():
            return self.none()
        return self.shared().filter(couple_id=link.couple_id)

    def transparent_run(self, couple: Couple, now: datetime) -> int:
        """The couple's run of transparent weeks (see transparency.streaks)."""
        from .streaks import transparent_weeks

        return transparent_weeks(couple, now)

    def shared_per_week(self, couple: Couple, since: date) -> dict[date, int]:
        """How many partners shared plans for each week from `since` on."""
        rows = (
            self.shared()
            .filter(couple=couple, week_start__gte=since)
            .values("week_start")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["week_start"]: row["count"] for row in rows}


class WeekPlan(models.Model):
    """One partner's plans for one week: a line of free text per day. Private while a
    draft; once shared, every change is kept as a version and shown as a change."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="week_plans")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(_("week of"))
    days = EncryptedJSONField(_("plans, day by day"), default=list)
    created_at = models.DateTimeField(default=tz.now)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed after sharing"), null=True, blank=True)

    objects = WeekPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start", "author_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "author", "week_start"], name="transparency_one_plan_a_week"
            )
        ]

    def __str__(self):
        return f"Plans #{self.pk} for the week of {self.week_start}"

    @property
    def path(self) -> str:
        return reverse("transparency:plan", args=[self.week_start.isoformat()])

    def day_lines(self) -> list[tuple[object, str]]:
        """(date, text) for each day of the week."""
        texts = list(self.days or []) + [""] * DAYS
        return [(self.week_start + timedelta(days=i), texts[i]) for i in range(DAYS)]

    @classmethod
    def save_for(
        cls, membership: Membership, week_start, days: list[str], share: bool
    ) -> "WeekPlan":
        """Write my plans for a week (now or later, never a past one). Sharing tells the
        partner; a change after sharing keeps the earlier plans as a version."""
        now = tz.now()
        if week_start < weeks.week_start_for(now, membership.couple.zone):
            raise TransparencyError(_("That week is over, so its plans can no longer change."))
        days = [text.strip() for text in days][:DAYS]
        with transaction.atomic():
            plan, _created = cls.objects.select_for_update().get_or_create(
                couple_id=membership.couple_id, author=membership.user, week_start=week_start
            )
            if plan.shared_at is not None:
                if plan.days == days:
                    raise TransparencyError(_("Nothing changed in your plans."))
                WeekPlanVersion.objects.create(
                    plan=plan,
                    author_id=plan.author_id,
                    days=plan.days,
                    written_at=plan.changed_at or plan.shared_at,
                )
                plan.days, plan.changed_at = days, now
                plan.save(update_fields=["days", "changed_at"])
                notify_partner(membership, NoticeKind.PLANS_CHANGED, plan.path)
                return plan
            plan.days = days
            fields = ["days"]
            if share:
                plan.shared_at = now
                fields.append("shared_at")
            plan.save(update_fields=fields)
            if share:
                notify_partner(membership, NoticeKind.PLANS_SHARED, plan.path)
            return plan


class WeekPlanVersion(models.Model):
    """Earlier plans, kept when their author changed them after sharing."""

    plan = models.ForeignKey(WeekPlan, on_delete=models.CASCADE, related_name="versions")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    days = EncryptedJSONField(_("plans, day by day"), default=list)
    written_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"Earlier plans #{self.pk} of plans #{self.plan_id}"


# Something I want to tell you ---------------------------------------------------------


class TellingQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: both partners see that something was offered; what it says is for
        its author, and for the reader once they chose to read it (`is_open_to`)."""
        return self.filter(couple_id=membership.couple_id)

    def waiting_for(self, membership: Membership):
        """Offered to this person and not opened by them yet."""
        return (
            self.visible_to(membership)
            .exclude(author_id=membership.user_id)
            .filter(opened_at__isnull=True)
        )


class Telling(models.Model):
    """Information offered without being asked. It reaches the partner like an answer
    to a question they did not have to ask, and they choose when to read it."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="tellings")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("what I want to tell you"), max_length=TELLING_MAX)
    # The author's wish; the reader decides (the questions tool's choice, for the reader).
    for_session = models.BooleanField(_("offered for our next session"), default=False)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    opened_at = models.DateTimeField(_("read"), null=True, blank=True)
    held_for_session_at = models.DateTimeField(
        _("kept for the session by the reader"), null=True, blank=True
    )

    objects = TellingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Telling #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("transparency:telling", args=[self.pk])

    def is_open_to(self, membership: Membership) -> bool:
        return membership.user_id == self.author_id or self.opened_at is not None

    @classmethod
    @transaction.atomic
    def offer(cls, membership: Membership, text: str, for_session: bool) -> "Telling":
        telling = cls.objects.create(
            couple_id=membership.couple_id,
            author=membership.user,
            text=text,
            for_session=for_session,
        )
        notify_partner(membership, NoticeKind.TELLING_OFFERED, telling.path)
        return telling

    def choose(self, membership: Membership, read_now: bool) -> None:
        """The reader: "I'm ready to read it" or "I'd like to hear it at our session"."""
        if membership.user_id == self.author_id or membership.couple_id != self.couple_id:
            raise PermissionDenied
        now = tz.now()
        if read_now:
            Telling.objects.filter(pk=self.pk, opened_at__isnull=True).update(opened_at=now)
            self.opened_at = self.opened_at or now
        else:
            Telling.objects.filter(pk=self.pk, held_for_session_at__isnull=True).update(
                held_for_session_at=now
            )
            self.held_for_session_at = self.held_for_session_at or now


# Today keeps the run of transparent weeks as a number in the cache
# (together.services.streaks); the check-ins it reads are tracked by their own app.
versions.track(WeekPlan)
versions.track(PlanHabit)
