from django import forms
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from recovery.validators import sensible_date

from .content import SECTIONS, starter_sections
from .models import (
    COMMENT_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    Agreement,
    Intention,
    ReviewResponse,
    Version,
    couple_today,
)

OUT_OF_DATE = _("This page was out of date. Please go back to your agreement and try again.")


TOO_LONG = {
    "max_length": _("Please keep this under %(limit_value)d characters (it has %(show_value)d).")
}


class ProposalForm(forms.Form):
    """The full new text, section by section, with a short reason."""

    based_on = forms.ModelChoiceField(
        queryset=Version.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": OUT_OF_DATE},
    )
    replaces = forms.ModelChoiceField(
        queryset=Version.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": OUT_OF_DATE},
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = agreement.versions.filter(status=Version.Status.ACCEPTED)
        self.fields["replaces"].queryset = agreement.versions.all()
        for section in SECTIONS:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.prompt,
                required=False,
                max_length=SECTION_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
                error_messages=TOO_LONG,
            )
            self.fields[f"review_on_{section.key}"] = forms.DateField(
                label=_("Look at this part again on"),
                required=False,
                validators=[sensible_date],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Please enter a date, like 2027-03-01.")},
            )
            self.fields[f"intention_{section.key}"] = forms.ChoiceField(
                label=_("What we hope for it then"),
                required=False,
                choices=[("", _("Nothing set")), *Intention.choices],
                error_messages={"invalid_choice": _("Please choose one of the hopes listed.")},
            )
        self.today = couple_today(agreement.couple, tz.now())
        self.fields["reason"] = forms.CharField(
            label=_("Why this change?"),
            help_text=_("A sentence or two is enough. Your partner sees it with the changes."),
            max_length=REASON_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={
                "required": _(
                    "Please add a short reason, so your partner knows what you hope for."
                ),
                **TOO_LONG,
            },
        )

    @classmethod
    def initial_for(cls, agreement: Agreement, source: Version | None, replaces: Version | None):
        """Start from the chosen text, else the current version, else the starter template."""
        current = agreement.current_version
        if replaces is not None:
            texts, base = replaces.texts(), replaces.based_on
        elif source is not None:
            texts, base = source.texts(), current
        elif current is not None:
            texts, base = current.texts(), current
        else:
            texts, base = starter_sections(), None
        initial = {**texts, "based_on": base.pk if base else None}
        chosen = replaces or source or current
        today = couple_today(agreement.couple, tz.now())
        for clause in chosen.clauses() if chosen else []:
            if not clause.is_due(today):  # a date that has come needs a new one
                initial[f"review_on_{clause.key}"] = clause.review_on
                initial[f"intention_{clause.key}"] = clause.intention
        if replaces is not None:
            initial["replaces"] = replaces.pk
        if source is not None:
            initial["reason"] = source.reason
        elif current is None:
            initial["reason"] = _("Our first agreement, written together.")
        return initial

    def section_fields(self):
        """Each section's text with its review date and hope."""
        return [
            (self[s.key], self[f"review_on_{s.key}"], self[f"intention_{s.key}"]) for s in SECTIONS
        ]

    def clean(self):
        cleaned = super().clean()
        for section in SECTIONS:
            self._clean_clause_review(section.key, cleaned)
        texts = [cleaned.get(section.key, "") for section in SECTIONS]
        if not self.has_error_in_sections() and not any(text.strip() for text in texts):
            raise forms.ValidationError(
                _("The agreement can't be empty. Please write at least one part.")
            )
        return cleaned

    def _clean_clause_review(self, key: str, cleaned: dict) -> None:
        review_on, intention = cleaned.get(f"review_on_{key}"), cleaned.get(f"intention_{key}")
        if review_on and review_on < self.today:
            self.add_error(
                f"review_on_{key}", _("Please choose today or a later date to look at it again.")
            )
        elif review_on and not intention:
            self.add_error(f"intention_{key}", _("Please choose what you hope for this part."))
        elif intention and not review_on and f"review_on_{key}" not in self.errors:
            self.add_error(f"review_on_{key}", _("Please add the date to look at it again."))

    def clause_reviews(self) -> dict[str, dict]:
        return {
            s.key: {
                "on": self.cleaned_data[f"review_on_{s.key}"].isoformat(),
                "intention": self.cleaned_data[f"intention_{s.key}"],
            }
            for s in SECTIONS
            if self.cleaned_data.get(f"review_on_{s.key}")
        }

    def has_error_in_sections(self) -> bool:
        return any(section.key in self.errors for section in SECTIONS)

    def sections(self) -> dict[str, str]:
        return {section.key: self.cleaned_data[section.key] for section in SECTIONS}


class DeclineForm(forms.Form):
    comment = forms.CharField(
        label=_("What would you like to be different?"),
        help_text=_("Your partner sees this with your answer."),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Please add a few words so your partner knows what to change."),
            **TOO_LONG,
        },
    )


class ReviewForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("How does our agreement feel this month?"),
        choices=ReviewResponse.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose one of the two answers."),
            "invalid_choice": _("Please choose one of the two answers."),
        },
    )
    note = forms.CharField(
        label=_("Anything you'd like to add? (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TOO_LONG,
    )
    successes = forms.CharField(
        label=_("What went well this month? (optional)"),
        help_text=_("Small things count. This is kept in your history to look back on."),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TOO_LONG,
    )


class ReaffirmForm(forms.Form):
    section = forms.ChoiceField(
        choices=[(section.key, section.title) for section in SECTIONS],
        error_messages={
            "required": _("Please choose a part of your agreement."),
            "invalid_choice": _("Please choose a part of your agreement."),
        },
    )


class CompareForm(forms.Form):
    older = forms.ModelChoiceField(
        label=_("Compare"),
        queryset=Version.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose a version from your agreement.")},
    )
    newer = forms.ModelChoiceField(
        label=_("with"),
        queryset=Version.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose a version from your agreement.")},
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        # Both selects list the same labels, read once without the texts; the full
        # version is fetched only for the two chosen.
        choices = agreement.versions.choices()
        for name in ("older", "newer"):
            self.fields[name].queryset = agreement.versions.all()
            self.fields[name].choices = choices
