import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from . import versions
from .signals import space_closed

INVITATION_LIFETIME = timedelta(days=7)


def language_choices():
    return settings.LANGUAGES


def timezone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name shown to your partner"), max_length=60, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # Pages and emails in this language (signed-out pages follow the browser's).
    language = models.CharField(
        _("language"), max_length=8, choices=language_choices, default=settings.LANGUAGE_CODE
    )
    is_therapist = models.BooleanField(default=False)
    # When the weekly check-in reminder arrives, in the person's own time zone.
    reminder_weekday = models.PositiveSmallIntegerField(
        _("reminder day"),
        default=6,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    discreet_title = models.BooleanField(
        _("discreet tab title"),
        default=False,
        help_text=_("Tabs and history show “Notes” instead of the app's name."),
    )
    gentle_hints = models.BooleanField(
        _("gentle wording hints"),
        default=True,
        help_text=_(
            "While you write to your partner, a quiet hint may suggest a gentler way to say "
            "something. It never stops you sending, and nothing it notices is kept."
        ),
    )
    reminder_hour = models.PositiveSmallIntegerField(
        _("reminder hour"), default=18, choices=[(h, f"{h:02d}:00") for h in range(24)]
    )
    # Lock screens show only "You have something new" unless the person asks for more.
    push_shows_kind = models.BooleanField(
        _("notifications show what they are about"),
        default=False,
        help_text=_(
            "A notification on your phone then says what kind of thing is waiting, such "
            "as “An answer arrived on your question”, never what anyone wrote. Anyone "
            "who sees your lock screen can read it too."
        ),
    )
    date_joined = models.DateTimeField(_("account created"), default=tz.now)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.name_from(self.display_name, self.email)

    @staticmethod
    def name_from(display_name: str, email: str) -> str:
        """How a person is named to others (partner, therapist): the name they chose, or
        else their email. For queries that read the two columns instead of the user."""
        return display_name or email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Role(models.TextChoices):
    HURT = "hurt", _("Hurt partner")
    INVOLVED = "involved", _("Involved partner")

    @property
    def other(self) -> "Role":
        return Role.INVOLVED if self == Role.HURT else Role.HURT


class EndReason(models.TextChoices):
    LEFT = "left", _("A partner left")
    ACCOUNT_DELETED = "account_deleted", _("A partner deleted their account")


class Couple(models.Model):
    """The shared space of two partners."""

    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    created_at = models.DateTimeField(default=tz.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Who closed the space, so each person's closing page can say "you left" or "your
    # partner left" (emptied when that person's account is deleted).
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    def __str__(self):
        return f"Couple space #{self.pk}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @classmethod
    @transaction.atomic
    def start(cls, user: User, role: Role) -> "Couple":
        couple = cls.objects.create(timezone=user.timezone)
        Membership.objects.create(couple=couple, user=user, role=role)
        return couple

    @property
    def lost_a_deleted_account(self) -> bool:
        """Whether a partner's writing was erased with their account when it closed."""
        return self.end_reason == EndReason.ACCOUNT_DELETED

    @transaction.atomic
    def end(self, by: User | None = None, reason: str = EndReason.LEFT) -> None:
        """Close the space for both partners, at once. Each keeps a read-only archive of
        what they wrote and what was shared with them (see the leave page); nothing can
        be added or changed any more, and a therapist's access and pace end with it."""
        now = tz.now()
        closed = Couple.objects.filter(pk=self.pk, ended_at__isnull=True).update(
            ended_at=now, ended_by=by, end_reason=reason
        )
        if not closed:
            return  # already closed: the first ending stands
        self.memberships.filter(left_at__isnull=True).update(left_at=now)
        self.invitations.pending().update(revoked_at=now)
        # Through the reverse relation: the therapists app builds on this one.
        for link in self.therapist_links.filter(ended_at__isnull=True):
            link.end(by)
        versions.bump(self.pk)
        self.ended_at, self.ended_by, self.end_reason = now, by, reason
        # The one place every ending passes through (leaving and deleting): the
        # notices app tells the partner who stayed, in this same transaction.
        space_closed.send(sender=Couple, couple=self, by=by)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)

    def ended(self):
        """Memberships of spaces that have closed: each opens its person's read-only
        archive of that space."""
        return self.filter(left_at__isnull=False, couple__ended_at__isnull=False)


class Membership(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), default=tz.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(left_at__isnull=True), name="one_active_couple"
            ),
            models.UniqueConstraint(
                fields=["couple", "role"],
                condition=Q(left_at__isnull=True),
                name="one_partner_per_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.couple} as {self.get_role_display()}"

    @property
    def is_hurt(self) -> bool:
        return self.role == Role.HURT

    @property
    def is_involved(self) -> bool:
        return self.role == Role.INVOLVED


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=tz.now()
        )


