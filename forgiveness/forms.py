from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MESSAGE_MAX, REFLECTION_MAX, Prompt


class ReflectionForm(forms.Form):
    prompt = forms.ChoiceField(
        label=_("Start from"),
        choices=Prompt.choices,
        initial=Prompt.OWN_WORDS,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please choose one of the places to start from.")},
    )
    text = forms.CharField(
        label=_("Your reflection"),
        help_text=_("Only you will ever see this."),
        max_length=REFLECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write a few words first, whenever you want to."),
            "max_length": _("Please keep this under %(limit_value)d characters."),
        },
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("What you would like your partner to know"),
        help_text=_(
            "This stays a private draft. Your partner sees it only if you choose to share "
            "it, and you never have to."
        ),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write a few words first, whenever you want to."),
            "max_length": _("Please keep this under %(limit_value)d characters."),
        },
    )
