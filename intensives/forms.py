from datetime import date, timedelta

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from pacing.models import TIER_NAMES, Exercise

from .models import LONGEST_DAYS, MOST_STEPS, Intensive, Kind, Step

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IntensiveForm(forms.Form):
    """The days of an intensive: from today on, one day to four weeks."""

    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        if day < self.today:
            raise forms.ValidationError(_("That day is over. Choose today or a later day."))
        return day

    def clean(self):
        data = super().clean()
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last:
            if last < first:
                self.add_error("ends_on", _("The last day comes on or after the first day."))
            elif last - first >= timedelta(days=LONGEST_DAYS):
                self.add_error(
                    "ends_on",
                    _("An intensive lasts at most %(days)s days.") % {"days": LONGEST_DAYS},
                )
        return data


class StepForm(forms.Form):
    """One step of an intensive, with its time window inside the intensive's days (in
    the couple's time zone: the view reads the form under it). An exercise above the
    tier open for the couple now, or above the ceiling the therapist set, is refused
    with the reason: the therapist cannot schedule past the pace."""

    kind = forms.ChoiceField(label=_("What the step is"), choices=Kind.choices)
    exercise = forms.TypedChoiceField(
        label=_("The exercise"), required=False, coerce=int, empty_value=None
    )
    title = forms.CharField(
        label=_("Name of the conversation"), required=False, max_length=Step.TITLE_MAX_LENGTH
    )
    prompt = forms.CharField(
        label=_("The prompt, in your words"),
        help_text=_("Both partners read it. Nothing they say in the conversation is kept."),
        required=False,
        max_length=Step.PROMPT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    turn_minutes = forms.IntegerField(
        label=_("Minutes for each turn to speak"), required=False, min_value=1, max_value=20
    )
    rounds = forms.IntegerField(
        label=_("Rounds (each partner speaks once a round)"),
        required=False,
        min_value=1,
        max_value=5,
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=MOMENT)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=MOMENT)

    def __init__(self, *args, intensive: Intensive, result, ceiling=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.intensive, self.result, self.ceiling = intensive, result, ceiling
        self.fields["exercise"].choices = [("", _("None"))] + [
            (e.pk, self.exercise_label(e)) for e in Exercise.objects.all()
        ]

    def exercise_label(self, exercise) -> str:
        why = self.why_closed(exercise)
        return f"{exercise.shown_title} ({why})" if why else exercise.shown_title

    def why_closed(self, exercise) -> str:
        if self.ceiling is not None and exercise.tier > self.ceiling:
            return _("above the ceiling you set: “%(tier)s”") % {"tier": TIER_NAMES[self.ceiling]}
        if not self.result.opens(exercise.tier):
            return _("above the tier open for the couple now: “%(tier)s”") % {
                "tier": TIER_NAMES[self.result.tier]
            }
        return ""

    def clean_exercise(self):
        pk = self.cleaned_data["exercise"]
        exercise = None if pk is None else Exercise.objects.get(pk=pk)  # a listed choice
        why = exercise and self.why_closed(exercise)
        if why:
            raise forms.ValidationError(
                _("“%(title)s” cannot be part of the plan: it is %(why)s. Choose another step.")
                % {"title": exercise.shown_title, "why": why}
            )
        return exercise

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Kind.EXERCISE and not data.get("exercise") and "exercise" not in self.errors:
            self.add_error("exercise", _("Choose the exercise."))
        if kind == Kind.GUIDE:
            for name, message in (
                ("title", _("Name the conversation.")),
                ("prompt", _("Write the prompt the couple will read.")),
                ("turn_minutes", _("Say how many minutes each turn to speak lasts.")),
                ("rounds", _("Say how many rounds.")),
            ):
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        self._clean_window(data)
        if self.intensive.steps.count() >= MOST_STEPS:
            raise forms.ValidationError(
                _("An intensive holds at most %(count)s steps.") % {"count": MOST_STEPS}
            )
        return data

    def _clean_window(self, data) -> None:
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if not (opens and closes):
            return
        if closes <= opens:
            self.add_error("closes_at", _("A step closes after it opens."))
        elif not self.intensive.holds(opens, closes):
            first, last = (
                formats.date_format(d) for d in (self.intensive.starts_on, self.intensive.ends_on)
            )
            self.add_error(
                "opens_at",
                _("A step falls within the intensive's days, %(first)s to %(last)s.")
                % {"first": first, "last": last},
            )

    def step_fields(self) -> dict:
        data = self.cleaned_data
        is_guide = data["kind"] == Kind.GUIDE
        return {
            "kind": data["kind"],
            "exercise": data["exercise"] if data["kind"] == Kind.EXERCISE else None,
            "title": data["title"].strip() if is_guide else "",
            "prompt": data["prompt"].strip() if is_guide else "",
            "turn_minutes": data["turn_minutes"] if is_guide else None,
            "rounds": data["rounds"] if is_guide else None,
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
        }


class TurnForm(forms.Form):
    """ "Next turn": the turn the device showed, so two taps move one turn."""

    turn = forms.IntegerField(min_value=0, max_value=100, widget=forms.HiddenInput)
