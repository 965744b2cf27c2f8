from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "opensop.profiles"
    verbose_name = "Profielen"
