from django.apps import AppConfig


class BasisondersteuningConfig(AppConfig):
    name = "opensop.basisondersteuning"
    verbose_name = "Basisondersteuning"
