"""Real agreement rows built through the domain methods."""

from accounts.models import Membership
from agreements.content import starter_sections
from agreements.models import Agreement, Version

UNSET = object()


def member(user) -> Membership:
    return Membership.objects.active().select_related("couple", "user").get(user=user)


def propose(agreement: Agreement, user, *, based_on=UNSET, reason="A small change", **changes):
    """Propose the current text (or the starter) with `changes` applied."""
    agreement.refresh_from_db()
    base = agreement.current_version if based_on is UNSET else based_on
    sections = (base.texts() if base else starter_sections()) | changes
    return agreement.propose(member(user), sections=sections, reason=reason, based_on=base)


def adopt(agreement: Agreement, proposer, acceptor, **changes) -> Version:
    version = propose(agreement, proposer, **changes)
    version.accept(member(acceptor))
    version.refresh_from_db()
    return version


def form_data(version_texts: dict, *, based_on=None, replaces=None, reason="Because") -> dict:
    data = {**version_texts, "reason": reason}
    data["based_on"] = based_on.pk if based_on else ""
    data["replaces"] = replaces.pk if replaces else ""
    return data
