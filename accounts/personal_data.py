"""The account's own data: what the export holds and what deletion erases (see
recovery/personal_data.py). The user row itself is deleted by home.data_rights."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import (
    Couple,
    EmailOptOut,
    Invitation,
    Membership,
    PushDevice,
    PushOptOut,
    SafetyCheck,
    SentEmail,
    User,
)

EXPORTS = (
    Export(
        "account",
        _("Your account"),
        User,
        "pk",
        (
            "email",
            "display_name",
            "timezone",
            "date_joined",
            "discreet_title",
            "gentle_hints",
            "push_shows_kind",
        ),
    ),
    # The device's name and date only: its push address and keys are the browser's
    # secrets, and a copy of them is of no use to anyone but someone who would misuse it.
    Export(
        "push_devices",
        _("Devices that get notifications"),
        PushDevice,
        "user",
        ("name", "created_at"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "couple_spaces",
        _("Shared spaces you belonged to"),
        Membership,
        "user",
        ("role", "joined_at", "left_at"),
    ),
    Export(
        "safety_checks",
        _("Your private safety checks"),
        SafetyCheck,
        "user",
        ("answered_at", "afraid", "share_with_therapist"),
        order_by=("answered_at",),
    ),
)

NOT_EXPORTED = {
    Couple: "the shared space itself (when it started and ended, its time zone) holds "
    "nothing anyone wrote; each person's membership of it is exported",
    Invitation: "an invitation holds the partner's email address and a one-time link, "
    "not something the person wrote about themselves",
    EmailOptOut: "email choices, shown and changed under Settings, Emails and reminders",
    SentEmail: "which reminder or notification went out when, kept so none is sent "
    "twice; it holds nothing anyone wrote",
    PushOptOut: "notification choices, shown and changed under Settings, Emails, "
    "reminders and notifications",
    EmailAddress: "the sign-in address, exported as the account's email",
    Authenticator: "two-step sign-in secrets and recovery codes: a copy of them would "
    "let whoever holds the file sign in",
    UserSession: "where the person is signed in: a security record, ended on deletion",
    LogEntry: "staff changes made in the admin, by staff",
}


def forget(user: User) -> None:
    """Staff's admin history about the person goes, and every sign-in ends. The rest
    of the account (memberships, invitations sent, email records, devices that get
    notifications, safety checks, two-step sign-in) is deleted with the user row by the database."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
