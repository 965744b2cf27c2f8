"""Django's password rules, where its Dutch translation falls short."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's own, with a Dutch message: Django 5.2 ships this one untranslated."""

    def get_error_message(self) -> str:
        return f"Dit wachtwoord is te kort. Het moet minstens {self.min_length} tekens hebben."
