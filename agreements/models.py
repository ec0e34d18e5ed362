"""The couple's transparency agreement: versions that take effect only when both
partners accept them, and a monthly review."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import versions
from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from recovery.encryption import EncryptedTextField

from .content import SECTIONS
from .diff import Segment, has_changes, word_diff

SECTION_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 300
COMMENT_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 1000
REVIEW_INTERVAL = timedelta(days=30)
SECTION_TITLES = {section.key: section.title for section in SECTIONS}
REVIEW_GRACE = timedelta(days=7)  # a review still not done a week after it opened is overdue


class AgreementError(Exception):
    """Why an action on the agreement cannot happen, worded for the person trying."""


def superseded_message() -> str:
    return _(
        "Your agreement changed while this proposal was being written, so it can no "
        "longer be accepted. Its text is kept here: you can start a new proposal from "
        "the current text and bring your wording across."
    )


class Intention(models.TextChoices):
    """What the couple hopes for a clause when they look at it again. Worded so that
    keeping a clause is as welcome an answer as easing it."""

    EASE = "ease", gettext_lazy("Ease it, if we both feel ready")
    KEEP = "keep", gettext_lazy("Keep it as it is")
    TIGHTEN = "tighten", gettext_lazy("Tighten it")


class ClauseReview(NamedTuple):
    """A section's "look at this again on" date, agreed as part of a version."""

    key: str
    title: str
    review_on: date
    intention: str

    @property
    def intention_label(self) -> str:
        return Intention(self.intention).label

    def is_due(self, today: date) -> bool:
        return self.review_on <= today


def couple_today(couple: Couple, now: datetime) -> date:
    """The date it is for the couple, in their time zone."""
    return now.astimezone(couple.zone).date()


class SectionText(NamedTuple):
    key: str
    title: str
    text: str
    clause: ClauseReview | None = None


class SectionDiff(NamedTuple):
    key: str
    title: str
    segments: list[Segment]
    changed: bool
    clause: "ClauseReview | None" = None
    clause_changed: bool = False


@dataclass(frozen=True)
class ReviewStatus:
    """Where an agreement stands with its monthly review at a given moment."""

    next_review: datetime | None = None
    due: bool = False
    overdue: bool = False

    @staticmethod
    def next_after(settled_at: datetime | None) -> datetime | None:
        """The monthly review opens 30 days after the last acceptance or review."""
        return settled_at + REVIEW_INTERVAL if settled_at else None

    @classmethod
    def at(cls, settled_at: datetime | None, now: datetime) -> "ReviewStatus":
        """From when the agreement was last accepted or reviewed (`with_settled_at`)."""
        next_review = cls.next_after(settled_at)
        if next_review is None:
            return cls()
        return cls(
            next_review=next_review,
            due=next_review <= now < next_review + REVIEW_GRACE,
            overdue=now >= next_review + REVIEW_GRACE,
        )


class AgreementQuerySet(models.QuerySet):
    def with_settled_at(self):
        """Annotate `settled_at`: when the current version took effect or the last
        review was completed, whichever is later (None before a first version). The
        monthly review clock starts there."""
        last_review = (
            Review.objects.filter(agreement=OuterRef("pk"), completed_at__isnull=False)
            .order_by("-completed_at")
            .values("completed_at")[:1]
        )
        took_effect = models.F("current_version__took_effect_at")
        return self.annotate(
            settled_at=Greatest(took_effect, Coalesce(Subquery(last_review), took_effect))
        )

    def with_open_proposal(self):
        """Annotate `has_open_proposal`: a revision waits for an answer."""
        return self.annotate(
            has_open_proposal=Exists(
                Version.objects.filter(agreement=OuterRef("pk"), status=Version.Status.OPEN)
            )
        )

    def for_couple(self, couple: Couple) -> "Agreement":
        agreement, _ = self.select_related("current_version").get_or_create(couple=couple)
        return agreement

    def waiting_for(self, membership: Membership) -> dict[str, bool]:
        """What waits for this partner, for the couple home, in one query: a proposal
        made by the other partner, and an open review they have not answered yet."""
        proposals = Version.objects.filter(agreement=OuterRef("pk"), status=Version.Status.OPEN)
        reviews = Review.objects.filter(agreement=OuterRef("pk"), completed_at__isnull=True)
        row = (
            self.filter(couple_id=membership.couple_id)
            .annotate(
                proposal_waiting=Exists(proposals.exclude(proposed_by_id=membership.user_id)),
                review_waiting=Exists(reviews.exclude(responses__partner_id=membership.user_id)),
            )
            .values("proposal_waiting", "review_waiting")
            .first()
        )
        return row or {"proposal_waiting": False, "review_waiting": False}