class InvitationError(Exception):
    """A reason an invitation cannot be used, worded for the person holding the link."""


class NotTheInvitee(InvitationError):
    """The signed-in account is not the invited address: they learn nothing about it."""


NOT_THE_INVITEE = _(
    "This invitation was sent to a different email address, so it can't be used from this "
    "account. If it is meant for you, sign in with the address it was sent to."
)


class Invitation(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    # Only a hash is stored, so a database leak does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=tz.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # When an account other than the invited address last opened the link, so the
    # person who invited knows the link reached someone else.
    other_account_tried_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    def __str__(self):
        return f"Invitation to {self.email}"

    @classmethod
    def issue(cls, couple: Couple, invited_by: User, email: str) -> tuple["Invitation", str]:
        """Create an invitation and return it with the raw token (shown once, in the email)."""
        inviter = couple.memberships.active().get(user=invited_by)
        token = secrets.token_urlsafe(32)
        now = tz.now()
        with transaction.atomic():
            couple.invitations.pending().update(revoked_at=now)
            invitation = cls.objects.create(
                couple=couple,
                invited_by=invited_by,
                email=email,
                role=Role(inviter.role).other,
                token_hash=hash_token(token),
                created_at=now,
                expires_at=now + INVITATION_LIFETIME,
            )
            # The email is owed from this moment, in the same transaction: if its task
            # is never queued, the sweep (send_owed_invitations) still sends it.
            SentEmail.objects.create(
                user=None, kind=InvitationEmailKind.PARTNER_INVITATION, period=invitation.period
            )
        return invitation, token

    @property
    def period(self) -> str:
        """Its email's claim: one email per invitation."""
        return f"invitation:{self.pk}"

    def renew_token(self) -> str:
        """A new link for an invitation whose email was never sent (only a hash of
        the first one was kept, so it cannot be sent again)."""
        token = secrets.token_urlsafe(32)
        Invitation.objects.filter(pk=self.pk).update(token_hash=hash_token(token))
        self.token_hash = hash_token(token)
        return token

    @classmethod
    def with_owed_email(cls, before):
        """Pending invitations made before `before` whose email was never sent."""
        owed = SentEmail.objects.claimable().filter(
            user=None,
            kind=InvitationEmailKind.PARTNER_INVITATION,
            period=Concat(Value("invitation:"), Cast(OuterRef("pk"), models.CharField())),
        )
        return cls.objects.pending().filter(Exists(owed), created_at__lt=before)

    @classmethod
    def find(cls, token: str) -> "Invitation | None":
        return (
            cls.objects.select_related("couple", "invited_by")
            .filter(token_hash=hash_token(token))
            .first()
        )

    @property
    def problem(self) -> str | None:
        if self.accepted_at:
            return _("This invitation has already been used.")
        if self.revoked_at:
            return _("This invitation was withdrawn. Ask your partner to send a new one.")
        if self.expires_at <= tz.now():
            return _("This invitation has expired. Ask your partner to send a new one.")
        if not self.couple.is_active:
            return _("This shared space is no longer open.")
        return None

    def revoke(self) -> None:
        Invitation.objects.filter(pk=self.pk, accepted_at__isnull=True).update(revoked_at=tz.now())

    def is_for(self, user: User) -> bool:
        """Whether `user` has verified the address this invitation was sent to."""
        return EmailAddress.objects.filter(
            user=user, verified=True, email__iexact=self.email
        ).exists()

    def note_other_account(self) -> None:
        now = tz.now()
        Invitation.objects.filter(pk=self.pk).update(other_account_tried_at=now)
        self.other_account_tried_at = now

    @transaction.atomic
    def accept(self, user: User) -> Membership:
        if self.problem:
            raise InvitationError(self.problem)
        if not self.is_for(user):
            raise NotTheInvitee(NOT_THE_INVITEE)
        if user.is_therapist:
            raise InvitationError(_("Therapist accounts cannot join as a partner."))
        if Membership.objects.active().filter(user=user).exists():
            raise InvitationError(
                _("You already belong to a shared space. Leave it first to join another one.")
            )
        # Claim the invitation with a conditional update so it can be used once only.
        now = tz.now()
        claimed = Invitation.objects.filter(
            pk=self.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now, accepted_by=user)
        if not claimed:
            raise InvitationError(_("This invitation has already been used."))
        if self.couple.memberships.active().filter(role=self.role).exists():
            raise InvitationError(_("This shared space already has both partners."))
        try:
            with transaction.atomic():
                return Membership.objects.create(couple=self.couple, user=user, role=self.role)
        except IntegrityError:
            # A concurrent join won the race; the outer rollback frees the invitation.
            raise InvitationError(
                _("You already belong to a shared space. Leave it first to join another one.")
            ) from None


class EmailKind(models.TextChoices):
    CHECKIN_REMINDER = "checkin_reminder", _("Weekly check-in reminder")
    CHECKIN_NUDGE = "checkin_nudge", _("Gentle check-in nudge")
    REVIEW_REMINDER = "review_reminder", _("Monthly agreement review")
    PROPOSAL_PENDING = "proposal_pending", _("Agreement change waiting for you")
    TRIGGER_SHARED = "trigger_shared", _("Your partner shared a hard moment")
    REASSURANCE_ARRIVED = "reassurance_arrived", _("Reassurance arrived for you")
    ANSWER_ARRIVED = "answer_arrived", _("An answer to your question arrived")
    PROPOSAL_DECLINED = "proposal_declined", _("Your partner answered a proposed change")
    CONSENT_ASKED = "consent_asked", _("A therapist waits for your agreement")
    PARTNER_LEFT = "partner_left", _("Your shared space has closed")
    REPAIR_WAITING = "repair_waiting", _("A conversation still waits for you (once)")
    PLANS_REMINDER = "plans_reminder", _("Reminder to share your week's plans")
    RITUAL_REMINDER = "ritual_reminder", _("Reminders of the rituals you chose")
    PRACTICE_NEWS = "practice_news", _("Something new in your practice space (therapists)")


class EmailOptOut(models.Model):
    """A kind of email this person turned off (one click, from any email or settings)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(max_length=32, choices=EmailKind.choices)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} opted out of {self.kind}"


class PushKind(models.TextChoices):
    """What a notification on a device can be about, each with its on/off switch. The
    notices app says which of these each of its kinds belongs to."""

    CHECKINS = "checkins", _("Weekly check-ins")
    HARD_MOMENTS = "hard_moments", _("Hard moments and reassurance")
    QUESTIONS = "questions", _("Questions and answers")
    PAUSES = "pauses", _("Pauses")
    AGREEMENT = "agreement", _("Your agreement and its monthly review")
    GOALS = "goals", _("Shared goals")
    REPAIRS = "repairs", _("Coming back after a hard moment")
    HEADS_UPS = "heads_ups", _("Heads-ups and plans")
    LETTERS = "letters", _("Letters and messages")
    RITUALS = "rituals", _("Rituals")
    THERAPIST = "therapist", _("Your therapist")
    SPACE = "space", _("Your shared space")
    COUPLES = "couples", _("The couples you work with")

    @classmethod
    def for_user(cls, user: "User") -> list["PushKind"]:
        """The switches a person sees: a therapist's couples, or a partner's own space."""
        if user.is_therapist:
            return [cls.COUPLES]
        return [kind for kind in cls if kind != cls.COUPLES]


class PushOptOut(models.Model):
    """A kind of notification this person turned off, on all their devices."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="push_opt_outs")
    kind = models.CharField(max_length=32, choices=PushKind.choices)
    created_at = models.DateTimeField(default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_push_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} turned off {self.kind} notifications"


class PushDeviceQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """THE rule: a person sees and removes their own devices only."""
        return self.filter(user_id=user.pk)


class PushDevice(models.Model):
    """A browser that agreed to receive notifications for this person (its Web Push
    subscription). A subscription belongs to one browser, so it has one owner: the
    last person who turned notifications on there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="push_devices")
    name = models.CharField(_("device"), max_length=60)
    created_at = models.DateTimeField(_("notifications turned on"), default=tz.now)
    # Where the browser's push service takes messages for it, and the keys that encrypt
    # them for that browser only (RFC 8291). Not shown, not exported: with the keys,
    # a copy of them would let someone read what is sent there.
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)

    objects = PushDeviceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} of user {self.user_id}"

    @classmethod
    def register(cls, user: User, endpoint: str, p256dh: str, auth: str, name: str):
        """This browser now notifies `user`: a browser that subscribes again keeps one
        row, with its new keys, and belongs to whoever turned it on last."""
        device, _created = cls.objects.update_or_create(
            endpoint=endpoint,
            defaults={"user": user, "p256dh": p256dh, "auth": auth, "name": name},
            create_defaults={
                "user": user,
                "p256dh": p256dh,
                "auth": auth,
                "name": name,
                "created_at": tz.now(),
            },
        )
        return device


class InvitationEmailKind(models.TextChoices):
    """Emails to an address that has no account yet, one per invitation. Nobody there
    has chosen anything, so these have no opt-out and no settings entry."""

    PARTNER_INVITATION = "partner_invitation", _("Invitation to a shared space")
    THERAPIST_INVITATION = "therapist_invitation", _("Invitation for a therapist")


# Notifications to devices go through the same claim, one per device, kind and period.
PUSH_CLAIM = "push"
PUSH_CLAIM_CHOICES = [(PUSH_CLAIM, _("Notification to a device"))]

# How long a claim may stay "sending" before its sender is known to be gone: a task
# is killed at CELERY_TASK_TIME_LIMIT (and a web request much sooner), plus a margin.
STUCK_MARGIN = timedelta(minutes=1)


class SentEmailQuerySet(models.QuerySet):
    def claimable(self):
        return self.filter(status__in=[SentEmail.Status.PENDING, SentEmail.Status.FAILED])

    def settled(self):
        """Emails that will never be sent (again) by a claim: sent, under way or
        interrupted. Jobs looking for what is still due skip these."""
        return self.exclude(status__in=[SentEmail.Status.PENDING, SentEmail.Status.FAILED])

    def stuck(self, now):
        limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + STUCK_MARGIN
        return self.filter(status=SentEmail.Status.SENDING, claimed_at__lt=now - limit)


class SentEmail(models.Model):
    """One row per email: per person, kind and period (or, for an address without an
    account, per kind and invitation). Claimed before sending, so an email goes out
    at most once even when a job is retried, runs twice or its worker is killed.
    A notification to a device is claimed the same way (kind PUSH_CLAIM, per device,
    notice kind and period: see accounts.push)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        # The mail server refused it or could not be reached: a retry may claim it.
        FAILED = "failed", _("Failed, may be retried")
        # Its sender died mid-send: it may or may not have gone out, and is never
        # sent again (see resolve_stuck).
        INTERRUPTED = "interrupted", _("Interrupted, not retried")

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        max_length=32,
        choices=EmailKind.choices + InvitationEmailKind.choices + PUSH_CLAIM_CHOICES,
    )
    # For a notification, the device and the notice's kind go with the period.
    period = models.CharField(max_length=100)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set with the claim, before the message leaves: the receiving side can match
    # (or drop) a copy, and the mail server's log can tell whether it went out.
    message_id = models.CharField(max_length=255, blank=True)

    objects = SentEmailQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "period"], name="one_email_per_period"),
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=Q(user__isnull=True),
                name="one_email_per_address_period",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.period} for user {self.user_id}: {self.status}"

    @classmethod
    def claim(cls, user: User | None, kind: str, period: str, message_id: str):
        """The row for this email, now "sending" under this call, or None when it was
        already sent, is being sent, or was interrupted."""
        record, _created = cls.objects.get_or_create(user=user, kind=kind, period=period)
        claim = {"status": cls.Status.SENDING, "claimed_at": tz.now(), "message_id": message_id}
        if not cls.objects.claimable().filter(pk=record.pk).update(**claim):
            return None
        for field, value in claim.items():
            setattr(record, field, value)
        return record

    def mark_sent(self) -> None:
        SentEmail.objects.filter(pk=self.pk).update(status=self.Status.SENT, sent_at=tz.now())

    def release(self) -> None:
        """The server did not take it: let a retry claim it again."""
        SentEmail.objects.filter(pk=self.pk, status=self.Status.SENDING).update(
            status=self.Status.FAILED
        )

    @classmethod
    def resolve_stuck(cls, now) -> int:
        """Close the claims of senders that died mid-send (a killed worker). Such an
        email may have reached the mail server just before, so it is never sent again:
        it is marked interrupted and counted, not resent."""
        return cls.objects.stuck(now).update(status=cls.Status.INTERRUPTED)


