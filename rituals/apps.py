from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rituals"
    verbose_name = "Rituals and curiosity"

    def ready(self):
        # Register the beat's task in every process (run_periodic_jobs looks it up).
        from . import tasks  # noqa: F401
