from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Pages that gather every feature"
