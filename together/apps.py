from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "together"
    verbose_name = "Tools for hard moments"

    def ready(self):
        # Register the beat's task in every process (run_periodic_jobs looks it up).
        from . import tasks  # noqa: F401
