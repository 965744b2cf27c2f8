from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opensop.demo"
    verbose_name = "Demogegevens"
