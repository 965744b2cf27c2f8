"""The overview's filters: school year, sector, board and municipality (a GET form)."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from opensop.overview.region import Filters, SchoolFacts


class OverviewFilter(forms.Form):
    jaar = forms.ChoiceField(label="Schooljaar", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    bestuur = forms.TypedChoiceField(label="Bestuur", required=False, coerce=int, empty_value=None)
    gemeente = forms.ChoiceField(label="Gemeente", required=False)

    def __init__(
        self, years: list[str], schools: list[SchoolFacts], data: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(data)
        self.years = years
        boards = sorted({(s.board_name, s.board_id) for s in schools})
        places = sorted({s.municipality for s in schools if s.municipality})
        sectors = sorted({s.sector for s in schools})
        self._choices("jaar", [(y, y) for y in years], None)
        self._choices("sector", [(s, s) for s in sectors], "Alle sectoren")
        self._choices("bestuur", [(str(pk), name) for name, pk in boards], "Alle besturen")
        self._choices("gemeente", [(p, p) for p in places], "Alle gemeenten")

    def _choices(self, name: str, choices: list[tuple[str, str]], everything: str | None) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", everything), *choices] if everything else choices

    def filters(self) -> Filters:
        """What was chosen; the newest year and no filter for anything unknown or empty."""
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            year=data.get("jaar") or self.years[0],
            sector=data.get("sector") or "",
            board_id=data.get("bestuur"),
            municipality=data.get("gemeente") or "",
        )

    @property
    def filtered(self) -> bool:
        f = self.filters()
        return bool(f.sector or f.board_id or f.municipality)


class NationalFilter(forms.Form):
    jaar = forms.ChoiceField(label="Schooljaar", required=False)
    sector = forms.ChoiceField(
        label="Sector",
        required=False,
        choices=[("", "Alle sectoren"), ("PO", "PO"), ("VO", "VO")],
    )

    def __init__(self, years: list[str], data: Mapping[str, str] | None = None) -> None:
        super().__init__(data)
        self.years = years
        field = self.fields["jaar"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(y, y) for y in years]

    def chosen_year(self) -> str:
        return (self.cleaned_data.get("jaar") if self.is_valid() else None) or self.years[0]

    def chosen_sector(self) -> str:
        return (self.cleaned_data.get("sector") if self.is_valid() else None) or ""


class ThresholdForm(forms.Form):
    drempel = forms.IntegerField(
        label="Drempel voor een gat in het aanbod",
        help_text=(
            "Een ondersteuningsbehoefte is een gat als minder scholen dan dit aantal haar "
            "aanwezig of specialistisch bieden."
        ),
        min_value=1,
        max_value=999,
        error_messages={
            "required": "Vul een aantal scholen in.",
            "invalid": "Vul een heel getal in, bijvoorbeeld 2.",
            "min_value": "Vul minstens 1 in.",
            "max_value": "Vul hoogstens 999 in.",
        },
    )
