"""The school form for SWV staff: the school's details, and its board chosen or typed in."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from opensop.organisations.models import Board, School, Swv
from opensop.organisations.services import NewBoard

BOARD_NUMBER = re.compile(r"^\d{5}$")


class BoardChoiceField(forms.ModelChoiceField[Board]):
    def label_from_instance(self, obj: Board) -> str:
        return f"{obj.name} ({obj.number})" if obj.number else obj.name


class SchoolForm(forms.ModelForm[School]):
    """Labels come from the model; the SWV is not a field: the page fixes it."""

    board = BoardChoiceField(
        queryset=Board.objects.order_by("name"),
        required=False,
        label="Bestaand bestuur",
        empty_label="— geen: ik vul hieronder een nieuw bestuur in —",
    )
    new_board_name = forms.CharField(
        label="Naam van het nieuwe bestuur", max_length=200, required=False
    )
    new_board_number = forms.CharField(
        label="Bevoegd-gezagnummer van het nieuwe bestuur",
        max_length=5,
        required=False,
        help_text="Niet verplicht. 5 cijfers, bijv. 41234.",
    )

    class Meta:
        model = School
        fields = ["name", "brin", "location", "street", "postcode", "city", "municipality"]
        help_texts = {
            "brin": "2 cijfers en 2 letters, bijv. 12AB.",
            "location": "2 cijfers; de hoofdvestiging is 00.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("board", self.instance.board_id)

    def clean_brin(self) -> str:
        # People type brin numbers in lower case; the register writes them in capitals.
        return str(self.cleaned_data["brin"]).strip().upper()

    def clean_new_board_number(self) -> str:
        number = str(self.cleaned_data["new_board_number"]).strip()
        if number and not BOARD_NUMBER.match(number):
            raise forms.ValidationError("Een bevoegd-gezagnummer is 5 cijfers, bijv. 41234.")
        if number and Board.objects.filter(number=number).exists():
            raise forms.ValidationError(
                f"Er is al een bestuur met bevoegd-gezagnummer {number}. "
                "Kies dat bestuur in de lijst hierboven."
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_one_board(data)
        self._check_unique_location(data)
        return data

    def _check_one_board(self, data: dict[str, Any]) -> None:
        chosen, typed = data.get("board"), data.get("new_board_name", "").strip()
        if chosen is not None and (typed or data.get("new_board_number")):
            self.add_error(
                "new_board_name",
                "Kies een bestaand bestuur óf vul een nieuw bestuur in, niet allebei.",
            )
        elif chosen is None and not typed and "board" not in self.errors:
            self.add_error(
                "board", "Kies het bestuur van de school, of vul de naam van een nieuw bestuur in."
            )

    def _check_unique_location(self, data: dict[str, Any]) -> None:
        """Beside the brin field, instead of the model's general message at the top."""
        brin, location = data.get("brin"), data.get("location")
        if not brin or not location:
            return
        other = School.objects.filter(brin=brin, location=location).exclude(pk=self.instance.pk)
        existing = other.first()
        if existing is not None:
            self.add_error(
                "brin",
                f"Er is al een school met brinnummer {brin} en vestiging {location}: "
                f"{existing.name}. Controleer het brinnummer en het vestigingsnummer.",
            )

    def chosen_board(self) -> Board | NewBoard:
        """The board to save the school with (only after is_valid())."""
        chosen: Board | None = self.cleaned_data.get("board")
        if chosen is not None:
            return chosen
        return NewBoard(
            name=self.cleaned_data["new_board_name"].strip(),
            number=self.cleaned_data["new_board_number"] or None,
        )


class ParentHelpForm(forms.ModelForm[Swv]):
    """The SWV's ouder- en jeugdsteunpunt, as parents read it in every school's schoolgids."""

    parent_help_website = forms.URLField(
        label="Website steunpunt", required=False, assume_scheme="https"
    )

    class Meta:
        model = Swv
        fields = [
            "parent_help_name",
            "parent_help_phone",
            "parent_help_email",
            "parent_help_website",
            "parent_help_text",
        ]
        widgets = {"parent_help_text": forms.Textarea(attrs={"rows": 4})}
