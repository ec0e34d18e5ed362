from django import forms
from django.utils.translation import gettext_lazy as _

from pacing.models import Exercise

from . import models as m
from .schedule import Rhythm, days_mask

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class RitualForm(forms.Form):
    """A ritual to suggest: one of the open exercises, or the couple's own words."""

    exercise = forms.ModelChoiceField(
        label=_("From the exercises"),
        queryset=Exercise.objects.none(),
        required=False,
        empty_label=_("Our own ritual"),
    )
    title = forms.CharField(
        label=_("Our own ritual"),
        max_length=m.TITLE_MAX,
        required=False,
        help_text=_("For example: a morning coffee together, or a weekly date."),
    )
    rhythm = forms.ChoiceField(
        label=_("How often"), choices=m.Ritual._meta.get_field("rhythm").choices
    )
    days = forms.TypedMultipleChoiceField(
        label=_("On which days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a weekly ritual, one day; for some days of the week, as many as you like."
        ),
    )
    at_time = forms.TimeField(
        label=_("At (optional)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    timezone = forms.CharField(label=_("Time zone"), max_length=64)
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every exercise can be named in a POST, so a closed one is refused kindly (403)
        # rather than as an unknown choice; the view offers only the open ones.
        self.fields["exercise"].queryset = Exercise.objects.all()

    def clean_timezone(self):
        name = self.cleaned_data["timezone"].strip()
        if not m.valid_zone(name):
            raise forms.ValidationError(
                _("We don't know that time zone. Try one like Europe/London.")
            )
        return name

    def clean(self):
        data = super().clean()
        if not data.get("exercise") and not data.get("title"):
            self.add_error("title", _("Choose an exercise, or say in a few words what you'll do."))
        rhythm, days = data.get("rhythm"), data.get("days") or []
        if rhythm == Rhythm.WEEKDAYS and not days:
            self.add_error("days", _("Choose at least one day of the week."))
        if rhythm in (Rhythm.WEEKLY, Rhythm.FORTNIGHTLY) and len(days) != 1:
            self.add_error("days", _("Choose the one day of the week it happens on."))
        if rhythm == Rhythm.DAILY:
            days = range(7)
        data["days"] = days_mask(days)
        return data

    def ritual_fields(self) -> dict:
        data = self.cleaned_data
        names = ("exercise", "title", "rhythm", "days", "at_time", "timezone", "starts_on")
        fields = {name: data[name] for name in names}
        if fields["exercise"] is not None:
            fields["title"] = ""
        return fields


class MarkForm(forms.Form):
    occurrence = forms.DateField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(choices=m.Outcome.choices, widget=forms.RadioSelect)
    felt = forms.IntegerField(
        label=_("How it felt for me, 0 to 10 (only you see this)"),
        min_value=0,
        max_value=10,
        required=False,
    )
    line = forms.CharField(
        label=_("A line for myself (only you see this)"),
        max_length=m.LINE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CardAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("My answer"), max_length=m.ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    shared = forms.BooleanField(
        label=_("Share my answer with my partner"),
        required=False,
        help_text=_("Left unticked, your answer is yours alone."),
    )


class ReminderForm(forms.Form):
    lead_minutes = forms.TypedChoiceField(
        label=_("Remind me by email"),
        choices=[("", _("No reminder")), *m.Lead.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only you get it. It says only that something you chose is coming up."),
    )
