from django.apps import AppConfig


class InstallableConfig(AppConfig):
    name = "installable"
    verbose_name = "On the phone's home screen"
