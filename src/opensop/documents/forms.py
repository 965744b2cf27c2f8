"""The form SWV staff start a batch of documents with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, Q

from opensop.documents.models import BatchKinds
from opensop.documents.services import FROZEN
from opensop.organisations.models import Board, Swv
from opensop.profiles.models import Profile


def year_choices(swv: Swv) -> list[tuple[str, str]]:
    """The school years the SWV's schools have profiles for, newest first, with how many
    schools have one that is adopted or published (those are the ones a batch holds)."""
    years = (
        Profile.objects.filter(school__swv=swv)
        .values("school_year")
        .annotate(ready=Count("school", filter=Q(state__in=FROZEN), distinct=True))
        .order_by("-school_year")
    )
    return [
        (
            row["school_year"],
            f"{row['school_year']} ({row['ready']} "
            f"{'school' if row['ready'] == 1 else 'scholen'} vastgesteld of gepubliceerd)",
        )
        for row in years
    ]


class BatchForm(forms.Form):
    school_year = forms.ChoiceField(label="Schooljaar")
    kinds = forms.ChoiceField(
        label="Documenten per school",
        choices=BatchKinds.choices,
        initial=BatchKinds.FULL,
        widget=forms.RadioSelect,
    )
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(),
        required=False,
        label="Bestuur",
        empty_label="Alle besturen",
        help_text="Niet verplicht: alleen de scholen van dit bestuur.",
    )

    def __init__(self, swv: Swv, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["school_year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = year_choices(swv)
        board = self.fields["board"]
        assert isinstance(board, forms.ModelChoiceField)
        board.queryset = Board.objects.filter(schools__swv=swv).distinct().order_by("name")
