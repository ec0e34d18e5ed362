"""The therapist space: profiles, links with both partners' consent, notes, the
audit trail and the CSI-4.

Access rule (used by therapists.access.therapist_couple_or_404): a therapist may see
a couple only through an open link, while the couple's space is open and BOTH
current partners (the hurt partner and the involved partner) hold an active consent.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, Role, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from pacing.models import PacingPolicy
from recovery.encryption import EncryptedTextField

from . import codes, csi


def _settings_path() -> str:
    return reverse("therapists:couple_settings")


class TherapistError(Exception):
    """A reason a therapist-space action cannot happen, worded for the person asking."""


def verification_required() -> bool:
    """The installation's choice (THERAPISTS_MUST_BE_VERIFIED): only therapists whose
    licence staff have verified may be linked, be agreed to, and see couples."""
    return settings.THERAPISTS_MUST_BE_VERIFIED


LICENCE_FIELDS = ("licence_type", "licence", "jurisdiction")


class TherapistProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="therapist_profile")
    practice_name = models.CharField(_("practice name"), max_length=120)
    licence_type = models.CharField(_("licence type"), max_length=80, blank=True)
    licence = models.CharField(_("licence or registration number"), max_length=60, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=80, blank=True)
    # Set by staff in the admin after checking the licence with its register; cleared
    # whenever the therapist changes their licence details.
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=codes.LENGTH, unique=True)
    created_at = models.DateTimeField(default=tz.now)

    def __str__(self):
        return f"{self.user} ({self.practice_name})"

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def may_work(self) -> bool:
        """Whether couples may link, agree to and share with this therapist."""
        return self.is_verified or not verification_required()

    @staticmethod
    def may_work_as(user: User) -> bool:
        """`may_work` for a therapist account, with or without practice details."""
        if not verification_required():
            return True
        return TherapistProfile.objects.filter(user=user, verified_at__isnull=False).exists()

    def verify(self, by: User | None) -> None:
        self.verified_at, self.verified_by = tz.now(), by
        self.save(update_fields=["verified_at", "verified_by"])

    @classmethod
    @transaction.atomic
    def set_up(
        cls, user: User, practice_name: str, licence: str = "", **licence_details
    ) -> "TherapistProfile":
        """Make `user` a therapist (or update their practice details) and attach any
        couple invitations that were waiting for one of their verified addresses.
        Changing the licence details asks staff to verify them again."""
        user = User.objects.select_for_update().get(pk=user.pk)
        if Membership.objects.active().filter(user=user).exists():
            raise TherapistError(
                _(
                    "This account belongs to a shared couple space, so it can't also be a "
                    "therapist account. Please create a separate account for your practice."
                )
            )
        details = {"licence": licence, **licence_details}
        profile = cls.objects.filter(user=user).first()
        if profile:
            changed = any(getattr(profile, name) != details.get(name, "") for name in details)
            profile.practice_name = practice_name
            for name, value in details.items():
                setattr(profile, name, value)
            if changed:
                profile.verified_at = profile.verified_by = None
            profile.save(update_fields=["practice_name", *details, "verified_at", "verified_by"])
        else:
            profile = cls._create_with_unique_code(user, practice_name, details)
        if not user.is_therapist:
            user.is_therapist = True
            user.save(update_fields=["is_therapist"])
        TherapistLink.attach_waiting_invitations(user)
        return profile

    @classmethod
    def _create_with_unique_code(cls, user, practice_name, details) -> "TherapistProfile":
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        user=user, practice_name=practice_name, code=codes.new_code(), **details
                    )
            except IntegrityError:
                if cls.objects.filter(user=user).exists():
                    raise
        raise RuntimeError("Could not find a free therapist code")

    @classmethod
    def find_by_code(cls, raw: str) -> "TherapistProfile | None":
        code = codes.normalize(raw)
        if not codes.is_well_formed(code):
            return None
        return cls.objects.select_related("user").filter(code=code, user__is_active=True).first()


def _consenting_roles():
    """How many of the couple's roles hold an active consent, given on the link by the
    partner in that role now. Counted in one subquery over memberships and consents
    rather than tested with an EXISTS per role: the database plans and runs it in a
    fraction of the time, on every request of a therapist."""
    consenting = Consent.objects.filter(
        link=OuterRef(OuterRef("pk")), revoked_at__isnull=True
    ).values("partner_id")
    return Subquery(
        Membership.objects.filter(
            couple=OuterRef("couple_id"), left_at__isnull=True, user_id__in=consenting
        )
        .order_by()
        .values("couple")
        .annotate(roles=Count("role", distinct=True))
        .values("roles"),
        output_field=models.IntegerField(),
    )


def _access() -> Q:
    """Who may see a couple through a link right now: the link is open, its therapist
    an active therapist account, the couple's space open, and both of the couple's
    current partners consent (`consenting_roles`, aliased by the caller); and, where
    the installation asks for it, staff have verified the therapist's licence."""
    rule = Q(
        ended_at__isnull=True,
        therapist__isnull=False,
        therapist__is_therapist=True,
        therapist__is_active=True,
        couple__ended_at__isnull=True,
        consenting_roles=len(Role),
    )
    if verification_required():
        rule &= Q(therapist__therapist_profile__verified_at__isnull=False)
    return rule