class Agreement(models.Model):
    couple = models.OneToOneField(Couple, on_delete=models.CASCADE, related_name="agreement")
    current_version = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=tz.now)

    objects = AgreementQuerySet.as_manager()

    def __str__(self):
        return f"Agreement of {self.couple}"

    def _locked(self) -> "Agreement":
        return Agreement.objects.select_for_update().get(pk=self.pk)

    def open_proposal(self) -> "Version | None":
        return (
            self.versions.filter(status=Version.Status.OPEN)
            .select_related("proposed_by", "based_on")
            .first()
        )

    def open_review(self) -> "Review | None":
        return self.reviews.filter(completed_at__isnull=True).prefetch_related("responses").first()

    def propose(
        self,
        membership: Membership,
        *,
        sections: dict[str, str],
        reason: str,
        based_on: "Version | None",
        replaces: "Version | None" = None,
        clause_reviews: dict[str, dict] | None = None,
    ) -> "Version":
        """Record a proposal with the proposer's acceptance.

        A proposal written against a version that is no longer current is kept (the
        proposer's words are never lost) but marked superseded: it cannot be accepted.
        """
        texts = {section.key: sections.get(section.key, "").strip() for section in SECTIONS}
        reviews = {key: value for key, value in (clause_reviews or {}).items() if key in texts}
        if not any(texts.values()):
            raise AgreementError(_("The agreement can't be empty. Please write at least one part."))
        now = tz.now()
        with transaction.atomic():
            agreement = self._locked()
            if agreement.couple_id != membership.couple_id:
                raise PermissionDenied
            if agreement.couple.memberships.active().count() < 2:
                raise AgreementError(
                    _(
                        "Your agreement is made together. Once your partner has joined, "
                        "either of you can propose it."
                    )
                )
            based_on_id = based_on.pk if based_on else None
            fields = {
                "agreement": agreement,
                "based_on": based_on,
                "reason": reason.strip(),
                "proposed_by": membership.user,
                "proposed_at": now,
                "clause_reviews": reviews,
                **texts,
            }
            if based_on_id != agreement.current_version_id:
                return Version.objects.create(status=Version.Status.SUPERSEDED, **fields)
            if (
                based_on is not None
                and based_on.texts() == texts
                and based_on.clause_reviews == reviews
            ):
                raise AgreementError(
                    _("This is the same as your current agreement. Change something first.")
                )
            open_proposal = agreement.versions.filter(status=Version.Status.OPEN).first()
            if open_proposal and (replaces is None or replaces.pk != open_proposal.pk):
                raise AgreementError(
                    _(
                        "A proposal is already waiting. You can answer it "
                        "or counter-propose from its page."
                    )
                )
            if open_proposal:
                open_proposal.status = Version.Status.COUNTERED
                open_proposal.closed_at = now
                open_proposal.save(update_fields=["status", "closed_at"])
            version = Version.objects.create(
                status=Version.Status.OPEN, replaces=open_proposal, **fields
            )
            Acceptance.objects.create(version=version, partner=membership.user, accepted_at=now)
            notify_partner(membership, NoticeKind.PROPOSAL_WAITING, version.path)
        return version

    def last_settled_at(self) -> datetime | None:
        """When the agreement was last accepted or reviewed: the monthly clock starts there."""
        if self.current_version_id is None:
            return None
        took_effect = Version.objects.values_list("took_effect_at", flat=True).get(
            pk=self.current_version_id
        )
        reviewed = self.reviews.aggregate(last=Max("completed_at"))["last"]
        return max(took_effect, reviewed) if reviewed else took_effect

    def next_review_due(self) -> datetime | None:
        return ReviewStatus.next_after(self.last_settled_at())

    def open_review_if_due(self, now: datetime) -> "Review | None":
        """Open the monthly review when it is due. Safe to call any number of times."""
        # Cheap check first, so page views only take the row lock when a review is due.
        due = self.next_review_due()
        if due is None or due > now or self.reviews.filter(completed_at__isnull=True).exists():
            return None
        with transaction.atomic():
            agreement = self._locked()
            if agreement.reviews.filter(completed_at__isnull=True).exists():
                return None
            due = agreement.next_review_due()
            if due is None or due > now:
                return None
            try:
                with transaction.atomic():
                    review = Review.objects.create(agreement=agreement, opened_at=now, due_at=due)
                    path = reverse("agreements:review")
                    notify(NoticeKind.REVIEW_OPENED, member_ids(agreement.couple_id), path)
                    return review
            except IntegrityError:
                return None  # opened by a concurrent caller


