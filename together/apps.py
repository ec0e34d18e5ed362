from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "together"
    verbose_name = "Tools for hard moments"