def not_verified_error() -> TherapistError:
    return TherapistError(
        _(
            "This therapist's licence has not been verified by this service yet, and this "
            "service works only with verified therapists. You can ask them to add their "
            "licence details; you will be able to agree once staff have checked them."
        )
    )


class TherapistLinkQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True)

    def with_access(self):
        """Links through which the therapist may see the couple right now."""
        return self.alias(consenting_roles=_consenting_roles()).filter(_access())

    def marked_with_access(self):
        """Annotate `has_access` (as `with_access` decides) instead of leaving out the
        links without it, for lists that show both."""
        return self.alias(consenting_roles=_consenting_roles()).annotate(
            has_access=models.ExpressionWrapper(_access(), output_field=models.BooleanField())
        )

    def had_access(self, therapist: User, couple_id) -> bool:
        """Whether `therapist` could once see this couple (both partners consented
        through one link), whatever has ended since: they are told kindly that access
        ended instead of meeting a bare "not found", and still nothing of the couple."""
        return (
            self.filter(therapist=therapist, couple_id=couple_id)
            .annotate(consenting=Count("consents__partner", distinct=True))
            .filter(consenting__gte=2)
            .exists()
        )

    def with_access_since(self):
        """Annotate `access_since`: when the later of the two active consents was given."""
        latest = Consent.objects.filter(link=OuterRef("pk"), revoked_at__isnull=True).order_by(
            "-given_at"
        )
        return self.annotate(access_since=Subquery(latest.values("given_at")[:1]))


