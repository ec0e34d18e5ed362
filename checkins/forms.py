from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    EXPECTED_HEADS_UP_QUESTION,
    JOINT_NOTE_MAX,
    NEXT_STEP_MAX,
    RATING_MAX,
    RATINGS,
    TEXT_MAX,
    TEXTS,
    ExpectedHeadsUp,
)

SCALE = [(value, str(value)) for value in range(RATING_MAX + 1)]

TOO_LONG = _("Please keep this to %(limit_value)s characters or fewer (it has %(show_value)s).")


class AnswerForm(forms.Form):
    """One partner's answers. Ratings may stay empty in a draft, not when sharing."""

    def __init__(self, *args, submitting: bool = False, asks_heads_up: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, question in RATINGS:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                help_text=question,
                choices=SCALE,
                coerce=int,
                empty_value=None,
                required=submitting,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose a number from 0 to 10."),
                    "invalid_choice": _("Please choose a whole number from 0 to 10."),
                },
            )
        for name, label, prompt in TEXTS:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=prompt,
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": TOO_LONG},
            )

        if asks_heads_up:  # the hurt partner's question; optional, like the written answers
            self.fields["expected_heads_up"] = forms.ChoiceField(
                label=EXPECTED_HEADS_UP_QUESTION,
                help_text=_(
                    "Only for you to answer, and sealed like the rest until you have both "
                    "shared. Leaving it empty is fine."
                ),
                choices=ExpectedHeadsUp.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Please choose one of the options shown.")},
            )

    def heads_up_field(self):
        return self["expected_heads_up"] if "expected_heads_up" in self.fields else None

    def rating_fields(self):
        return [self[name] for name, _label, _question in RATINGS]

    def text_fields(self):
        return [self[name] for name, _label, _prompt in TEXTS]


class SharedNoteForm(forms.Form):
    """The couple's joint note and agreed next step, edited on the latest revision."""

    joint_note = forms.CharField(
        label=_("Our note"),
        help_text=_("What you noticed together, in your own words."),
        required=False,
        max_length=JOINT_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
    next_step = forms.CharField(
        label=_("One agreed next step"),
        help_text=_("Small and doable this week, e.g. a walk together on Wednesday."),
        required=False,
        max_length=NEXT_STEP_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )
    revision = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Please reload the page and try again."),
            "invalid": _("Please reload the page and try again."),
            "min_value": _("Please reload the page and try again."),
        },
    )