class SafetyCheckQuerySet(models.QuerySet):
    def shared_with_therapist_of(self, couple):
        """Answers their author chose to let their couple's therapist see: only from a
        current partner of `couple` (a couple, its id or an `OuterRef` to one), and only
        answers given since joining it (an earlier one was meant for another therapist)."""
        return self.filter(
            share_with_therapist=True,
            user__memberships__couple=couple,
            user__memberships__left_at__isnull=True,
            answered_at__gte=models.F("user__memberships__joined_at"),
        )

    def concerns_shared_with_therapist_of(self, couple):
        """The shared answers that say a partner is afraid: a safety concern."""
        return self.shared_with_therapist_of(couple).filter(afraid__in=SafetyCheck.NEEDS_SUPPORT)


class SafetyCheck(models.Model):
    """A private answer about feeling safe with one's partner. Never shown to the
    partner; shown to a consented therapist only if the person chose so."""

    class Answer(models.TextChoices):
        NO = "no", _("No")
        SOMETIMES = "sometimes", _("Sometimes")
        YES = "yes", _("Yes")
        RATHER_NOT_SAY = "rather_not_say", _("I'd rather not say")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="safety_checks")
    answered_at = models.DateTimeField(_("answered"), default=tz.now)
    afraid = models.CharField(
        _("do you feel afraid of your partner?"), max_length=16, choices=Answer.choices
    )
    share_with_therapist = models.BooleanField(_("shared with a therapist"), default=False)

    NEEDS_SUPPORT = (Answer.YES, Answer.SOMETIMES)

    objects = SafetyCheckQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "-answered_at"])]

    def __str__(self):
        return f"Safety check by user {self.user_id}"

    @property
    def needs_support(self) -> bool:
        return self.afraid in self.NEEDS_SUPPORT


def _couple_of_author(check: SafetyCheck) -> int | None:
    return (
        Membership.objects.active()
        .filter(user_id=check.user_id)
        .values_list("couple_id", flat=True)
        .first()
    )


# What the therapist dashboard keeps in the cache comes partly from these rows.
versions.track(Membership)
versions.track(SafetyCheck, _couple_of_author)
