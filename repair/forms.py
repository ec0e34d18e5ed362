from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from recovery.converters import ID_MAX
from triggers.models import Trigger

from . import models as m


def _text(label, max_length, rows=4, help_text=""):
    """A free-text answer (the page marks it for the gentle-words hints)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )


class StartForm(forms.Form):
    """Where a repair starts from: at most one of a pause, a shared trigger or a
    check-in (each checked against the caller's couple by the view)."""

    pause = forms.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )
    trigger = forms.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )
    checkin = forms.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        if sum(data.get(name) is not None for name in ("pause", "trigger", "checkin")) > 1:
            raise forms.ValidationError(_("A repair starts from one moment at a time."))
        return data


class SideForm(forms.Form):
    """One partner's side. What I felt and what it was like come first; "what I hear
    is…", my part, next time and my need open once the partner's words are there to
    listen to (and `RepairSide.check_order` keeps my part after what I heard)."""

    feelings = forms.MultipleChoiceField(
        label=_("What I felt"),
        choices=m.FEELINGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    feelings_words = _text(_("In my own words (optional)"), m.LINE_MAX, rows=2)
    what_it_was_like = _text(
        _("What it was like for me"),
        m.TEXT_MAX,
        help_text=_(
            "Your partner can read this part as soon as you save it, so they can listen "
            "before writing their own part. Everything else you write here stays sealed "
            "until you have both finished."
        ),
    )
    touched = forms.ModelChoiceField(
        label=_("What it touched (optional)"),
        queryset=Trigger.objects.none(),
        required=False,
        empty_label=_("Nothing to link"),
        help_text=_(
            "One of the hard moments you logged. Your partner sees it only if they can "
            "already see that moment."
        ),
    )
    heard = _text(
        _("What I hear is…"),
        m.TEXT_MAX,
        rows=3,
        help_text=_(
            "In your own words, what your partner said it was like for them. Listen to "
            "understand, not to answer. Your partner reads this and tells you whether you "
            "heard them."
        ),
    )
    my_part = _text(
        _("My part in it"),
        m.TEXT_MAX,
        help_text=_("The impact of what I did or said, rather than what I meant by it."),
    )
    next_time = _text(_("One thing I will do differently next time"), m.TEXT_MAX, rows=2)
    need = _text(_("What I need from you (optional)"), m.TEXT_MAX, rows=2)

    STEP_ONE = ("feelings", "feelings_words", "what_it_was_like", "touched")
    LATER = ("my_part", "next_time", "need")

    def __init__(self, *args, membership, can_listen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Trigger.objects.filter(couple_id=membership.couple_id, author_id=membership.user_id)
        recent = list(mine.order_by("-occurred_at", "-pk").values_list("pk", flat=True)[:20])
        self.fields["touched"].queryset = mine.filter(pk__in=recent).order_by("-occurred_at")
        zone = membership.user.zone
        self.fields["touched"].label_from_instance = lambda trigger: (
            f"{trigger.get_category_display()} · "
            f"{date_format(trigger.occurred_at.astimezone(zone), 'D j M, H:i')}"
        )
        if not can_listen:
            for name in ("heard", *self.LATER):
                del self.fields[name]


class UnderstoodForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Did your partner hear you?"),
        choices=m.Understood.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )
    line = forms.CharField(
        label=_("A line about it (optional for “yes”)"),
        max_length=m.LINE_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("verdict") == m.Understood.NOT_QUITE and not data.get("line"):
            self.add_error("line", _("Please say in a line what they missed."))
        return data


class PlanForm(forms.Form):
    steps = forms.CharField(
        label=_("Our next steps"),
        help_text=_("One or two small steps, one per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=m.PLAN_STEPS * (m.PLAN_STEP_MAX + 1),
        error_messages={
            "required": _("Please write at least one step."),
            "max_length": _("Please keep this under %(limit_value)d characters."),
        },
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean_steps(self):
        lines = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Please write at least one step."))
        if len(lines) > m.PLAN_STEPS:
            raise forms.ValidationError(_("One or two steps are enough: keep it small."))
        if any(len(line) > m.PLAN_STEP_MAX for line in lines):
            raise forms.ValidationError(
                _("Please keep each step under %(n)d characters.") % {"n": m.PLAN_STEP_MAX}
            )
        return lines
