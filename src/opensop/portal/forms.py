"""The public search and compare forms: GET only, so a search is a link a parent can share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe

from opensop.formats.vocabulary import default_vocabulary
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

    def __init__(self, data: Mapping[str, Any] | None, swvs: Sequence[tuple[str, str]]) -> None:
        """`swvs`: each SWV's id and name (`PublicIndex.swv_choices`)."""
        super().__init__(data, label_suffix="")
        swv_field = self.fields["swv"]
        assert isinstance(swv_field, forms.ChoiceField)
        swv_field.choices = [("", "Alle samenwerkingsverbanden"), *swvs]
        need_field = self.fields["behoefte"]
        assert isinstance(need_field, forms.MultipleChoiceField)
        need_field.choices = [(n.code, n.name) for n in default_vocabulary().needs]

    # The page writes the fields as plain HTML: Django's widget templates, or a template
    # loop over the 150 SWVs, cost more than the whole search.
    def options(self, name: str) -> list[tuple[str, str, bool]]:
        field = self[name]
        chosen = field.value()
        chosen_values = {str(v) for v in chosen} if isinstance(chosen, list) else {str(chosen)}
        choices = self.fields[name].choices  # type: ignore[attr-defined]
        return [(str(value), str(label), str(value) in chosen_values) for value, label in choices]

    def select_options(self, name: str) -> SafeString:
        """The `<option>`s of the select `name`, the chosen one selected."""
        return mark_safe(  # noqa: S308 - every value and label escaped here
            "".join(
                f'<option value="{escape(value)}"{" selected" if chosen else ""}>'
                f"{escape(label)}</option>"
                for value, label, chosen in self.options(name)
            )
        )

    def checkboxes(self, name: str) -> SafeString:
        """The `<li>`s with a labelled checkbox per choice of `name`, the chosen ones checked."""
        return mark_safe(  # noqa: S308 - every value and label escaped here
            "".join(
                f'<li><label><input type="checkbox" name="{name}" value="{escape(value)}"'
                f"{' checked' if chosen else ''}> {escape(label)}</label></li>"
                for value, label, chosen in self.options(name)
            )
        )

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
