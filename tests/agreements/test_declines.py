"""Who declined a proposal is recorded, so their comment is theirs: in their copy of
their data, and erased with their account."""

import importlib
import json
from http import HTTPStatus

from django.apps import apps
from django.urls import reverse

from agreements.models import Version

from ..conftest import client_for, reauthenticated_client
from .builders import adopt, member, propose

COMMENT = "Not before we have talked it through in session."


def declined_proposal(agreement, proposer, decliner) -> Version:
    adopt(agreement, proposer, decliner)
    proposal = propose(agreement, proposer, whereabouts="Location sharing ends now.")
    proposal.decline(member(decliner), COMMENT)
    proposal.refresh_from_db()
    return proposal


def decline_comments_in_copy_of(user) -> list:
    response = reauthenticated_client(user).get(reverse("export_download"))
    return json.loads(response.content)["sections"]["agreement_decline_comments"]


def test_declining_records_who_declined(hurt, involved, agreement):
    adopt(agreement, involved, hurt)
    proposal = propose(agreement, involved, whereabouts="Location sharing ends now.")

    response = client_for(hurt).post(
        reverse("agreements:decline", args=[proposal.pk]), {"comment": COMMENT}
    )

    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == Version.Status.DECLINED
    assert proposal.declined_by == hurt
    assert proposal.proposed_by == involved


def test_only_the_partner_who_declined_finds_the_comment_in_their_copy(hurt, involved, agreement):
    declined_proposal(agreement, involved, hurt)

    [mine] = decline_comments_in_copy_of(hurt)

    assert mine["decline_comment"] == COMMENT
    assert decline_comments_in_copy_of(involved) == []


def test_deleting_the_decliners_account_erases_the_comment_and_keeps_the_proposal(
    hurt, involved, agreement
):
    proposal = declined_proposal(agreement, involved, hurt)

    reauthenticated_client(hurt).post(reverse("delete_account"), {"confirm": "on"})

    proposal.refresh_from_db()
    assert proposal.decline_comment == ""
    assert proposal.declined_by is None
    assert proposal.proposed_by == involved
    assert proposal.whereabouts == "Location sharing ends now."


def test_declines_made_before_it_was_recorded_go_to_the_partner_who_did_not_propose(
    hurt, involved, agreement
):
    proposal = declined_proposal(agreement, involved, hurt)
    Version.objects.filter(pk=proposal.pk).update(declined_by=None)
    migration = importlib.import_module("agreements.migrations.0003_version_declined_by")

    migration.record_earlier_declines(apps, None)

    proposal.refresh_from_db()
    assert proposal.declined_by == hurt
