from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "opensop.portal"
    verbose_name = "Openbare pagina's"
