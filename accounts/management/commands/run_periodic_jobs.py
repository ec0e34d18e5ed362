from django.core.management.base import BaseCommand

from recovery.celery import app


class Command(BaseCommand):
    help = "Run every scheduled job once, now (for the demo, or to catch up by hand)."

    def handle(self, *args, **options):
        for name, entry in app.conf.beat_schedule.items():
            result = app.tasks[entry["task"]].apply()
            self.stdout.write(f"{name}: {result.get()}")
