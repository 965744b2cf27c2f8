from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "opensop.overview"
    verbose_name = "Regionaal overzicht"
