"""How an app describes its people's data, for the export and for account deletion.

Every app with a model keyed to a person or a couple has a ``personal_data`` module:

- ``EXPORTS``: what a person wrote or chose there, one ``Export`` per section of
  their copy, each read with one query filtered on the person;
- ``NOT_EXPORTED``: its other models keyed to a person or a couple, each with why it
  is left out of the copy;
- ``forget(user)``: what deleting the account erases or anonymises there, beyond the
  ``on_delete`` rules of the foreign keys.

``home.data_rights`` puts them in order. Labels are the fields' ``verbose_name``, so
a field reads the same in the export as in the admin.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop

# The names Django gives the exported fields that have no verbose_name of their own,
# here for the catalogue: a copy is read in its owner's language.
FIELD_NAMES = (
    gettext_noop("card"),
    gettext_noop("clause reviews"),
    gettext_noop("closed at"),
    gettext_noop("created at"),
    gettext_noop("days"),
    gettext_noop("exercise"),
    gettext_noop("happiness"),
    gettext_noop("joint note"),
    gettext_noop("kept at"),
    gettext_noop("kind"),
    gettext_noop("line"),
    gettext_noop("line shared"),
    gettext_noop("marked at"),
    gettext_noop("next step"),
    gettext_noop("note"),
    gettext_noop("outcome"),
    gettext_noop("reason"),
    gettext_noop("rewarding"),
    gettext_noop("role"),
    gettext_noop("safety"),
    gettext_noop("satisfaction"),
    gettext_noop("status"),
    gettext_noop("steps"),
    gettext_noop("text"),
    gettext_noop("title"),
    gettext_noop("total"),
    gettext_noop("version"),
    gettext_noop("warmth"),
    gettext_noop("why"),
)


@dataclass
class Section:
    """One part of a person's copy: rows of {field name: value}, and a label per name."""

    key: str
    title: str
    labels: dict[str, str]
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class Export:
    """A section of the copy: the rows of `model` whose `person` field is the person.

    `fields` are field names or paths across relations ("checkin__week_start"); a row
    names each value by the path's last part, and a related object by its `str()`.
    """

    key: str
    title: str
    model: type[models.Model]
    person: str
    fields: tuple[str, ...]
    order_by: tuple[str, ...] = ("pk",)
    therapists_only: bool = False
    # Left out of the copy of anyone who wrote nothing there: a space whose very
    # existence is private to the people who use it (forgiveness) has no empty heading.
    only_when_written: bool = False

    def applies_to(self, user) -> bool:
        return user.is_therapist or not self.therapists_only

    def section(self, user) -> Section:
        paths = {path.rsplit("__", 1)[-1]: self._fields_along(path) for path in self.fields}
        queryset = self.model._default_manager.filter(**{self.person: user.pk})
        related = {self._related_part(path) for path in self.fields} - {""}
        if related:
            queryset = queryset.select_related(*sorted(related))
        return Section(
            key=self.key,
            title=self.title,
            labels={name: _label(along[-1]) for name, along in paths.items()},
            rows=[
                {name: _value(row, along) for name, along in paths.items()}
                for row in queryset.order_by(*self.order_by)
            ],
        )

    def _fields_along(self, path: str) -> list[models.Field]:
        model, along = self.model, []
        for name in path.split("__"):
            along.append(model._meta.get_field(name))
            model = along[-1].related_model
        return along

    def _related_part(self, path: str) -> str:
        """The relations a path crosses or ends on, for select_related ("" for none)."""
        along = self._fields_along(path)
        return "__".join(field.name for field in along if field.is_relation)


def _label(field: models.Field) -> str:
    """The field's verbose_name, translated (one Django made up is in FIELD_NAMES)."""
    return capfirst(gettext(str(field.verbose_name)))


def _value(row: models.Model, along: list[models.Field]) -> Any:
    """The value at the end of the path; a choice as its readable label."""
    for field in along[:-1]:
        row = getattr(row, field.name)
    last = along[-1]
    if last.is_relation:
        related = getattr(row, last.name)
        return None if related is None else str(related)
    if last.choices:
        return str(getattr(row, f"get_{last.name}_display")())
    return getattr(row, last.name)
