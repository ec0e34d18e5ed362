from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "What's new"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
