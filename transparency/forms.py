from datetime import date, timedelta

from django import forms
from django.utils import timezone as tz
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from triggers.forms import LocalDateTimeField

from . import models as m

FUTURE_TOLERANCE = timedelta(days=7)
PAST_LIMIT = timedelta(days=31)


class HeadsUpForm(forms.Form):
    """Two taps: the kind is the button that sends the form; the rest is optional."""

    line = forms.CharField(
        label=_("A line about it (optional)"),
        max_length=m.LINE_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )
    happened_at = forms.DateTimeField(required=False)  # replaced in __init__ (needs the zone)
    section = forms.ChoiceField(
        label=_("The part of our agreement it honours (optional)"),
        choices=[("", _("Choose for me from what it is about")), *m.SECTION_CHOICES],
        required=False,
        error_messages={"invalid_choice": _("Please choose one of the parts shown.")},
    )
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=m.HeadsUpKind.choices,
        widget=forms.HiddenInput,  # the buttons that send the form carry it
        error_messages={
            "required": _("Please tap what the heads-up is about. “Something else” is fine."),
            "invalid_choice": _("Please tap one of the options shown."),
        },
    )

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_at"] = LocalDateTimeField(
            label=_("When (leave empty for now)"), required=False, zone=zone
        )

    def clean_happened_at(self):
        value = self.cleaned_data.get("happened_at")
        now = tz.now()
        if value and not now - PAST_LIMIT <= value <= now + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                _("Please choose a time in the last month or the coming week.")
            )
        return value


class PlansForm(forms.Form):
    share = forms.BooleanField(required=False)

    def __init__(self, *args, week_start: date, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(m.DAYS):
            day = week_start + timedelta(days=index)
            self.fields[f"day_{index}"] = forms.CharField(
                label=date_format(day, "l j F"),
                max_length=m.DAY_MAX,
                required=False,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _("Please keep this under %(limit_value)d characters.")
                },
            )

    def day_fields(self):
        return [self[f"day_{index}"] for index in range(m.DAYS)]

    def days(self) -> list[str]:
        return [self.cleaned_data[f"day_{index}"] for index in range(m.DAYS)]


class PlanHabitForm(forms.ModelForm):
    class Meta:
        model = m.PlanHabit
        fields = ["plans_on", "share_by"]
        labels = {
            "plans_on": _("We share our week's plans with each other"),
            "share_by": _("Shared by"),
        }


class TellingForm(forms.Form):
    text = forms.CharField(
        label=_("What I want to tell you"),
        max_length=m.TELLING_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please write what you want to tell first."),
            "max_length": _("Please keep this under %(limit_value)d characters."),
        },
    )
    for_session = forms.BooleanField(
        label=_("I'd rather we talk about it at our next session"), required=False
    )
