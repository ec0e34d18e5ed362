from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from pacing.models import Exercise

from .models import About, Agenda, AgendaItem, Focus, ForWhom, Outcome, Practice, PracticeMark


class PracticeForm(forms.Form):
    """The therapist's practice for a couple. `week` is any day of the week it is for;
    a week already over is refused. Exercises above the couple's open tier or the
    therapist's ceiling are offered, and said to wait for the right time."""

    exercise = forms.TypedChoiceField(
        label=_("An exercise from the library"), required=False, coerce=int, empty_value=None
    )
    focus = forms.ChoiceField(
        label=_("Or one of their own tools"),
        required=False,
        choices=[("", _("None"))] + list(Focus.choices),
    )
    text = forms.CharField(
        label=_("Or in your own words"),
        required=False,
        max_length=Practice.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    week = forms.DateField(
        label=_("For the week of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    for_whom = forms.ChoiceField(label=_("For whom"), choices=ForWhom.choices)

    def __init__(self, *args, couple, result, this_week, ceiling=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.couple, self.result, self.this_week = couple, result, this_week
        self.fields["exercise"].choices = [("", _("None: my own words below"))] + [
            (e.pk, self.exercise_label(e, result, ceiling)) for e in Exercise.objects.all()
        ]

    @staticmethod
    def exercise_label(exercise, result, ceiling) -> str:
        if result.opens(exercise.tier):
            return exercise.shown_title
        title = exercise.shown_title
        if ceiling is not None and exercise.tier > ceiling:
            return _("%(title)s (waits: above the ceiling you set)") % {"title": title}
        return _("%(title)s (waits: above the tier open now)") % {"title": title}

    def clean_exercise(self):
        pk = self.cleaned_data["exercise"]
        return None if pk is None else Exercise.objects.get(pk=pk)  # a listed choice

    def clean_week(self):
        day = self.cleaned_data["week"]
        monday = day - timedelta(days=day.weekday())
        if monday < self.this_week:
            raise forms.ValidationError(_("That week is over. Choose this week or a later one."))
        return monday

    def clean(self):
        data = super().clean()
        chosen = data.get("exercise") or data.get("focus") or data.get("text", "").strip()
        if not self.errors and not chosen:
            raise forms.ValidationError(
                _(
                    "Choose an exercise from the library or one of their tools, or write the "
                    "practice in your words."
                )
            )
        if data.get("exercise") and data.get("focus"):
            self.add_error("focus", _("Choose an exercise or a tool, not both."))
        return data

    def practice_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "exercise": data["exercise"],
            "focus": data["focus"],
            "text": data["text"].strip(),
            "due_week": data["week"],
            "for_whom": data["for_whom"],
        }


class MarkForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How it went"),
        required=False,
        choices=[("", _("Nothing to mark"))] + list(Outcome.choices),
        widget=forms.RadioSelect,
    )
    line = forms.CharField(
        label=_("A line for your therapist (optional)"),
        help_text=_("Only your therapist reads it, unless you share it with your partner."),
        required=False,
        max_length=PracticeMark.LINE_MAX_LENGTH,
    )
    shared = forms.BooleanField(label=_("Share this line with my partner too"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("line") and data.get("outcome") != Outcome.HARD:
            self.add_error("line", _("A line goes with “found it hard”."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["about", "text", "shared_with_partner"]
        widgets = {"text": forms.TextInput()}
        help_texts = {
            "shared_with_partner": _("Otherwise only you and your therapist see it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = About.choices


class CloseAgendaForm(forms.Form):
    note = forms.CharField(
        label=_("A note for the couple"),
        max_length=Agenda.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
