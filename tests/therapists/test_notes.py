"""Notes for the couple reach both partners; private notes reach only their author."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from therapists.models import NoteVisibility, TherapistNote

from ..conftest import client_for
from ..factories import make_user
from .builders import link, make_profile

PRIVATE_MARKER = "PRIVATE-NOTE-MARKER-7f3a"
COUPLE_MARKER = "COUPLE-NOTE-MARKER-2b9c"


@pytest.fixture
def shared(hurt, involved, couple, dr_lee):
    return link(couple, dr_lee, hurt, involved)


def write(client, couple, text, visibility):
    return client.post(
        reverse("therapists:add_note", args=[couple.pk]), {"text": text, "visibility": visibility}
    )


def partner_pages(couple):
    """Every page a partner can open, including htmx fragments and later pages."""
    settings = reverse("therapists:couple_settings")
    return [
        (reverse("home"), {}),
        (settings, {}),
        (settings + "?page=1", {"HX-Request": "true"}),
        (settings + "?notes=2", {}),
        (reverse("therapists:consent"), {}),
        (reverse("therapists:csi"), {}),
    ]


def test_a_private_note_never_appears_on_partner_pages(shared, couple, dr_lee, hurt, involved):
    client = client_for(dr_lee)
    assert write(client, couple, PRIVATE_MARKER, "private").status_code == HTTPStatus.FOUND
    write(client, couple, COUPLE_MARKER, "couple")

    for partner in (hurt, involved):
        seen = ""
        for url, headers in partner_pages(couple):
            response = client_for(partner).get(url, headers=headers)
            assert response.status_code == HTTPStatus.OK, url
            assert PRIVATE_MARKER not in response.text, url
            seen += response.text
        assert COUPLE_MARKER in seen


def test_a_private_note_stays_with_its_author_even_for_another_therapist(
    shared, couple, dr_lee, hurt, involved
):
    write(client_for(dr_lee), couple, PRIVATE_MARKER, "private")
    write(client_for(dr_lee), couple, COUPLE_MARKER, "couple")
    shared.end(hurt)
    dr_park = make_user("dr.park@example.test", "Dr. Park")
    make_profile(dr_park)
    link(couple, dr_park, hurt, involved)

    own = client_for(dr_lee).get(reverse("therapists:couple_detail", args=[couple.pk]))
    theirs = client_for(dr_park).get(reverse("therapists:couple_detail", args=[couple.pk]))

    assert own.status_code == HTTPStatus.NOT_FOUND
    assert COUPLE_MARKER in theirs.text
    assert PRIVATE_MARKER not in theirs.text


def test_the_therapist_sees_both_kinds_on_the_couple_page(shared, couple, dr_lee):
    client = client_for(dr_lee)
    write(client, couple, PRIVATE_MARKER, "private")
    write(client, couple, COUPLE_MARKER, "couple")

    page = client.get(reverse("therapists:couple_detail", args=[couple.pk])).text

    assert PRIVATE_MARKER in page and COUPLE_MARKER in page


def test_notes_are_saved_with_author_and_visibility(shared, couple, dr_lee):
    write(client_for(dr_lee), couple, "  Try the evening walk twice.  ", "couple")

    note = TherapistNote.objects.get()
    assert (note.therapist, note.text, note.visibility) == (
        dr_lee,
        "Try the evening walk twice.",
        NoteVisibility.COUPLE,
    )


@pytest.mark.parametrize(
    ("text", "visibility"),
    [("", "couple"), ("   ", "private"), ("x" * 2001, "couple"), ("Hi", ""), ("Hi", "everyone")],
)
def test_bad_notes_are_form_errors(shared, couple, dr_lee, text, visibility):
    response = write(client_for(dr_lee), couple, text, visibility)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'class="errorlist' in response.text
    assert not TherapistNote.objects.exists()
