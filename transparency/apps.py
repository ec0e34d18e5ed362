from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency in action"

    def ready(self):
        # Register the beat's task in every process (run_periodic_jobs looks it up).
        from . import tasks  # noqa: F401
