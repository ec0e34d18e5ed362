from django.apps import AppConfig


class IntensivesConfig(AppConfig):
    name = "intensives"
    verbose_name = "Guided intensives"
