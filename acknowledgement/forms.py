from django import forms
from django.utils.translation import gettext_lazy as _

from . import models as m

_TOO_LONG = {"max_length": _("Please keep this under %(limit_value)d characters.")}


def _step(label, help_text, rows=5):
    """One step of the letter (the page marks it for the gentle-words hints)."""
    return forms.CharField(
        label=label,
        max_length=m.TEXT_MAX,
        required=False,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_TOO_LONG,
    )


class DraftForm(forms.Form):
    """The letter, step by step. Every step may stay empty while writing; all five
    are needed before it can be marked ready (`Letter.mark_ready`)."""

    what_i_did = _step(
        _("What I did"),
        _(
            "Plainly, in words your partner would recognise. No softer names for it: "
            "a euphemism asks them to do the naming for you."
        ),
    )
    impact = _step(
        _("The impact it had on you, as I understand it"),
        _(
            "What you have seen and heard it do to them. You may not understand all of "
            "it; say what you do understand, without explaining it away."
        ),
    )
    what_i_own = _step(
        _("What I own"),
        _(
            "What is yours to carry, with no “but” and no circumstances. The reasons can "
            "be talked about another time; here they would make the ownership smaller."
        ),
    )
    changing = _step(
        _("What I am changing"),
        _("Concretely: what you do now, or will do, that you did not do before."),
    )
    not_asking = _step(
        _("What I am not asking of you"),
        _(
            "This letter asks for nothing back: not forgiveness, not closeness, not an "
            "answer. Say so in your own words."
        ),
        rows=3,
    )
    number = forms.IntegerField(min_value=1, max_value=10_000, widget=forms.HiddenInput)

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in m.STEPS]


class ChooseForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("When would you like to receive it?"),
        choices=m.Receive.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose one."),
            "invalid_choice": _("Please choose one."),
        },
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=m.REPLY_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write your answer first."), **_TOO_LONG},
    )
    share = forms.ChoiceField(
        label=_("Who reads it"),
        choices=[
            ("private", _("Only me: I keep it for myself")),
            ("shared", _("My partner too: share it")),
        ],
        initial="private",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose one."),
            "invalid_choice": _("Please choose one."),
        },
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        help_text=_("Only the one who wrote the letter reads it."),
        max_length=m.COMMENT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write your comment first."), **_TOO_LONG},
    )
