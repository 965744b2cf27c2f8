from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "opensop.imports"
    verbose_name = "Importeren"