def open_due_reviews(now: datetime) -> list["Review"]:
    """Open every monthly review that is due, for all active couples; returns those opened.

    Idempotent: running it twice (or in two workers) opens each review once.
    """
    due = (
        Agreement.objects.filter(couple__ended_at__isnull=True, current_version__isnull=False)
        .exclude(Exists(Review.objects.filter(agreement=OuterRef("pk"), completed_at__isnull=True)))
        .with_settled_at()
        .filter(settled_at__lte=now - REVIEW_INTERVAL)
        .order_by("pk")
    )
    opened = []
    for agreement in due:
        review = agreement.open_review_if_due(now)
        if review is not None:
            opened.append(review)
    return opened


class VersionQuerySet(models.QuerySet):
    def summaries(self):
        """Newest first, without the texts: of what people wrote, only the reason and
        any decline comment are read (and decrypted)."""
        return self.defer(*(section.key for section in SECTIONS)).order_by("-proposed_at", "-pk")

    def choices(self) -> list[tuple[int, str]]:
        """(pk, label) of each version, newest first, reading no text."""
        versions = self.only("pk", "number", "proposed_at", "status").order_by(
            "-proposed_at", "-pk"
        )
        return [(version.pk, version.label) for version in versions]

    def for_history(self):
        return (
            self.select_related("proposed_by")
            .prefetch_related(
                models.Prefetch("acceptances", queryset=Acceptance.objects.order_by("accepted_at")),
                # Partners in their own query: a handful of primary-key lookups, where a
                # join made PostgreSQL hash the whole user table (EXPLAIN, make bench).
                "acceptances__partner",
            )
            .order_by("-proposed_at", "-pk")
        )


