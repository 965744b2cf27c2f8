from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensop.accounts"
    verbose_name = "Accounts en rollen"
