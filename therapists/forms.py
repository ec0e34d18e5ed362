from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from pacing.models import TIER_NAMES, Exercise

from . import csi
from .models import (
    LICENCE_FIELDS,
    ExerciseSuggestion,
    NoteVisibility,
    TherapistNote,
    TherapistProfile,
    not_verified_error,
)


class TherapistSetupForm(forms.ModelForm):
    class Meta:
        model = TherapistProfile
        fields = ["practice_name", "licence_type", "licence", "jurisdiction"]
        labels = {
            "practice_name": _("Practice name"),
            "licence_type": _("Licence type"),
            "licence": _("Licence or registration number"),
            "jurisdiction": _("Jurisdiction"),
        }
        help_texts = {
            "practice_name": _("Couples see this when they invite you."),
            "licence_type": _("For example: Licensed Marriage and Family Therapist."),
            "licence": _(
                "Staff of this service check it with the register, then mark it verified."
            ),
            "jurisdiction": _("Where the licence was issued, for example: California, USA."),
        }
        error_messages = {
            "practice_name": {"required": _("Please enter the name of your practice.")}
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("practice_name", *LICENCE_FIELDS):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        given = [name for name in LICENCE_FIELDS if cleaned.get(name)]
        if given and len(given) < len(LICENCE_FIELDS):
            for name in LICENCE_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "Please fill in the licence type, number and jurisdiction together,"
                            " so that staff can check them."
                        ),
                    )
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your therapist's code"),
        max_length=20,
        help_text=_(
            "Eight letters and numbers, like ABCD-2345. Your therapist can give it to you."
        ),
        error_messages={"required": _("Please enter the code your therapist gave you.")},
    )

    def clean_code(self):
        profile = TherapistProfile.find_by_code(self.cleaned_data["code"])
        if profile is None:
            raise forms.ValidationError(
                _("We couldn't find a therapist with that code. Please check it with them.")
            )
        if not profile.may_work:
            raise forms.ValidationError(not_verified_error().args[0])
        self.therapist = profile.user
        return profile.code


class TherapistEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your therapist's email address"),
        help_text=_(
            "If they already use Common Ground, they are linked at once. Otherwise they get a "
            "short, neutral email inviting them to create a therapist account."
        ),
        error_messages={
            "required": _("Please enter your therapist's email address."),
            "invalid": _("That doesn't look like an email address. Please check it."),
        },
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.therapist = None

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        members = self.membership.couple.memberships.active().values_list("user__email", flat=True)
        if email in {address.lower() for address in members}:
            raise forms.ValidationError(
                _("That address belongs to one of you. Please enter your therapist's address.")
            )
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True)
            .select_related("user")
            .first()
        )
        if address and address.user.is_therapist and address.user.is_active:
            if not TherapistProfile.may_work_as(address.user):
                raise forms.ValidationError(not_verified_error().args[0])
            self.therapist = address.user
        return email


class NoteForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Note"),
        max_length=TherapistNote.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Please write something before saving the note."),
            "max_length": _("Please keep a note under %(limit_value)d characters."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        initial=NoteVisibility.PRIVATE,
        error_messages={
            "required": _("Please choose who can read this note."),
            "invalid_choice": _("Please choose one of the options shown."),
        },
    )

    class Meta:
        model = TherapistNote
        fields = ["text", "visibility"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write something before saving the note."))
        return text


class CsiForm(forms.Form):
    """The four CSI-4 items with their published response scales."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, item in enumerate(csi.ITEMS, start=1):
            self.fields[item.field] = forms.TypedChoiceField(
                label=item.question,
                choices=item.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer for question %(number)d.")
                    % {"number": number},
                    "invalid_choice": _("Please choose one of the answers shown."),
                },
            )

    def answers(self) -> dict[str, int]:
        return {field: self.cleaned_data[field] for field in csi.FIELDS}


NO_CEILING = "none"


def _tier_or_none(value: str) -> int | None:
    return None if value == NO_CEILING else int(value)


def _ceiling_choices():
    return [(NO_CEILING, _("No ceiling: readiness alone sets the pace"))] + [
        (str(tier), _("Up to tier %(tier)s: %(name)s") % {"tier": tier, "name": name})
        for tier, name in TIER_NAMES.items()
    ]


class CeilingForm(forms.Form):
    ceiling = forms.TypedChoiceField(
        label=_("Highest tier open"),
        choices=_ceiling_choices,
        coerce=_tier_or_none,
        widget=forms.RadioSelect,
        help_text=_(
            "A ceiling can only keep tiers closed; it never opens a tier the couple's "
            "readiness has not opened."
        ),
        error_messages={
            "required": _("Please choose how far the exercises may open."),
            "invalid_choice": _("Please choose one of the options shown."),
        },
    )


class ExerciseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, exercise):
        title = exercise.shown_title
        return _("Tier %(tier)s · %(title)s") % {"tier": exercise.tier, "title": title}


class SuggestionForm(forms.Form):
    exercise = ExerciseChoiceField(
        label=_("Exercise"),
        queryset=Exercise.objects.all(),
        empty_label=_("Choose an exercise"),
        help_text=_(
            "Both partners see your suggestion. An exercise in a tier that is not open yet "
            "stays closed until their readiness opens it."
        ),
        error_messages={
            "required": _("Please choose an exercise to suggest."),
            "invalid_choice": _("Please choose one of the exercises listed."),
        },
    )
    note = forms.CharField(
        label=_("A word about it (optional)"),
        max_length=ExerciseSuggestion.NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )

    def clean_note(self):
        return self.cleaned_data["note"].strip()


class LabelForm(forms.Form):
    label = forms.CharField(
        label=_("Your label for this couple"),
        max_length=60,
        required=False,
        help_text=_("Only you see it, on your list of couples: for example, when you started."),
        error_messages={"max_length": _("Please keep the label under %(limit_value)d characters.")},
    )
