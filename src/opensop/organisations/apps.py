from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "opensop.organisations"
    verbose_name = "Organisaties"
