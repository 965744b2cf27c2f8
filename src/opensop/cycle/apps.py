from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "opensop.cycle"
    verbose_name = "Jaarcyclus"
