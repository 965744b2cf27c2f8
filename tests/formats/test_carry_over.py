"""Carrying last year's answers over: same version, or into a newer version of the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from opensop.cli import main
from opensop.formats.carry_over import CarryOverError, carry_over
from tests.formats.conftest import EXAMPLES, format_of

NAAM = {"key": "naam", "kind": "text", "label": "Naam"}
LEERLINGEN = {"key": "leerlingen", "kind": "integer", "label": "Leerlingen"}
ARRANGEMENT = {"key": "arrangement", "kind": "yes_no", "label": "Basisarrangement"}
V1 = format_of(NAAM, LEERLINGEN, ARRANGEMENT, {"key": "oud", "kind": "text", "label": "Oud"})
V2 = format_of(
    NAAM,
    {"key": "aantal_leerlingen", "kind": "integer", "label": "Aantal leerlingen"},
    {
        "key": "arrangement",
        "kind": "choice",
        "label": "Arrangement",
        "options": [{"value": "basis", "label": "Basis"}, {"value": "zwak", "label": "Zwak"}],
    },
    version=2,
    carry_over=[
        {"from_version": 1, "renamed": {"leerlingen": "aantal_leerlingen"}, "dropped": ["oud"]}
    ],
)
ANSWERS = {"naam": "De Bron", "leerlingen": 212, "arrangement": True, "oud": "weg"}


def test_next_school_year_in_the_same_version_keeps_everything() -> None:
    carried = carry_over(ANSWERS, V1, V1)
    assert carried.answers == ANSWERS
    assert carried.dropped == []


def test_new_version_renames_drops_and_reports_what_no_longer_fits() -> None:
    carried = carry_over(ANSWERS, V1, V2)
    assert carried.answers == {"naam": "De Bron", "aantal_leerlingen": 212}
    assert carried.renamed == {"leerlingen": "aantal_leerlingen"}
    reasons = {p.path: p.message for p in carried.dropped}
    assert reasons["oud"] == "bestaat niet meer in de nieuwe versie"
    assert reasons["arrangement"] == (
        "past niet in de nieuwe versie ('True' is geen keuzemogelijkheid; kies uit basis, zwak)"
    )


def test_no_carry_over_rule_no_silent_guess() -> None:
    v3 = format_of(NAAM, version=3)
    with pytest.raises(CarryOverError, match="zegt niet hoe antwoorden uit versie 1 overgaan"):
        carry_over(ANSWERS, V1, v3)


def test_never_backwards() -> None:
    with pytest.raises(CarryOverError, match="oudere versie"):
        carry_over({}, V2, V1)


def test_cli_carries_a_profile_into_next_school_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = EXAMPLES / "zuid-kennemerland-vo" / "voldoet.yaml"
    assert main(["profile", "carry-over", str(source), "--school-year", "2026-2027"]) == 0
    carried = tmp_path / "volgend-jaar.yaml"
    carried.write_text(capsys.readouterr().out)
    assert carried.read_text().startswith(
        "format: zuid-kennemerland-vo\nversion: 1\nschool_year: 2026-2027\n"
    )
    assert main(["profile", "check", str(carried)]) == 0
