"""The public search and compare forms: GET only, so a search is a link a parent can share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from opensop.formats.vocabulary import default_vocabulary
from opensop.organisations.models import Swv
from opensop.portal.search import Criteria

SECTORS = [
    ("", "Alle scholen"),
    ("PO", "Basisonderwijs (PO)"),
    ("VO", "Voortgezet onderwijs (VO)"),
]
MAX_WORDS = 200


class SearchForm(forms.Form):
    wat = forms.CharField(
        label="Naam van de school of wat uw kind nodig heeft",
        help_text=(
            "Bijvoorbeeld: dyslectisch, hoogbegaafd, ADHD, rolstoel of de naam van een school."
        ),
        required=False,
        max_length=MAX_WORDS,
    )
    waar = forms.CharField(
        label="Plaats, gemeente of postcode",
        help_text="Bijvoorbeeld: Haarlem of 2011 AB.",
        required=False,
        max_length=100,
    )
    sector = forms.ChoiceField(label="Soort school", choices=SECTORS, required=False)
    swv = forms.TypedChoiceField(
        label="Samenwerkingsverband", required=False, coerce=int, empty_value=None
    )
    behoefte = forms.MultipleChoiceField(
        label="Of kies wat uw kind nodig heeft",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    iedereen = forms.BooleanField(
        label="Toon ook scholen die deze hulp (nog) niet bieden", required=False
    )

    def __init__(self, data: Mapping[str, Any] | None, swvs: list[Swv]) -> None:
        super().__init__(data, label_suffix="")
        swv_field = self.fields["swv"]
        assert isinstance(swv_field, forms.ChoiceField)
        swv_field.choices = [("", "Alle samenwerkingsverbanden")] + [
            (str(s.pk), f"{s.code} {s.name}") for s in swvs
        ]
        need_field = self.fields["behoefte"]
        assert isinstance(need_field, forms.MultipleChoiceField)
        need_field.choices = [(n.code, n.name) for n in default_vocabulary().needs]

    # The page writes the fields as plain HTML (Django's widget templates cost ~10 ms for
    # the 150 SWVs on every search): these give it the options with what was chosen.
    def options(self, name: str) -> list[tuple[str, str, bool]]:
        field = self[name]
        chosen = field.value()
        chosen_values = {str(v) for v in chosen} if isinstance(chosen, list) else {str(chosen)}
        choices = self.fields[name].choices  # type: ignore[attr-defined]
        return [(str(value), str(label), str(value) in chosen_values) for value, label in choices]

    def criteria(self) -> Criteria:
        if not self.is_valid():
            return Criteria()
        data = self.cleaned_data
        return Criteria(
            words=data["wat"],
            place=data["waar"],
            sector=data["sector"],
            swv_id=data["swv"],
            chosen_needs=tuple(data["behoefte"]),
            everyone=data["iedereen"],
        )
