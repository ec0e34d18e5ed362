from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import EmailKind, EmailOptOut, Role, SafetyCheck, User, timezone_choices

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
    """Reminder time plus one on/off switch per kind of email."""

    class Meta:
        model = User
        fields = ["reminder_weekday", "reminder_hour"]
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

    def save(self, commit=True):
        user = super().save(commit=commit)
        for kind in EmailKind:
            wanted = self.cleaned_data[f"email_{kind.value}"]
            if wanted:
                user.email_opt_outs.filter(kind=kind).delete()
            else:
                EmailOptOut.objects.get_or_create(user=user, kind=kind)
        return user


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
