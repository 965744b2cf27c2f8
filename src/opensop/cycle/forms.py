from __future__ import annotations

from django import forms

from opensop.cycle.models import Regime


class RegimeYearForm(forms.Form):
    school_year = forms.CharField(
        label="Schooljaar", max_length=9, help_text="Bijvoorbeeld 2026-2027."
    )
    regime = forms.ChoiceField(label="Regime", choices=Regime.choices, widget=forms.RadioSelect)
    deadline = forms.DateField(
        label="Deadline",
        required=False,
        help_text="Uiterlijk deze dag is het vastgesteld. Scholen krijgen vooraf een herinnering.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
