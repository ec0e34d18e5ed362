"""Every therapist look at a couple is recorded once, and the record cannot be changed."""

from http import HTTPStatus

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from therapists.dashboard import PAGE_SIZE
from therapists.models import AuditAction, AuditEntry

from ..conftest import client_for, require
from ..factories import make_couple, make_user
from .builders import link
from .history import build_couples


@pytest.fixture
def shared(hurt, involved, couple, dr_lee):
    return link(couple, dr_lee, hurt, involved)


def test_each_couple_page_view_writes_exactly_one_row(shared, couple, dr_lee):
    client = client_for(dr_lee)
    url = reverse("therapists:couple_detail", args=[couple.pk])

    client.get(url)
    client.get(url + "?page=2")

    rows = list(
        AuditEntry.objects.order_by("pk").values_list("therapist", "couple", "action", "path")
    )
    assert rows == [
        (dr_lee.pk, couple.pk, AuditAction.VIEW_COUPLE, url),
        (dr_lee.pk, couple.pk, AuditAction.VIEW_COUPLE, url + "?page=2"),
    ]
    assert AuditEntry.objects.first().therapist_name == "Dr. Lee"


def test_an_action_writes_one_row_even_when_the_form_has_errors(shared, couple, dr_lee):
    url = reverse("therapists:add_note", args=[couple.pk])
    client = client_for(dr_lee)

    saved = client.post(url, {"text": "See you Tuesday.", "visibility": "couple"})
    refused = client.post(url, {"text": "", "visibility": "couple"})

    assert saved.status_code == HTTPStatus.FOUND
    assert refused.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [AuditAction.ADD_NOTE, AuditAction.ADD_NOTE]


def test_a_wrong_method_with_access_is_405_and_not_recorded(shared, couple, dr_lee):
    response = client_for(dr_lee).get(reverse("therapists:add_note", args=[couple.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not AuditEntry.objects.exists()


def test_the_dashboard_records_one_row_per_couple_shown(shared, couple, dr_lee):
    other = make_couple(make_user("a@example.test", "A"), make_user("b@example.test", "B"))
    hidden = make_couple(make_user("c@example.test", "C"), make_user("d@example.test", "D"))
    link(other, dr_lee, *[m.user for m in other.memberships.all()])
    link(hidden, dr_lee)  # no consent: not shown, not recorded

    client_for(dr_lee).get(reverse("therapists:dashboard"))

    rows = AuditEntry.objects.values_list("couple", "action")
    assert sorted(rows) == sorted(
        [(couple.pk, AuditAction.VIEW_DASHBOARD), (other.pk, AuditAction.VIEW_DASHBOARD)]
    )


def test_the_dashboard_records_only_the_couples_on_the_page_shown(dr_lee):
    couples = build_couples(dr_lee, range(PAGE_SIZE + 2), timezone.now(), weeks_of_history=1)
    url = reverse("therapists:dashboard")

    client_for(dr_lee).get(url, {"sort": "name", "page": "2"})

    rows = list(AuditEntry.objects.values_list("couple", "action", "path"))
    assert len(rows) == 2  # "H8 & I8" and "H9 & I9", last by name
    assert {couple for couple, _action, _path in rows} == {couples[8].pk, couples[9].pk}
    assert {(action, path) for _couple, action, path in rows} == {
        (AuditAction.VIEW_DASHBOARD, url + "?sort=name&page=2")
    }


def test_partners_see_who_viewed_their_space(shared, couple, dr_lee, hurt, outsider):
    client_for(dr_lee).get(reverse("therapists:couple_detail", args=[couple.pk]))

    page = client_for(hurt).get(reverse("therapists:couple_settings")).text
    elsewhere = client_for(outsider).get(reverse("therapists:couple_settings")).text

    assert "Who viewed our space" in page
    assert "Dr. Lee" in page and "Opened your space" in page
    assert "Opened your space" not in elsewhere


def test_who_viewed_is_paginated_and_htmx_gets_only_the_table(shared, couple, dr_lee, hurt):
    AuditEntry.record(dr_lee, [couple.pk] * 45, AuditAction.VIEW_COUPLE, "/x/")
    client = client_for(hurt)
    url = reverse("therapists:couple_settings")

    first = client.get(url)
    fragment = client.get(url + "?page=3", headers={"HX-Request": "true"})

    assert first.text.count("Opened your space") == 20
    assert "Page 1 of 3" in first.text
    assert fragment.text.count("Opened your space") == 5
    assert "<html" not in fragment.text and 'id="audit"' in fragment.text


def test_the_audit_trail_refuses_changes_through_the_orm(shared, couple, dr_lee):
    AuditEntry.record(dr_lee, [couple.pk], AuditAction.VIEW_COUPLE, "/x/")
    entry = AuditEntry.objects.get()

    with pytest.raises(TypeError):
        AuditEntry.objects.update(path="/changed/")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE therapists_auditentry SET path = '/changed/'",
        "DELETE FROM therapists_auditentry",
    ],
)
def test_raw_update_or_delete_fails_on_postgresql(shared, couple, dr_lee, sql):
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    AuditEntry.record(dr_lee, [couple.pk], AuditAction.VIEW_COUPLE, "/x/")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)

    assert AuditEntry.objects.get().path == "/x/"


def test_deleting_a_therapist_account_keeps_the_record(shared, couple, dr_lee, hurt):
    AuditEntry.record(dr_lee, [couple.pk], AuditAction.VIEW_COUPLE, "/x/")

    dr_lee.delete()

    assert AuditEntry.objects.get().therapist_name == "Dr. Lee"
    page = client_for(hurt).get(reverse("therapists:couple_settings")).text
    assert "Dr. Lee" in page
