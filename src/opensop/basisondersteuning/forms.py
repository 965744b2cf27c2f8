"""The draft of the next version: its title, start date and parts, as a form and a formset."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import slugify


class DraftForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200)
    valid_from = forms.DateField(
        label="Geldig vanaf",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Profielen van na deze datum tonen de nieuwe versie.",
    )


class PartForm(forms.Form):
    title = forms.CharField(label="Kop", max_length=200, required=False)
    key = forms.CharField(
        label="Sleutel",
        max_length=64,
        required=False,
        help_text="Laat leeg voor een nieuw onderdeel. Zelfde sleutel als een vaste tekst van het "
        "formaat: dit onderdeel staat op die plaats in elk profiel.",
    )
    text = forms.CharField(
        label="Tekst",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Alinea's gescheiden door een lege regel; een regel die begint met “- ” "
        "is een punt van een lijst.",
    )

    def part(self) -> dict[str, str] | None:
        """The part as stored, or None for an empty (unused) row."""
        data: dict[str, Any] = self.cleaned_data
        if self.can_delete_row(data) or not (data.get("title") or data.get("text")):
            return None
        key = data.get("key") or re.sub(r"[^a-z0-9_]", "_", slugify(data["title"])) or "onderdeel"
        if not key[0].isalpha():
            key = f"onderdeel_{key}"
        return {"key": key, "title": data.get("title", ""), "text": data.get("text", "")}

    @staticmethod
    def can_delete_row(data: dict[str, Any]) -> bool:
        return bool(data.get("DELETE"))


PartFormSet = forms.formset_factory(PartForm, extra=1, can_delete=True, max_num=60)
