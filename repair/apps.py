from django.apps import AppConfig


class RepairConfig(AppConfig):
    name = "repair"
    verbose_name = "Repair after a hard moment"

    def ready(self):
        # Register the beat's task in every process (run_periodic_jobs looks it up).
        from . import tasks  # noqa: F401