class Version(models.Model):
    """One full text of the agreement: in force, proposed, or a proposal that was not adopted."""

    class Status(models.TextChoices):
        OPEN = "open", gettext_lazy("Waiting for acceptance")
        ACCEPTED = "accepted", gettext_lazy("Accepted by both")
        DECLINED = "declined", gettext_lazy("Declined")
        WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")
        COUNTERED = "countered", gettext_lazy("Replaced by a newer proposal")
        SUPERSEDED = "superseded", gettext_lazy("Written against an earlier version")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    # Set when the version takes effect: versions in force are numbered 1, 2, 3...
    number = models.PositiveIntegerField(gettext_lazy("version number"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digital = EncryptedTextField(SECTION_TITLES["digital"], blank=True)
    whereabouts = EncryptedTextField(SECTION_TITLES["whereabouts"], blank=True)
    contact = EncryptedTextField(SECTION_TITLES["contact"], blank=True)
    heated_moments = EncryptedTextField(SECTION_TITLES["heated_moments"], blank=True)
    self_care = EncryptedTextField(SECTION_TITLES["self_care"], blank=True)
    therapy = EncryptedTextField(SECTION_TITLES["therapy"], blank=True)
    # When to look at a section again and what the couple hopes for it, agreed with the
    # texts: {"digital": {"on": "2027-03-01", "intention": "ease"}}. It changes only
    # through a proposal both partners accept.
    clause_reviews = models.JSONField(default=dict, blank=True)
    reason = EncryptedTextField(blank=True)
    proposed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(gettext_lazy("proposed"), default=tz.now)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    decline_comment = EncryptedTextField(gettext_lazy("your comment"), blank=True)
    declined_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(gettext_lazy("closed"), null=True, blank=True)
    took_effect_at = models.DateTimeField(null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(status="open"),
                name="one_open_proposal_per_agreement",
            ),
            models.UniqueConstraint(fields=["agreement", "number"], name="one_version_per_number"),
        ]
        indexes = [models.Index(fields=["agreement", "proposed_at"])]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.number:
            return _("Version %(number)s") % {"number": self.number}
        when = date_format(tz.localtime(self.proposed_at), "j M Y")
        return _("Proposal of %(date)s (%(status)s)") % {
            "date": when,
            "status": self.get_status_display().lower(),
        }

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def path(self) -> str:
        return reverse("agreements:version", args=[self.pk])

    @cached_property
    def is_stale(self) -> bool:
        """A proposal that can no longer be accepted because the agreement moved on."""
        if self.status == self.Status.SUPERSEDED:
            return True
        current = Agreement.objects.values_list("current_version_id", flat=True).get(
            pk=self.agreement_id
        )
        return self.is_open and self.based_on_id != current

    def texts(self) -> dict[str, str]:
        return {section.key: getattr(self, section.key) for section in SECTIONS}

    @property
    def sections(self) -> list[SectionText]:
        clauses = {clause.key: clause for clause in self.clauses()}
        return [
            SectionText(s.key, s.title, getattr(self, s.key), clauses.get(s.key)) for s in SECTIONS
        ]

    def clauses(self) -> list[ClauseReview]:
        """The sections this version asks to look at again, in the agreement's order."""
        return [
            ClauseReview(
                section.key,
                section.title,
                date.fromisoformat(self.clause_reviews[section.key]["on"]),
                self.clause_reviews[section.key]["intention"],
            )
            for section in SECTIONS
            if section.key in self.clause_reviews
        ]

    def clauses_due(self, today: date) -> list[ClauseReview]:
        return [clause for clause in self.clauses() if clause.is_due(today)]

    def reaffirm(self, membership: Membership, section: str, now: datetime) -> "Reaffirmation":
        """Record that a section due for review still feels right to this partner."""
        with transaction.atomic():
            agreement, version = self._locked_for(membership)
            if version.pk != agreement.current_version_id:
                raise AgreementError(_("Your agreement has changed since. Please look again."))
            today = couple_today(agreement.couple, now)
            if section not in {clause.key for clause in version.clauses_due(today)}:
                raise AgreementError(_("This part isn't due for a look yet."))
            try:
                with transaction.atomic():
                    return Reaffirmation.objects.create(
                        version=version, section=section, partner=membership.user, at=now
                    )
            except IntegrityError:
                raise AgreementError(_("You have already said this still feels right.")) from None

    def diff_from(self, older: "Version | None") -> list[SectionDiff]:
        """What changes from `older` to this version, section by section."""
        result = []
        clauses = {clause.key: clause for clause in self.clauses()}
        earlier = {clause.key: clause for clause in older.clauses()} if older else {}
        for section in SECTIONS:
            before = getattr(older, section.key) if older else ""
            segments = word_diff(before, getattr(self, section.key))
            clause = clauses.get(section.key)
            result.append(
                SectionDiff(
                    section.key,
                    section.title,
                    segments,
                    has_changes(segments),
                    clause,
                    clause != earlier.get(section.key),
                )
            )
        return result

    def _locked_for(self, membership: Membership) -> tuple[Agreement, "Version"]:
        agreement = Agreement.objects.select_for_update().get(pk=self.agreement_id)
        if agreement.couple_id != membership.couple_id:
            raise PermissionDenied
        return agreement, Version.objects.get(pk=self.pk)

    def _refuse_unless_open(self, agreement: Agreement) -> None:
        if self.status == self.Status.SUPERSEDED or (
            self.is_open and self.based_on_id != agreement.current_version_id
        ):
            raise AgreementError(superseded_message())
        if not self.is_open:
            raise AgreementError(
                _("This proposal is no longer open: %(status)s.")
                % {"status": self.get_status_display().lower()}
            )

    def accept(self, membership: Membership) -> bool:
        """Record this partner's acceptance; returns True when the version took effect."""
        now = tz.now()
        with transaction.atomic():
            agreement, version = self._locked_for(membership)
            version._refuse_unless_open(agreement)
            if version.proposed_by_id == membership.user_id:
                raise AgreementError(
                    _(
                        "You proposed this, so your acceptance already counts. "
                        "It's waiting for your partner."
                    )
                )
            try:
                with transaction.atomic():
                    Acceptance.objects.create(
                        version=version, partner=membership.user, accepted_at=now
                    )
            except IntegrityError:
                raise AgreementError(_("You have already accepted this proposal.")) from None
            took_effect = version._accepted_by_both(agreement)
            if took_effect:
                version._take_effect(agreement, now)
                notify(NoticeKind.PROPOSAL_ACCEPTED, [version.proposed_by_id], version.path)
        self.refresh_from_db()
        return took_effect

    def _accepted_by_both(self, agreement: Agreement) -> bool:
        partners = set(agreement.couple.memberships.active().values_list("user_id", flat=True))
        accepted = set(self.acceptances.values_list("partner_id", flat=True))
        return len(partners) == 2 and partners <= accepted

    def _take_effect(self, agreement: Agreement, now: datetime) -> None:
        self.number = (agreement.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        self.status = self.Status.ACCEPTED
        self.took_effect_at = now
        self.closed_at = now
        self.save(update_fields=["number", "status", "took_effect_at", "closed_at"])
        agreement.current_version = self
        agreement.save(update_fields=["current_version"])

    def decline(self, membership: Membership, comment: str) -> None:
        with transaction.atomic():
            agreement, version = self._locked_for(membership)
            if version.proposed_by_id == membership.user_id:
                raise PermissionDenied
            version._refuse_unless_open(agreement)
            version.status = self.Status.DECLINED
            version.decline_comment = comment.strip()
            version.declined_by = membership.user
            version.closed_at = tz.now()
            version.save(update_fields=["status", "decline_comment", "declined_by", "closed_at"])
            notify(NoticeKind.PROPOSAL_DECLINED, [version.proposed_by_id], version.path)
            version._reopen_what_it_countered()
        self.refresh_from_db()

    def _reopen_what_it_countered(self) -> None:
        """A declined counter-proposal puts the proposal it answered back as it was:
        open, with its proposer's acceptance, waiting for the other partner."""
        if self.replaces_id is None:
            return
        Version.objects.filter(pk=self.replaces_id, status=self.Status.COUNTERED).update(
            status=self.Status.OPEN, closed_at=None
        )

    def withdraw(self, membership: Membership) -> None:
        with transaction.atomic():
            _agreement, version = self._locked_for(membership)
            if version.proposed_by_id != membership.user_id:
                raise PermissionDenied
            if not version.is_open:
                raise AgreementError(
                    _("This proposal is no longer open: %(status)s.")
                    % {"status": version.get_status_display().lower()}
                )
            version.status = self.Status.WITHDRAWN
            version.closed_at = tz.now()
            version.save(update_fields=["status", "closed_at"])
            notify_partner(membership, NoticeKind.PROPOSAL_WITHDRAWN, version.path)
        self.refresh_from_db()


class Acceptance(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="acceptances")
    partner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(gettext_lazy("accepted"), default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "partner"], name="one_acceptance_per_partner"
            )
        ]

    def __str__(self):
        return f"Acceptance of version {self.version_id} by user {self.partner_id}"


class ReaffirmationQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """Both partners of the couple see each other's reaffirmations, no one else."""
        couples = Membership.objects.active().filter(user=user).values("couple_id")
        return self.filter(version__agreement__couple_id__in=couples)


class Reaffirmation(models.Model):
    """A partner saying a section due for review is still right for them, as it is."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="reaffirmations")
    section = models.CharField(
        gettext_lazy("part of the agreement"),
        max_length=20,
        choices=[(section.key, section.title) for section in SECTIONS],
    )
    partner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(gettext_lazy("said it still feels right"), default=tz.now)

    objects = ReaffirmationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "section", "partner"], name="one_reaffirmation_per_partner"
            )
        ]

    def __str__(self):
        return f"Reaffirmation of {self.section} in version {self.version_id} by {self.partner_id}"


class ReviewQuerySet(models.QuerySet):
    def completed(self):
        return (
            self.filter(completed_at__isnull=False)
            .prefetch_related(
                models.Prefetch(
                    "responses",
                    queryset=ReviewResponse.objects.select_related("partner").order_by(
                        "answered_at"
                    ),
                )
            )
            .order_by("-completed_at")
        )


class Review(models.Model):
    class Outcome(models.TextChoices):
        REAFFIRMED = "reaffirmed", gettext_lazy("Reaffirmed")
        REVISION_STARTED = "revision_started", gettext_lazy("Revision started")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reviews")
    opened_at = models.DateTimeField(default=tz.now)
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(completed_at__isnull=True),
                name="one_open_review_per_agreement",
            ),
            models.UniqueConstraint(fields=["agreement", "due_at"], name="one_review_per_due_date"),
        ]

    def __str__(self):
        return f"Review {self.pk} of agreement {self.agreement_id}"

    def answer(
        self, membership: Membership, *, choice: str, note: str = "", successes: str = ""
    ) -> "ReviewResponse":
        now = tz.now()
        with transaction.atomic():
            review = Review.objects.select_for_update().get(pk=self.pk)
            if review.agreement.couple_id != membership.couple_id:
                raise PermissionDenied
            if review.completed_at:
                raise AgreementError(_("This review is already complete."))
            try:
                with transaction.atomic():
                    response = ReviewResponse.objects.create(
                        review=review,
                        partner=membership.user,
                        choice=choice,
                        note=note.strip(),
                        successes=successes.strip(),
                        answered_at=now,
                    )
            except IntegrityError:
                raise AgreementError(_("You have already answered this review.")) from None
            review._complete_when_both_answered(now)
        self.refresh_from_db()
        return response

    def _complete_when_both_answered(self, now: datetime) -> None:
        partners = set(self.agreement.couple.memberships.active().values_list("user_id", flat=True))
        choices = dict(self.responses.values_list("partner_id", "choice"))
        if len(partners) < 2 or not partners <= choices.keys():
            return
        reaffirmed = all(c == ReviewResponse.Choice.REAFFIRM for c in choices.values())
        self.outcome = self.Outcome.REAFFIRMED if reaffirmed else self.Outcome.REVISION_STARTED
        self.completed_at = now
        self.save(update_fields=["outcome", "completed_at"])

    def answered_by(self, user: User) -> bool:
        return any(response.partner_id == user.pk for response in self.responses.all())


class ReviewResponse(models.Model):
    class Choice(models.TextChoices):
        REAFFIRM = "reaffirm", gettext_lazy("Reaffirm: it still works for me")
        NEEDS_CHANGE = "needs_change", gettext_lazy("Something needs to change")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    choice = models.CharField(gettext_lazy("your answer"), max_length=12, choices=Choice.choices)
    note = EncryptedTextField(blank=True)
    successes = EncryptedTextField(gettext_lazy("what went well this month"), blank=True)
    answered_at = models.DateTimeField(gettext_lazy("answered"), default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "partner"], name="one_answer_per_partner")
        ]

    def __str__(self):
        return f"Answer to review {self.review_id} by user {self.partner_id}"


def _couple_of_agreement(row) -> int | None:
    return Agreement.objects.filter(pk=row.agreement_id).values_list("couple_id", flat=True).first()


# The therapist dashboard keeps each agreement's state in the cache.
versions.track(Agreement)
versions.track(Version, _couple_of_agreement)
versions.track(Review, _couple_of_agreement)
