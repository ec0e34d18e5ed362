"""The involved partner sees which tier is open, never the hurt partner's numbers or notes."""

import re
from http import HTTPStatus

from django.urls import reverse

from pacing.models import ReadinessReport, Reflection, gate_for

from ..conftest import client_for
from .builders import exercise, report, session_of

MARKER = "private-marker-7731"


def involved_pages(client, open_one, closed_one, session):
    """Every pacing response the involved partner can get, including errors."""
    return {
        "index": client.get(reverse("pacing:index")),
        "readiness": client.get(reverse("pacing:readiness")),
        "readiness error": client.post(reverse("pacing:readiness"), {"closeness_safety": 11}),
        "exercise": client.get(reverse("pacing:exercise", args=[open_one.slug])),
        "closed": client.get(reverse("pacing:exercise", args=[closed_one.slug])),
        "session": client.get(reverse("pacing:session", args=[session.pk])),
        "reflect": client.get(reverse("pacing:reflect", args=[session.pk])),
        "reflect error": client.post(reverse("pacing:reflect", args=[session.pk]), {}),
    }


def comparable(response) -> str:
    # CSRF tokens and CSP nonces change on every request.
    text = response.content.decode()
    text = re.sub(r'nonce="[^"]*"', "NONCE", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", text)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "CSRF", text)


def test_involved_partner_responses_never_contain_the_hurt_partners_numbers(hurt, involved, couple):
    open_one, closed_one = exercise(tier=2), exercise(tier=3)
    reports = [
        report(hurt, days_ago=days, closeness=closeness, body=body, note=MARKER)
        for days, closeness, body in [(14, 9, 6), (7, 5, 10), (0, 6, 8)]
    ]
    session = session_of(couple, open_one, hurt)
    Reflection.objects.create(session=session, author=hurt, safety=9, noticed=MARKER)
    client = client_for(involved)
    assert gate_for(couple).tier == 2

    before = involved_pages(client, open_one, closed_one, session)
    # Other numbers, same open tier: if any number reached these pages, they would differ.
    for item, (closeness, body) in zip(reports, [(5, 5), (10, 5), (7, 5)], strict=True):
        ReadinessReport.objects.filter(pk=item.pk).update(
            closeness_safety=closeness, body_settled=body
        )
    Reflection.objects.update(safety=1)
    assert gate_for(couple).tier == 2
    after = involved_pages(client, open_one, closed_one, session)

    assert before["closed"].status_code == HTTPStatus.FORBIDDEN
    for name, response in before.items():
        assert MARKER not in response.content.decode(), name
        assert comparable(response) == comparable(after[name]), name


def test_reflections_are_private_to_their_author(hurt, involved, couple):
    session = session_of(couple, exercise(tier=0), hurt)
    Reflection.objects.create(session=session, author=hurt, safety=2, noticed=MARKER)

    partner_view = client_for(involved).get(reverse("pacing:session", args=[session.pk])).text
    own_view = client_for(hurt).get(reverse("pacing:session", args=[session.pk])).text

    assert MARKER in own_view
    assert MARKER not in partner_view
    assert "2 out of 10" not in partner_view
