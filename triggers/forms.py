from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recovery.validators import sensible_date

from .models import (
    BODY_RESPONSE_MAX,
    INTENSITY_MAX,
    REASSURANCE_MAX,
    WHAT_HAPPENED_MAX,
    WHAT_HELPED_MAX,
    Category,
    Sharing,
    Trigger,
)

FUTURE_TOLERANCE = timedelta(days=1)

# Written for this product: they acknowledge the feeling without defending or explaining.
STARTERS = [
    _("I can see this hurt, and I'm here."),
    _("Thank you for telling me. I'm not going anywhere."),
    _("What you're feeling makes sense. I'm sorry I caused it."),
    _("I'm here now. Would you like me to call, or sit with you?"),
]


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the person's own time zone (a datetime-local input)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.zone).replace(tzinfo=None)
        return value

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)


class TriggerForm(forms.ModelForm):
    category = forms.ChoiceField(
        label=_("What set it off?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what set it off. “Other” is fine."),
            "invalid_choice": _("Please choose one of the options shown."),
        },
    )
    intensity = forms.TypedChoiceField(
        label=_("How strong was it? (0 = barely, 10 = overwhelming)"),
        choices=[(n, str(n)) for n in range(INTENSITY_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose how strong it was, from 0 to 10."),
            "invalid_choice": _("Please choose a number from 0 to 10."),
        },
    )
    sharing = forms.ChoiceField(
        label=_("Who sees this?"),
        choices=Sharing.choices,
        initial=Sharing.AT_CHECKIN,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose who sees this entry. Keeping it private is fine."),
            "invalid_choice": _("Please choose one of the options shown."),
        },
    )
    what_happened = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=WHAT_HAPPENED_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body_response = forms.CharField(
        label=_("What I felt in my body"),
        required=False,
        max_length=BODY_RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    what_helped = forms.CharField(
        label=_("What helped"),
        required=False,
        max_length=WHAT_HELPED_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Trigger
        fields = [
            "category",
            "intensity",
            "sharing",
            "occurred_at",
            "what_happened",
            "body_response",
            "what_helped",
        ]

    def __init__(self, *args, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"] = LocalDateTimeField(
            label=_("When"),
            zone=zone,
            initial=timezone.now,
            help_text=_("Now, unless you change it."),
            validators=[sensible_date],
            error_messages={
                "required": _("Please say when it happened."),
                "invalid": _("Please enter a date and time, like 2026-03-14 21:30."),
            },
        )
        if self.instance.shared_at:
            self.fields["sharing"].help_text = _(
                "Your partner has already seen this entry, so it stays visible to them."
            )

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                _("That time is in the future. Please choose when it happened.")
            )
        return occurred_at

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReassuranceForm(forms.Form):
    text = forms.CharField(
        label=_("Your reassurance"),
        max_length=REASSURANCE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write a few words, or choose a starter.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a few words, or choose a starter."))
        return text
