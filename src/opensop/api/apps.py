from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opensop.api"
    label = "api"
    verbose_name = "API en open data"

    def ready(self) -> None:
        from opensop.api import schema  # noqa: F401, PLC0415 - registers the key in the schema
