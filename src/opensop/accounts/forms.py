"""Forms for inviting someone and for the account an invited person creates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from opensop.accounts.invitations import role_description
from opensop.accounts.people import Target, target_value


class InviteForm(forms.Form):
    # An account's user name is its e-mail address, and a user name holds at most 150 characters.
    email = forms.EmailField(
        label="E-mailadres",
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    target = forms.ChoiceField(label="Rol en organisatie")

    def __init__(self, targets: list[Target], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {target_value(role, org): (role, org) for role, org in targets}
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = [
            ("", "Kies een rol en organisatie"),
            *((value, role_description(*target)) for value, target in self.targets.items()),
        ]

    def chosen(self) -> Target:
        return self.targets[self.cleaned_data["target"]]


class NewAccountForm(forms.Form):
    first_name = forms.CharField(
        label="Voornaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Achternaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label="Wachtwoord",
        strip=False,
        help_text="Minstens 10 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Wachtwoord nogmaals",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, email: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password1"), cleaned.get("password2")
        if password and again and password != again:
            self.add_error("password2", "De twee wachtwoorden zijn niet hetzelfde.")
        if password:
            # Compared with the name and address too: a password like one's own name is refused.
            future_user = User(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, future_user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
