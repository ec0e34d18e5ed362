"""The partner sees exactly what changes, word by word, readable without colour."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from agreements.diff import Segment, word_diff

from ..conftest import client_for
from .builders import adopt, propose


def test_a_changed_word_is_a_removal_then_an_addition():
    segments = word_diff("We talk every evening.", "We talk every morning.")

    assert segments == [
        Segment("equal", "We talk every "),
        Segment("delete", "evening"),
        Segment("insert", "morning"),
        Segment("equal", "."),
    ]


def test_identical_texts_have_no_changes():
    assert [s.op for s in word_diff("Same text.\nTwo lines.", "Same text.\nTwo lines.")] == [
        "equal"
    ]


@given(st.text(max_size=60), st.text(max_size=60))
def test_a_diff_rebuilds_both_texts_exactly(old, new):
    segments = word_diff(old, new)

    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


def test_the_partner_sees_the_diff_against_the_current_version(hurt, involved, agreement):
    adopt(agreement, involved, hurt, heated_moments="Either of us can call a pause.")
    proposal = propose(
        agreement, involved, heated_moments="Either of us can call a pause of twenty minutes."
    )

    html = client_for(hurt).get(reverse("agreements:version", args=[proposal.pk])).content.decode()

    assert "What would change from Version 1" in html
    assert (
        "Either of us can call a pause"
        '<ins><span class="visually-hidden">added: </span> of twenty minutes</ins>.' in html
    )
    assert 'Digital transparency <span class="muted">(no changes)</span>' in html
    assert "Accept this change" in html and "Counter-propose" in html
    assert "Withdraw my proposal" not in html


def test_written_text_is_escaped_in_the_diff(hurt, involved, agreement):
    adopt(agreement, involved, hurt)
    proposal = propose(agreement, involved, contact="<script>alert(1)</script> & more")

    html = client_for(hurt).get(reverse("agreements:version", args=[proposal.pk])).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
