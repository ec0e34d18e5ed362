"""Seed the benchmark's large dataset (see bench/seed and the README "Performance")."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import User
from bench import seed
from bench.people import DOMAIN


class Command(BaseCommand):
    help = "Seed (or reuse) the benchmark dataset: 2,000 couples with a year of history."

    def add_arguments(self, parser):
        defaults = seed.Scale()
        for name in ("couples", "weeks", "therapists", "couples_per_therapist"):
            parser.add_argument(
                f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name)
            )

    def handle(self, *args, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(
                f"Refusing to add a million rows to {name!r}: use a database made for the "
                "benchmark (its name contains 'bench'), e.g. DATABASE_URL=.../cg_bench."
            )
        if seed.is_seeded():
            self.stdout.write("Benchmark dataset already in place: reusing it.")
            return
        if User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            raise CommandError(
                "This database holds an older benchmark dataset. "
                "Recreate it with: BENCH_FRESH=1 make bench"
            )
        scale = seed.Scale(
            couples=options["couples"],
            weeks=options["weeks"],
            therapists=options["therapists"],
            couples_per_therapist=options["couples_per_therapist"],
        )
        self.stdout.write(f"Seeding the benchmark dataset into {name!r}...")
        seed.seed(scale, log=self.stdout.write)
