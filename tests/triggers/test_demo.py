from datetime import timedelta

from django.utils import timezone

from accounts.demo import seed_people
from triggers import demo
from triggers.models import Reassurance, Sharing, Trigger


def test_demo_seed_gives_both_partners_months_of_entries_and_is_idempotent(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    count = Trigger.objects.count()
    demo.seed(people)

    assert Trigger.objects.count() == count
    hurt, involved = people["hurt"], people["involved"]
    assert Trigger.objects.filter(author=hurt).count() > 25
    assert Trigger.objects.filter(author=involved).exists()
    oldest = Trigger.objects.order_by("occurred_at").first().occurred_at
    assert oldest < timezone.now() - timedelta(days=60)
    assert Reassurance.objects.filter(author=involved).exists()
    assert Reassurance.objects.filter(author=hurt).exists()
    assert set(Trigger.objects.values_list("sharing", flat=True)) == set(Sharing.values)
    # Every share-now entry was seen (shared_at) and private ones never were.
    assert not Trigger.objects.filter(sharing=Sharing.PRIVATE, shared_at__isnull=False).exists()
    assert not Trigger.objects.filter(first_reassured_at__gt=timezone.now()).exists()
