from django.apps import AppConfig


class AcknowledgementConfig(AppConfig):
    name = "acknowledgement"
    verbose_name = "The acknowledgement letter"
