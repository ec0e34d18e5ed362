"""Data rights: a copy of everything I wrote (and nothing of my partner's), and
deleting my account without leaving a trace of me."""

import json
from http import HTTPStatus

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import Couple, Membership, User
from agreements.models import Acceptance, Agreement, Version
from checkins.models import CheckIn
from therapists.models import AuditEntry
from therapists.personal_data import KEPT_REFERENCES
from together.models import Goal, JournalEntry

from ..agreements.builders import adopt
from ..conftest import client_for, reauthenticated_client
from ..recovery.writing import write_everything, write_therapist_note

# Couple-level rows a person helps shape but does not author: not in their export.
NOT_AUTHORED = {
    "together.goal.title",
    "together.goal.why",
    "together.step.text",
    "repair.repair.plan",  # the plan both accepted; each proposal is exported
}
EXPORT_URLS = ["export", "export_download"]


@pytest.fixture
def both_wrote(hurt, involved, couple):
    mine = write_everything(hurt, couple, "MINE-7f3a")
    partners = write_everything(involved, couple, "PARTNER-9c1e", week=1)
    return mine, partners


def export_text(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.mark.parametrize("name", [*EXPORT_URLS, "delete_account"])
def test_export_and_deletion_ask_for_the_password_again(hurt, couple, name):
    response = client_for(hurt).get(reverse(name))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize("name", EXPORT_URLS)
def test_my_export_holds_everything_i_wrote_and_nothing_of_my_partner(hurt, both_wrote, name):
    mine, partners = both_wrote

    text = export_text(reauthenticated_client(hurt), name)

    for key, marker in mine.items():
        if key not in NOT_AUTHORED:
            assert marker in text, key
    assert "PARTNER-9c1e" not in text


def test_the_download_is_a_json_file(hurt, both_wrote):
    response = reauthenticated_client(hurt).get(reverse("export_download"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    [answer] = data["sections"]["checkin_answers"]
    assert answer["win_text"] == "MINE-7f3a-checkins.answer.win_text"
    assert answer["safety"] is None
    assert data["sections"]["account"][0]["email"] == "sam@example.test"


def test_a_therapist_exports_their_notes(therapist, couple):
    markers = write_therapist_note(therapist, couple, "THERAPIST-44")

    text = export_text(reauthenticated_client(therapist), "export")

    for marker in markers.values():
        assert marker in text


@pytest.mark.parametrize("weeks", [1, 4])
def test_the_export_runs_a_bounded_number_of_queries(
    hurt, couple, django_assert_max_num_queries, weeks
):
    for week in range(weeks):
        write_everything(hurt, couple, f"W{week}", week=week)
    client = reauthenticated_client(hurt)

    # One query per section of the copy (notices included), plus the page's own; the
    # session is one more where no Redis cache is configured (SQLite for a newcomer).
    with django_assert_max_num_queries(53 if settings.REDIS_URL else 54):
        client.get(reverse("export"))


def test_the_settings_page_links_to_export_leave_and_delete(hurt, couple):
    page = export_text(client_for(hurt), "profile")

    for name in ["export", "leave_couple", "delete_account"]:
        assert f'href="{reverse(name)}"' in page


# Deletion --------------------------------------------------------------------------


def references_to(user_id: int) -> list[tuple[str, str]]:
    """Every (model, field) with a row pointing at this user id, walking all FKs."""
    found = []
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            points_at_users = field.is_relation and field.related_model is user_model
            if points_at_users and model._base_manager.filter(**{field.attname: user_id}).exists():
                found.append((model._meta.label, field.name))
    return found


def test_the_confirmation_page_explains_what_goes_and_what_stays(hurt, couple):
    page = export_text(reauthenticated_client(hurt), "delete_account")

    assert "Deleted for good" in page
    assert "a former member" in page
    assert "closes for both of you" in page


def test_deleting_needs_the_box_ticked(hurt, couple):
    response = reauthenticated_client(hurt).post(reverse("delete_account"), {})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert User.objects.filter(pk=hurt.pk).exists()


def test_deleting_my_account_leaves_no_row_that_points_at_me(hurt, involved, couple, both_wrote):
    mine, partners = both_wrote
    agreement = Agreement.objects.get(couple=couple)
    in_force = adopt(agreement, hurt, involved, therapy="MINE-7f3a in force")
    LogEntry.objects.create(
        user=involved,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(hurt.pk),
        object_repr=hurt.email,
        action_flag=CHANGE,
    )
    hurt_id = hurt.pk
    client = reauthenticated_client(hurt)

    response = client.post(reverse("delete_account"), {"confirm": "on"})

    assert response.status_code == HTTPStatus.FOUND
    assert not User.objects.filter(pk=hurt_id).exists()
    assert references_to(hurt_id) == []
    assert not LogEntry.objects.filter(object_id=str(hurt_id)).exists()
    assert client.get(reverse("home")).status_code == HTTPStatus.FOUND  # signed out
    # The space closed; what the couple made together stays, without my name.
    couple.refresh_from_db()
    assert not couple.is_active
    in_force.refresh_from_db()
    assert in_force.proposed_by is None and in_force.therapy == "MINE-7f3a in force"
    assert Acceptance.objects.filter(version=in_force, partner__isnull=True).count() == 1
    assert CheckIn.objects.get(couple=couple, week_start="2026-01-05").shared_updated_by is None
    assert Goal.objects.filter(couple=couple).count() == 2
    # My own proposals that never took effect, and my decline comments, are gone.
    texts = [
        value
        for version in Version.objects.filter(agreement=agreement)
        for value in [version.reason, version.decline_comment, *version.texts().values()]
    ]
    assert not any("MINE-7f3a" in text for text in texts if text != "MINE-7f3a in force")
    # My partner's own writing is untouched.
    assert JournalEntry.objects.get(author=involved).text == partners["together.journalentry.text"]


def test_a_space_whose_partners_both_deleted_their_accounts_is_deleted(hurt, involved, couple):
    write_everything(hurt, couple, "A")
    write_everything(involved, couple, "B", week=1)

    for person in (hurt, involved):
        reauthenticated_client(person).post(reverse("delete_account"), {"confirm": "on"})

    assert not Couple.objects.filter(pk=couple.pk).exists()
    assert not Goal.objects.exists()
    assert not Membership.objects.exists()


def test_a_deleted_therapist_stays_only_in_the_couples_audit_trail(therapist, couple):
    write_therapist_note(therapist, couple, "T")
    AuditEntry.record(therapist, [couple.pk], "view_couple", "/therapists/couples/1/")
    therapist_id = therapist.pk

    reauthenticated_client(therapist).post(reverse("delete_account"), {"confirm": "on"})

    assert set(references_to(therapist_id)) == KEPT_REFERENCES
    assert AuditEntry.objects.get().therapist_name == "Dr. Lee"