class TherapistLink(models.Model):
    """A couple's invitation to one therapist. One open link per couple at a time."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="therapist_links")
    # Empty while an invitation by email waits for the therapist to set up an account.
    therapist = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="therapist_links"
    )
    invited_email = models.EmailField(blank=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=tz.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The therapist's own name for the couple on their list (two "Jordan & Casey" can be
    # told apart); only the therapist sees it.
    label = EncryptedTextField(_("your label for this couple"), max_length=60, blank=True)
    # The dashboard flags the therapist was last told about (comma-separated names): a
    # flag alerts them once when it appears, and again only after it went away.
    alerted_flags = models.CharField(max_length=200, blank=True, default="")

    objects = TherapistLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["couple"], condition=Q(ended_at__isnull=True), name="one_open_link"
            )
        ]

    def __str__(self):
        return f"Therapist link #{self.pk} for {self.couple}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @classmethod
    @transaction.atomic
    def invite(
        cls, membership: Membership, *, therapist: User | None = None, email: str = ""
    ) -> "TherapistLink":
        """Invite a known therapist, or an email address that has no therapist account yet."""
        Couple.objects.select_for_update().get(pk=membership.couple_id)
        if therapist is not None and not TherapistProfile.may_work_as(therapist):
            raise not_verified_error()
        if cls.objects.open().filter(couple_id=membership.couple_id).exists():
            raise TherapistError(
                _("Your space already has a therapist invitation. End it first to invite another.")
            )
        link = cls.objects.create(
            couple_id=membership.couple_id,
            therapist=therapist,
            invited_email=email.lower() if therapist is None else "",
            invited_by=membership.user,
        )
        if therapist is not None:  # otherwise the partner is told when the therapist joins
            notify_partner(membership, NoticeKind.CONSENT_ASKED, _settings_path())
            notify(NoticeKind.COUPLE_LINKED, [therapist.pk], reverse("therapists:dashboard"))
        return link

    @classmethod
    def attach_waiting_invitations(cls, therapist: User) -> int:
        emails = [
            address.lower()
            for address in EmailAddress.objects.filter(user=therapist, verified=True).values_list(
                "email", flat=True
            )
        ]
        waiting = cls.objects.open().filter(therapist__isnull=True, invited_email__in=emails)
        couple_ids = list(waiting.values_list("couple_id", flat=True))
        attached = waiting.update(therapist=therapist, invited_email="")
        for couple_id in couple_ids:  # now both partners can agree, or not
            notify(NoticeKind.CONSENT_ASKED, member_ids(couple_id), _settings_path())
        return attached

    def take_new_flags(self, flags) -> list[str]:
        """Record the couple's flags now and return those that are new since the last
        look, exactly once: the row is claimed by a conditional update, so two runs of
        the job at the same time never both alert."""
        now_raised = sorted(set(flags))
        before = set(filter(None, self.alerted_flags.split(",")))
        stored = ",".join(now_raised)
        if stored == self.alerted_flags:
            return []
        claimed = TherapistLink.objects.filter(pk=self.pk, alerted_flags=self.alerted_flags).update(
            alerted_flags=stored
        )
        self.alerted_flags = stored
        return [flag for flag in now_raised if flag not in before] if claimed else []

    def set_label(self, label: str) -> None:
        self.label = label.strip()
        self.save(update_fields=["label"])

    @transaction.atomic
    def end(self, by: User | None) -> None:
        """Stop working with this therapist: the link closes, every consent with it, and
        the pace they set for the exercises (a ceiling nobody can change any more)."""
        now = tz.now()
        TherapistLink.objects.filter(pk=self.pk, ended_at__isnull=True).update(
            ended_at=now, ended_by=by
        )
        self.consents.filter(revoked_at__isnull=True).update(revoked_at=now, revoked_by=by)
        PacingPolicy.objects.filter(couple_id=self.couple_id).update(therapist_ceiling=None)
        versions.bump(self.couple_id)  # the cached gate held the ceiling
        others = member_ids(self.couple_id, exclude=by.pk if by else None)
        notify(NoticeKind.CONSENT_WITHDRAWN, others, _settings_path())
        self.ended_at, self.ended_by = now, by

    def shares_heads_ups_and_plans(self) -> bool:
        """Whether both current partners' active consents include the separate item
        "heads-ups and plans" (what they say; the counts come with consent itself)."""
        partners = Membership.objects.active().filter(couple_id=self.couple_id).values("user_id")
        agreed = self.consents.active().filter(heads_ups_and_plans=True, partner_id__in=partners)
        return agreed.values("partner_id").distinct().count() == len(Role)

    @classmethod
    def end_all_for(cls, therapist: User) -> None:
        """A therapist leaves every couple (before their account is deleted)."""
        for link in cls.objects.open().filter(therapist=therapist):
            link.end(None)


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Consent(models.Model):
    """One partner's consent to one link: given on their own page, revocable any time.
    Rows are never deleted, so the history of who agreed and withdrew, and when, stays."""

    link = models.ForeignKey(TherapistLink, on_delete=models.CASCADE, related_name="consents")
    partner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    given_at = models.DateTimeField(_("agreed"), default=tz.now)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A separate item, off unless chosen: what the couple's heads-ups and plans say.
    # The therapist reads them only while both partners' active consents include it.
    heads_ups_and_plans = models.BooleanField(_("heads-ups and plans"), default=False)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["link", "partner"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_consent_per_partner",
            )
        ]

    def __str__(self):
        return f"Consent of user {self.partner_id} to link {self.link_id}"

    @classmethod
    @transaction.atomic
    def give(
        cls, link: TherapistLink, membership: Membership, heads_ups_and_plans: bool = False
    ) -> "Consent":
        link = TherapistLink.objects.select_for_update().get(pk=link.pk)
        if not link.is_open or link.couple_id != membership.couple_id:
            raise TherapistError(_("This therapist invitation has ended."))
        if link.therapist_id is None:
            raise TherapistError(
                _("You can agree once the therapist has set up their account and joined.")
            )
        if not TherapistProfile.may_work_as(link.therapist):
            raise not_verified_error()
        existing = link.consents.active().filter(partner=membership.user).first()
        if existing:
            if existing.heads_ups_and_plans != heads_ups_and_plans:
                existing.heads_ups_and_plans = heads_ups_and_plans
                existing.save(update_fields=["heads_ups_and_plans"])
            return existing
        consent = cls.objects.create(
            link=link, partner=membership.user, heads_ups_and_plans=heads_ups_and_plans
        )
        notify_partner(membership, NoticeKind.CONSENT_GIVEN, _settings_path())
        if TherapistLink.objects.with_access().filter(pk=link.pk).exists():
            # Both agree now: the couple appears on the therapist's list.
            path = reverse("therapists:couple_detail", args=[link.couple_id])
            notify(NoticeKind.COUPLE_SHARING, [link.therapist_id], path)
        return consent

    @classmethod
    @transaction.atomic
    def withdraw(cls, link: TherapistLink, partner: User) -> bool:
        """Withdraw `partner`'s consent; the therapist's access ends on their next request."""
        withdrawn = bool(
            cls.objects.active()
            .filter(link=link, partner=partner)
            .update(revoked_at=tz.now(), revoked_by=partner)
        )
        if withdrawn:
            others = member_ids(link.couple_id, exclude=partner.pk)
            notify(NoticeKind.CONSENT_WITHDRAWN, others, _settings_path())
        return withdrawn


class AuditAction(models.TextChoices):
    VIEW_DASHBOARD = "view_dashboard", _("Saw your summary on their list of couples")
    VIEW_COUPLE = "view_couple", _("Opened your space")
    ADD_NOTE = "add_note", _("Wrote a note")
    SET_CEILING = "set_ceiling", _("Set the pace of the exercises")
    SUGGEST_EXERCISE = "suggest_exercise", _("Suggested an exercise")
    SET_LABEL = "set_label", _("Named your space on their own list")
    VIEW_TRANSPARENCY = "view_transparency", _("Looked at your heads-ups and plans")
    # Worded so that neither partner learns from the trail whether a draft was asked
    # to be read (the page is there, and visited, whether or not one was).
    READ_ASKED = "read_asked", _("Opened the letters page")
    COMMENT_ASKED = "comment_asked", _("Wrote on the letters page")
    VIEW_RITUALS = "view_rituals", _("Looked at which rituals you keep")
    VIEW_PRACTICE = "view_practice", _("Looked at your practice and your session agenda")
    WRITE_PRACTICE = "write_practice", _("Wrote a practice for you")
    CLOSE_AGENDA = "close_agenda", _("Closed your session agenda with a note")
    VIEW_INTENSIVES = "view_intensives", _("Looked at the intensives planned for you")
    PLAN_INTENSIVE = "plan_intensive", _("Planned an intensive, or a step of one, for you")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit trail is append-only.")

    def delete(self):
        raise TypeError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """Who looked at which couple, what and when. Append-only (and, on PostgreSQL,
    enforced by a trigger that refuses UPDATE and DELETE). No database-level foreign
    keys, so deleting an account or a space never rewrites the record."""

    therapist = models.ForeignKey(
        User,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    therapist_name = models.CharField(max_length=200)
    couple = models.ForeignKey(
        Couple, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    action = models.CharField(max_length=40)
    path = models.CharField(max_length=400)
    created_at = models.DateTimeField(default=tz.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["couple", "-created_at"], name="audit_by_couple")]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.therapist_name}: {self.action} on couple {self.couple_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action

    @classmethod
    def record(cls, therapist: User, couple_ids, action: str, path: str) -> None:
        """One row per couple, in a single INSERT."""
        now = tz.now()
        cls.objects.bulk_create(
            cls(
                therapist=therapist,
                therapist_name=str(therapist)[:200],
                couple_id=couple_id,
                action=action,
                path=path[:400],
                created_at=now,
            )
            for couple_id in couple_ids
        )


class NoteVisibility(models.TextChoices):
    COUPLE = "couple", _("For the couple: both partners see it")
    PRIVATE = "private", _("Private: only you see it")


class TherapistNoteQuerySet(models.QuerySet):
    def for_partners(self, couple: Couple):
        return self.filter(couple=couple, visibility=NoteVisibility.COUPLE)

    def private_of(self, therapist: User, couple_id):
        """The therapist's own private notes on a couple: theirs to keep after access ends."""
        return self.filter(
            couple_id=couple_id, therapist=therapist, visibility=NoteVisibility.PRIVATE
        )

    def for_therapist(self, couple: Couple, therapist: User):
        return self.filter(couple=couple).filter(
            Q(visibility=NoteVisibility.COUPLE) | Q(therapist=therapist)
        )


