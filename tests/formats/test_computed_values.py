"""Sums, yes-counts and the checks on them, as a school filling in seed 000 sees them."""

from __future__ import annotations

from opensop.formats.computed import compute
from opensop.formats.definition import FormatDefinition
from opensop.formats.profile import evaluate_answers

OUTFLOW = {
    "uitstroom_vmbo_basis": 10,
    "uitstroom_vmbo_kader": 15,
    "uitstroom_vmbo_tl": 25,
    "uitstroom_havo_vwo": 45,
    "uitstroom_pro": 5,
}


def test_pupil_total_and_outflow_sum(zuid_limburg: FormatDefinition) -> None:
    values = {"leerlingen_tm8": 120, "leerlingen_8plus": 98, **OUTFLOW}
    sums = compute(zuid_limburg, values).sums
    assert sums["leerlingen_totaal"] == 218
    assert sums["uitstroom_totaal"] == 100
    assert sums["groepen_totaal"] is None  # nothing filled: unknown, not zero


def test_outflow_that_does_not_add_up_to_100_is_an_error(zuid_limburg: FormatDefinition) -> None:
    result = evaluate_answers(zuid_limburg, {**OUTFLOW, "uitstroom_pro": 0})
    [problem] = result.errors
    assert (
        problem.message == "De uitstroompercentages tellen samen op tot 95 %; dat moet 100 % zijn."
    )
    assert "Totale uitstroom" in problem.where


def test_outflow_left_empty_is_incomplete_not_wrong(zuid_limburg: FormatDefinition) -> None:
    assert evaluate_answers(zuid_limburg, {}).errors == []


def test_more_pupils_at_levels_3_and_4_than_in_the_school(zuid_limburg: FormatDefinition) -> None:
    answers = {
        "leerlingen_tm8": 10,
        "leerlingen_8plus": 5,
        "leerlingen_niveau_3": 12,
        "leerlingen_niveau_4": 6,
    }
    [problem] = evaluate_answers(zuid_limburg, answers).errors
    assert "(18) is groter dan" in problem.message
    assert "(15)" in problem.message


def test_yes_count_per_intervention_row_including_free_rows(zuid_limburg: FormatDefinition) -> None:
    grid = {
        "rows": {
            "rekenen": {
                "beleid": True,
                "specialisme": True,
                "gesloten_keten": False,
                "proceseigenaar": True,
            }
        },
        "extra_rows": [{"label": "Executieve functies", "cells": {"beleid": True}}],
    }
    counts = compute(zuid_limburg, {"interventies": grid}).grid_counts["interventies"]
    assert counts["rekenen"].yes == 3
    assert counts["lezen"].yes == 0
    assert counts["extra_1"].label == "Executieve functies"
    assert counts["extra_1"].yes == 1


def test_fte_total_over_fixed_and_own_rows(zuid_limburg: FormatDefinition) -> None:
    table = {
        "rows": {"leraar": {"fte": 10.5}, "interne_begeleiding": {"fte": 0.8}},
        "extra_rows": [{"group": "niveau_3", "label": "Taalspecialist", "cells": {"fte": 0.2}}],
    }
    assert compute(zuid_limburg, {"deskundigheid_school": table}).sums["fte_school_totaal"] == 11.5
