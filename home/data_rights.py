"""A person's data rights: a copy of everything they wrote, and deleting their account.

Each app says what is its people's data in its ``personal_data`` module (see
recovery/personal_data.py); this module only puts them in order. The copy holds what
the person wrote or chose, and nothing their partner wrote: each section is one query
filtered on the person (a fixed number of queries, whatever the history). Deletion
closes the space, lets each app erase or anonymise its part, then removes the person;
what the couple made together stays, without their name ("a former partner").
"""

from datetime import date, datetime
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import accounts.personal_data
import acknowledgement.personal_data
import agreements.personal_data
import checkins.personal_data
import forgiveness.personal_data
import intensives.personal_data
import notices.personal_data
import pacing.personal_data
import practice.personal_data
import repair.personal_data
import rituals.personal_data
import therapists.personal_data
import together.personal_data
import transparency.personal_data
import triggers.personal_data
from accounts.models import Couple, EndReason, Membership, User
from recovery.personal_data import Section

# The order of the sections in the copy.
PERSONAL_DATA: tuple[ModuleType, ...] = (
    accounts.personal_data,
    checkins.personal_data,
    triggers.personal_data,
    agreements.personal_data,
    pacing.personal_data,
    together.personal_data,
    repair.personal_data,
    transparency.personal_data,
    forgiveness.personal_data,
    acknowledgement.personal_data,
    rituals.personal_data,
    practice.personal_data,
    intensives.personal_data,
    therapists.personal_data,
    notices.personal_data,
)


def collect(user: User) -> list[Section]:
    """Everything `user` wrote or chose, section by section. Never a partner's words."""
    sections = [
        (export, export.section(user))
        for module in PERSONAL_DATA
        for export in module.EXPORTS
        if export.applies_to(user)
    ]
    return [section for export, section in sections if section.rows or not export.only_when_written]


def as_json(user: User, sections: list[Section]) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "about": "Everything you wrote in Common Ground. Nothing your partner wrote.",
        "sections": {section.key: section.rows for section in sections},
    }


def _readable(value, zone) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value, zone), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def as_readable(user: User, sections: list[Section]) -> list[dict[str, Any]]:
    """Sections with labelled, formatted values (in the person's time zone) for the page."""
    zone = user.zone
    return [
        {
            "key": section.key,
            "title": section.title,
            "rows": [
                [(section.labels[name], _readable(value, zone)) for name, value in row.items()]
                for row in section.rows
            ],
        }
        for section in sections
    ]


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person and what they wrote; anonymise what stays with the couple.

    - An open shared space closes for both (as when leaving).
    - Each app erases or anonymises its part (`forget` in its personal_data module),
      the last-built apps first; the database's on_delete rules do the rest when the
      person is deleted.
    - Kept with the id: each module's KEPT_REFERENCES (the couples' audit trail of a
      deleted therapist's visits).
    - A space left with no members at all is deleted entirely.
    """
    membership = Membership.objects.active().filter(user=user).select_related("couple").first()
    if membership:
        membership.couple.end(by=user, reason=EndReason.ACCOUNT_DELETED)
    couple_ids = list(Membership.objects.filter(user=user).values_list("couple_id", flat=True))
    for module in reversed(PERSONAL_DATA):
        module.forget(user)
    user.delete()
    Couple.objects.filter(pk__in=couple_ids, memberships__isnull=True).delete()


def unaccounted(modules=PERSONAL_DATA, models=None) -> list[str]:
    """People, couples and models keyed to either that no module exports or leaves out
    on purpose (labels, sorted). A new model must say where its data goes before it
    ships: the export-completeness test fails on anything listed here."""
    accounted = set()
    for module in modules:
        accounted |= {export.model for export in module.EXPORTS}
        accounted |= set(module.NOT_EXPORTED)
    people = {apps.get_model(settings.AUTH_USER_MODEL), Couple}
    return sorted(
        model._meta.label
        for model in (apps.get_models() if models is None else models)
        if model not in accounted and (model in people or _keyed_to(model, people))
    )


def _keyed_to(model, targets) -> bool:
    return any(
        field.is_relation and field.related_model in targets
        for field in model._meta.concrete_fields
    )
