from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_NOTE, MAX_NOTICED, FalseConnectionCheck, Often

SCALE = [(value, str(value)) for value in range(11)]


class ScaleField(forms.TypedChoiceField):
    """A 0–10 answer as a group of radio buttons (a fieldset with a legend)."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=SCALE,
            coerce=int,
            error_messages={
                "required": _("Please choose a number from 0 to 10."),
                "invalid_choice": _("Please choose a number from 0 to 10."),
            },
            **kwargs,
        )


class ReadinessForm(forms.Form):
    closeness_safety = ScaleField(
        label=_("How safe does closeness with your partner feel right now?"),
        help_text=_("0 is not safe at all, 10 is completely safe."),
    )
    body_settled = ScaleField(
        label=_("How settled does your body feel today?"),
        help_text=_("0 is very unsettled, 10 is calm and at ease."),
    )
    note = forms.CharField(
        label=_("A note for yourself (optional)"),
        help_text=_("Only you will ever see this note."),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep the note under %(limit_value)d characters.")},
    )


class ReflectionForm(forms.Form):
    safety = ScaleField(
        label=_("How safe did this feel for you?"),
        help_text=_("0 is not safe at all, 10 is completely safe."),
    )
    noticed = forms.CharField(
        label=_("What did you notice? (optional)"),
        help_text=_(
            "Only you will see this. You can share it with your partner in your own words."
        ),
        required=False,
        max_length=MAX_NOTICED,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )


class OftenField(forms.TypedChoiceField):
    """Not at all / sometimes / often, as a group of radio buttons."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=Often.choices,
            coerce=int,
            error_messages={
                "required": _("Please choose one of the three answers."),
                "invalid_choice": _("Please choose one of the three answers."),
            },
            **kwargs,
        )


class FalseConnectionForm(forms.Form):
    """ "Lately, have I…": the labels are the model's, so the export reads the same."""

    QUESTIONS = ("rushed", "said_fine", "avoided", "pressured", "affection")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.QUESTIONS:
            label = FalseConnectionCheck._meta.get_field(name).verbose_name
            self.fields[name] = OftenField(label=label)
