from django.core.management.base import BaseCommand
from django.db import transaction

import acknowledgement.demo
import agreements.demo
import checkins.demo
import forgiveness.demo
import intensives.demo
import notices.demo
import pacing.demo
import practice.demo
import repair.demo
import rituals.demo
import therapists.demo
import together.demo
import transparency.demo
import triggers.demo
from accounts.demo import seed_people

DEMO_PASSWORD = "demo-pass-2026"


class Command(BaseCommand):
    help = "Create demo couples and a demo therapist (idempotent). Password: demo-pass-2026."

    @transaction.atomic
    def handle(self, *args, **options):
        people = seed_people(DEMO_PASSWORD)
        # Each feature adds its own demo content here, in dependency order.
        checkins.demo.seed(people)
        agreements.demo.seed(people)
        together.demo.seed(people)
        repair.demo.seed(people)
        transparency.demo.seed(people)
        forgiveness.demo.seed(people)
        acknowledgement.demo.seed(people)
        pacing.demo.seed(people)
        rituals.demo.seed(people)
        triggers.demo.seed(people)
        therapists.demo.seed(people)
        practice.demo.seed(people)
        intensives.demo.seed(people)
        notices.demo.seed(people)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with:"))
        for user in people.values():
            self.stdout.write(f"  {user.email} / {DEMO_PASSWORD}")
