from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "opensop.workflow"
    verbose_name = "Werkstroom"
