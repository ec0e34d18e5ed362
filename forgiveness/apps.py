from django.apps import AppConfig


class ForgivenessConfig(AppConfig):
    name = "forgiveness"
    verbose_name = "Forgiveness, on the hurt partner's terms"