class TherapistNote(models.Model):
    MAX_LENGTH = 2000

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="therapist_notes")
    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    visibility = models.CharField(_("who sees it"), max_length=10, choices=NoteVisibility.choices)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = TherapistNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_visibility_display()} note #{self.pk}"

    @property
    def is_private(self) -> bool:
        return self.visibility == NoteVisibility.PRIVATE

    @classmethod
    @transaction.atomic
    def write(cls, couple: Couple, therapist: User, text: str, visibility: str) -> "TherapistNote":
        """A note by the therapist; a note for the couple tells both partners it is there."""
        note = cls.objects.create(
            couple=couple, therapist=therapist, text=text, visibility=visibility
        )
        if not note.is_private:
            notify(NoticeKind.THERAPIST_NOTE, member_ids(couple.pk), _settings_path())
        return note


class AlreadyAnswered(Exception):
    pass


class CsiResponse(models.Model):
    """One partner's monthly CSI-4 answers (see therapists/csi.py for the source)."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="csi_responses")
    partner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="csi_responses")
    # The calendar month in the couple's time zone, e.g. "2026-11".
    period = models.CharField(_("month"), max_length=7)
    answered_at = models.DateTimeField(default=tz.now)
    happiness = models.PositiveSmallIntegerField()
    warmth = models.PositiveSmallIntegerField()
    rewarding = models.PositiveSmallIntegerField()
    satisfaction = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "partner", "period"], name="one_csi_per_partner_per_month"
            ),
            models.CheckConstraint(
                condition=Q(happiness__lte=6, warmth__lte=5, rewarding__lte=5, satisfaction__lte=5),
                name="csi_answers_in_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    total=F("happiness") + F("warmth") + F("rewarding") + F("satisfaction")
                ),
                name="csi_total_is_the_sum",
            ),
        ]

    def __str__(self):
        return f"CSI-4 {self.period} of user {self.partner_id}"

    @property
    def below_cutoff(self) -> bool:
        return csi.below_cutoff(self.total)

    @property
    def month(self):
        return csi.month_of(self.period)

    @staticmethod
    def period_for(couple: Couple, moment=None) -> str:
        return csi.period_of((moment or tz.now()).astimezone(couple.zone).date())

    @staticmethod
    def next_due(couple: Couple, moment=None):
        return csi.next_month_start((moment or tz.now()).astimezone(couple.zone).date())

    @classmethod
    def record(cls, membership: Membership, answers: dict[str, int], moment=None) -> "CsiResponse":
        moment = moment or tz.now()
        total = csi.score(answers)
        try:
            with transaction.atomic():
                return cls.objects.create(
                    couple=membership.couple,
                    partner=membership.user,
                    period=cls.period_for(membership.couple, moment),
                    answered_at=moment,
                    total=total,
                    **{field: answers[field] for field in csi.FIELDS},
                )
        except IntegrityError:
            raise AlreadyAnswered from None


def set_pacing_ceiling(couple: Couple, ceiling: int | None) -> PacingPolicy:
    """Cap the exercise tiers open to the couple (None lifts the cap). The gate applies
    a ceiling only as an upper bound, so this can slow the pace, never speed it up."""
    policy, _created = PacingPolicy.objects.update_or_create(
        couple=couple, defaults={"therapist_ceiling": ceiling}
    )
    return policy


class ExerciseSuggestionQuerySet(models.QuerySet):
    def for_couple(self, couple: Couple):
        return self.filter(couple=couple).select_related("exercise", "therapist")


class ExerciseSuggestion(models.Model):
    """An exercise the therapist suggests; both partners see it. It opens nothing:
    a suggested exercise in a closed tier stays closed until the gate opens it."""

    NOTE_MAX_LENGTH = 500

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="exercise_suggestions"
    )
    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey("pacing.Exercise", on_delete=models.CASCADE, related_name="+")
    note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = ExerciseSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-created_at"], name="suggestion_by_couple")]

    def __str__(self):
        return f"Suggestion #{self.pk} of exercise {self.exercise_id}"


# The therapist dashboard keeps each partner's latest CSI-4 total in the cache.
versions.track(CsiResponse)
