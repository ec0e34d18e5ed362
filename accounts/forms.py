import base64
import binascii
import json
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import (
    EmailKind,
    EmailOptOut,
    PushKind,
    PushOptOut,
    Role,
    SafetyCheck,
    User,
    timezone_choices,
)

TIME_ZONE_ERRORS = {
    "required": _("Please choose your time zone, so times are shown as you live them."),
    "invalid_choice": _("Please choose a time zone from the list, such as Europe/London."),
}


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Your first name or nickname"),
        max_length=60,
        help_text=_("Shown to your partner."),
        error_messages={
            "required": _("Please enter a first name or nickname. It is what your partner sees.")
        },
    )
    timezone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=timezone_choices,
        initial="UTC",
        error_messages=TIME_ZONE_ERRORS,
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        # The language the sign-up page was shown in (the browser's), until they choose.
        user.language = get_language()
        user.save(update_fields=["display_name", "timezone", "language"])


class CoupleStartForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Which describes you?"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose the role that describes you."),
            "invalid_choice": _("Please choose one of the two roles shown."),
        },
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your partner's email address"),
        error_messages={"invalid": _("That doesn't look like an email address. Please check it.")},
    )

    def __init__(self, *args, inviter: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.inviter.email.lower():
            raise forms.ValidationError(_("Please enter your partner's address, not your own."))
        return email


class ProfileForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label=_("Your time zone"), choices=timezone_choices, error_messages=TIME_ZONE_ERRORS
    )

    class Meta:
        model = User
        fields = ["display_name", "timezone", "discreet_title", "gentle_hints"]
        labels = {
            "discreet_title": _("Use a discreet name and icon"),
            "gentle_hints": _("Offer gentler wording while I write"),
        }
        help_texts = {
            "discreet_title": _(
                "Browser tabs, history and the app on your phone's home screen show "
                "“Notes” and a plain notepad icon instead of the app's name and logo. "
                "If the app is already on your home screen, the phone may take a day to "
                "change it."
            ),
        }


class LanguageForm(forms.ModelForm):
    """The language of a person's pages and emails."""

    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Language for pages and emails")}
        error_messages = {
            "language": {
                "required": _("Please choose a language."),
                "invalid_choice": _("Please choose a language from the list."),
            }
        }


class NotificationSettingsForm(forms.ModelForm):
    """Reminder time, one on/off switch per kind of email and per kind of notification
    on the person's devices, and whether a notification says what it is about."""

    class Meta:
        model = User
        fields = ["reminder_weekday", "reminder_hour", "push_shows_kind"]
        labels = {"push_shows_kind": _("Show what it's about")}
        error_messages = {
            "reminder_weekday": {
                "required": _("Please choose the day for your reminder."),
                "invalid_choice": _("Please choose a day from the list."),
            },
            "reminder_hour": {
                "required": _("Please choose the hour for your reminder."),
                "invalid_choice": _("Please choose an hour from the list."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        muted = set(self.instance.email_opt_outs.values_list("kind", flat=True))
        for kind in EmailKind:
            self.fields[f"email_{kind.value}"] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in muted
            )
        silenced = set(self.instance.push_opt_outs.values_list("kind", flat=True))
        for kind in PushKind.for_user(self.instance):
            self.fields[f"push_{kind.value}"] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in silenced
            )

    def email_fields(self):
        return [self[f"email_{kind.value}"] for kind in EmailKind]

    def push_fields(self):
        return [self[f"push_{kind.value}"] for kind in PushKind.for_user(self.instance)]

    def save(self, commit=True):
        user = super().save(commit=commit)
        for kind in EmailKind:
            wanted = self.cleaned_data[f"email_{kind.value}"]
            if wanted:
                user.email_opt_outs.filter(kind=kind).delete()
            else:
                EmailOptOut.objects.get_or_create(user=user, kind=kind)
        for kind in PushKind.for_user(user):
            if self.cleaned_data[f"push_{kind.value}"]:
                user.push_opt_outs.filter(kind=kind).delete()
            else:
                PushOptOut.objects.get_or_create(user=user, kind=kind)
        return user


def _urlsafe_bytes(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


class PushSubscriptionForm(forms.Form):
    """A browser's Web Push subscription as its push manager gives it (`toJSON()`, put in
    one hidden field by static/js/push.js). The server will post to its endpoint, so
    only the known push services are taken."""

    NOT_A_SUBSCRIPTION = _(
        "This browser didn't give us what notifications need. Please try again, or try "
        "another browser."
    )

    subscription = forms.CharField(
        max_length=2000,
        widget=forms.HiddenInput,
        error_messages={"required": NOT_A_SUBSCRIPTION, "max_length": NOT_A_SUBSCRIPTION},
    )

    def clean_subscription(self) -> dict[str, str]:
        try:
            data = json.loads(self.cleaned_data["subscription"])
        except ValueError:
            raise forms.ValidationError(self.NOT_A_SUBSCRIPTION) from None
        keys = data.get("keys") if isinstance(data, dict) else None
        if not isinstance(keys, dict):
            raise forms.ValidationError(self.NOT_A_SUBSCRIPTION)
        endpoint, p256dh, auth = data.get("endpoint"), keys.get("p256dh"), keys.get("auth")
        if not all(isinstance(value, str) for value in (endpoint, p256dh, auth)):
            raise forms.ValidationError(self.NOT_A_SUBSCRIPTION)
        # An uncompressed P-256 point and a 16-byte secret (RFC 8291).
        public_key, secret = _urlsafe_bytes(p256dh), _urlsafe_bytes(auth)
        if not public_key or len(public_key) != 65 or public_key[0] != 4:
            raise forms.ValidationError(self.NOT_A_SUBSCRIPTION)
        if not secret or len(secret) != 16:
            raise forms.ValidationError(self.NOT_A_SUBSCRIPTION)
        if not known_push_service(endpoint):
            raise forms.ValidationError(
                _("This browser uses a notification service we can't send to.")
            )
        return {"endpoint": endpoint, "p256dh": p256dh, "auth": auth}


def known_push_service(endpoint: str) -> bool:
    if len(endpoint) > 1000:
        return False
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == service or host.endswith("." + service) for service in settings.PUSH_SERVICE_HOSTS
    )


class SafetyCheckForm(forms.ModelForm):
    afraid = forms.ChoiceField(
        label=_("Do you ever feel afraid of your partner?"),
        choices=SafetyCheck.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the answer closest to how you feel.")},
    )

    class Meta:
        model = SafetyCheck
        fields = ["afraid", "share_with_therapist"]
        labels = {"share_with_therapist": _("Let our therapist see this answer")}


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and what I wrote will be deleted for good."),
        error_messages={"required": _("Please tick the box to confirm, or go back.")},
    )
