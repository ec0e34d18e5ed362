from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from recovery.validators import sensible_date

from . import models as m


def _text(label, max_length, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Please write something here first."),
            "max_length": _("Please keep this under %(limit_value)d characters."),
        },
    )


class QuestionForm(forms.Form):
    text = _text(_("Your question"), m.QUESTION_MAX)
    readiness = forms.ChoiceField(
        label=_("When would you like to hear the answer?"),
        choices=m.Readiness.choices,
        initial=m.Readiness.READY_NOW,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose when you'd like to hear the answer.")},
    )


class AnswerForm(forms.Form):
    text = _text(
        _("Your answer"),
        m.ANSWER_MAX,
        rows=6,
        help_text=_("Calm and full is enough. If you change it later, the earlier text stays."),
    )


class PauseLength:
    MINUTES_20 = "20m"
    HOUR = "1h"
    TOMORROW = "tomorrow"
    CUSTOM = "custom"
    CHOICES = [
        (MINUTES_20, _("20 minutes")),
        (HOUR, _("1 hour")),
        (TOMORROW, _("Until tomorrow morning")),
        (CUSTOM, _("Until a time I choose")),
    ]


def tomorrow_morning(now: datetime, zone: ZoneInfo) -> datetime:
    """09:00 tomorrow where the person is, never more than the longest pause away."""
    morning = datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(9), zone)
    return min(morning, now + m.PAUSE_MAX)


class PauseForm(forms.Form):
    length = forms.ChoiceField(
        label=_("How long do you need?"),
        choices=PauseLength.CHOICES,
        initial=PauseLength.MINUTES_20,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how long you need.")},
    )
    return_at = forms.DateTimeField(
        label=_("I'll come back at"),
        required=False,
        help_text=_("Only for “until a time I choose”. Up to 24 hours from now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[sensible_date],
        error_messages={"invalid": _("Please enter a date and time, like 2026-05-01 18:30.")},
    )
    reason = _text(
        _("What's happening for you (optional, only you will ever see this)"),
        m.PAUSE_REASON_MAX,
        required=False,
        rows=3,
    )

    def __init__(self, *args, zone: ZoneInfo, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone, self.now = zone, now

    def full_clean(self):
        # A typed return time is read in the requester's own time zone.
        with tz.override(self.zone):
            super().full_clean()

    def clean(self):
        data = super().clean()
        length = data.get("length")
        if length == PauseLength.MINUTES_20:
            data["ends_at"] = self.now + timedelta(minutes=20)
        elif length == PauseLength.HOUR:
            data["ends_at"] = self.now + timedelta(hours=1)
        elif length == PauseLength.TOMORROW:
            data["ends_at"] = tomorrow_morning(self.now, self.zone)
        elif length == PauseLength.CUSTOM:
            data["ends_at"] = self._custom_return(data.get("return_at"))
        return data

    def _custom_return(self, return_at):
        if return_at is None:
            if not self.has_error("return_at"):
                self.add_error("return_at", _("Please choose when you'll come back."))
            return None
        if return_at <= self.now:
            self.add_error("return_at", _("Please choose a time later than now."))
        elif return_at > self.now + m.PAUSE_MAX:
            self.add_error(
                "return_at",
                _("A pause can last up to 24 hours. Please choose an earlier return time."),
            )
        return return_at


class WinForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to note?"),
        choices=m.WinKind.choices,
        initial=m.WinKind.SMALL_WIN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a small win or an appreciation.")},
    )
    text = _text(_("In a few words"), m.WIN_MAX, rows=3)


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Our goal"),
        max_length=m.GOAL_TITLE_MAX,
        error_messages={
            "required": _("Please give the goal a short name."),
            "max_length": _("Please keep the name under %(limit_value)d characters."),
        },
    )
    why = _text(_("Why it matters to us"), m.GOAL_WHY_MAX, required=False, rows=3)
    steps = forms.CharField(
        label=_("Small steps, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Up to 12 steps, each one a line."),
    )
    # The goal's version when the form was opened: a change proposed from an older
    # version would quietly undo what the partner had agreed meanwhile.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_steps(self):
        lines = [line.strip() for line in self.cleaned_data["steps"].splitlines()]
        steps = list(dict.fromkeys(line for line in lines if line))
        if len(steps) > m.STEPS_PER_GOAL:
            raise forms.ValidationError(
                _("Please keep it to %(count)d steps or fewer.") % {"count": m.STEPS_PER_GOAL}
            )
        if any(len(step) > m.STEP_MAX for step in steps):
            raise forms.ValidationError(
                _("Please keep each step under %(count)d characters.") % {"count": m.STEP_MAX}
            )
        return steps


class JournalForm(forms.Form):
    text = _text(_("Write freely. Only you will ever see this."), m.JOURNAL_MAX, rows=6)


class SelfCarePlanForm(forms.ModelForm):
    class Meta:
        model = m.SelfCarePlan
        fields = ["rest", "movement", "people_i_can_talk_to", "my_own_therapy"]
        help_texts = {
            "rest": _("What helps you rest: sleep, quiet, small breaks."),
            "movement": _("A walk, a swim, stretching: whatever your body enjoys."),
            "people_i_can_talk_to": _("Friends or family you trust with how you feel."),
            "my_own_therapy": _("Your own sessions, or a group, if you have one."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.max_length = m.PLAN_MAX
            field.widget.attrs.update({"rows": 3, "maxlength": m.PLAN_MAX})
            field.validators.append(
                MaxLengthValidator(
                    m.PLAN_MAX, _("Please keep this under %(limit_value)d characters.")
                )
            )
