from django.utils import timezone

from accounts.demo import seed_people
from agreements import demo
from agreements.models import Agreement, Review, Version, couple_today, open_due_reviews


def test_the_demo_agreement_has_three_versions_and_two_reviews_and_seeds_once(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    demo.seed(people)

    agreement = Agreement.objects.get(couple__memberships__user=people["hurt"])
    numbers = list(agreement.versions.order_by("number").values_list("number", "status"))
    assert numbers == [(n, Version.Status.ACCEPTED) for n in (1, 2, 3)]
    assert agreement.current_version.number == 3
    assert all(v.acceptances.count() == 2 for v in agreement.versions.all())
    outcomes = set(agreement.reviews.values_list("outcome", flat=True))
    assert outcomes == {Review.Outcome.REAFFIRMED, Review.Outcome.REVISION_STARTED}
    assert all(r.responses.exclude(successes="").exists() for r in agreement.reviews.all())
    # The next review is a couple of weeks away, not overdue.
    assert open_due_reviews(timezone.now()) == []


def test_the_demo_agreement_has_one_part_due_for_a_look(db):
    people = seed_people("demo-pass-2026")
    demo.seed(people)

    agreement = Agreement.objects.get(couple__memberships__user=people["hurt"])
    today = couple_today(agreement.couple, timezone.now())
    due = agreement.current_version.clauses_due(today)
    assert [(clause.key, clause.intention) for clause in due] == [("whereabouts", "ease")]
