"""A profile yields one level per support need, comparable between formats and sectors."""

from __future__ import annotations

from typing import Any

import pytest

from opensop.formats.definition import FormatDefinition, SupportLevel
from opensop.formats.needs import support_levels
from opensop.formats.profile import check_profile_text
from opensop.formats.registry import FormatRegistry
from tests.formats.conftest import EXAMPLES

YES = {"beleid": True, "specialisme": True, "gesloten_keten": True, "proceseigenaar": True}


def grid(**rows: dict[str, bool]) -> dict[str, Any]:
    return {"interventies": {"rows": rows}}


@pytest.mark.parametrize(
    ("cells", "level"),
    [
        (
            {
                "beleid": False,
                "specialisme": False,
                "gesloten_keten": False,
                "proceseigenaar": False,
            },
            SupportLevel.GEEN,
        ),
        (
            {**YES, "specialisme": False, "gesloten_keten": False, "proceseigenaar": False},
            SupportLevel.IN_ONTWIKKELING,
        ),
        ({**YES, "specialisme": False}, SupportLevel.AANWEZIG),
        (YES, SupportLevel.SPECIALISTISCH),
    ],
)
def test_intervention_yes_count_sets_the_level(
    zuid_limburg: FormatDefinition, cells: dict[str, bool], level: SupportLevel
) -> None:
    need = support_levels(zuid_limburg, grid(lezen=cells))["dyslexie"]
    assert need.level is level
    assert need.reasons[0].text.startswith(
        "De school biedt ondersteuning aan leerlingen met leeshulpvragen"
    )


def test_unanswered_need_is_unknown_not_none(zuid_limburg: FormatDefinition) -> None:
    levels = support_levels(zuid_limburg, {})
    assert levels["dyslexie"].level is None
    assert levels["dyslexie"].asked
    assert levels["dyslexie"].label == "onbekend"
    assert not levels["ass"].asked  # seed 000 does not ask about autism


def test_free_intervention_row_is_matched_through_the_vocabulary(
    zuid_limburg: FormatDefinition,
) -> None:
    answers = {
        "interventies": {"rows": {}, "extra_rows": [{"label": "Kinderen met ADHD", "cells": YES}]}
    }
    need = support_levels(zuid_limburg, answers)["adhd"]
    assert need.level is SupportLevel.SPECIALISTISCH
    assert "Eigen interventie ‘Kinderen met ADHD’" in need.reasons[0].text


def test_building_provision_gives_physical_accessibility(zuid_limburg: FormatDefinition) -> None:
    levels = support_levels(zuid_limburg, {"voorziening_gebouw": True})
    assert levels["fysieke_toegankelijkheid"].level is SupportLevel.AANWEZIG


def levels_of(registry: FormatRegistry, path: str) -> dict[str, str]:
    file = EXAMPLES / path
    result = check_profile_text(file.read_text("utf-8"), registry, str(file))
    return {code: need.label for code, need in result.needs.items()}


def test_seed_school_of_zuid_kennemerland(registry: FormatRegistry) -> None:
    levels = levels_of(registry, "zuid-kennemerland-vo/voldoet.yaml")
    assert levels["meer_hoogbegaafdheid"] == "specialistisch"  # programma voor hoogbegaafden
    assert levels["dyslexie"] == "aanwezig"  # base support plus regelkaart, tijdverlenging
    assert levels["fysieke_toegankelijkheid"] == "aanwezig"  # rolstoeltoegankelijkheid (deels)
    assert levels["faalangst"] == "aanwezig"


def test_primary_and_secondary_schools_share_one_scale(registry: FormatRegistry) -> None:
    po = levels_of(registry, "zuid-limburg-po/voldoet.yaml")
    vo = levels_of(registry, "zuid-kennemerland-vo/voldoet.yaml")
    assert po.keys() == vo.keys()
    allowed = {"geen", "in ontwikkeling", "aanwezig", "specialistisch", "onbekend"}
    assert set(po.values()) <= allowed
    assert set(vo.values()) <= allowed
    assert po["dyslexie"] == "specialistisch"
    assert vo["dyslexie"] == "aanwezig"


def test_partly_present_offer_counts_as_the_format_says(
    zuid_kennemerland: FormatDefinition,
) -> None:
    answers = {"aanbod_toegankelijkheid": {"offers": {"lift": "deels"}}}
    need = support_levels(zuid_kennemerland, answers)["fysieke_toegankelijkheid"]
    assert need.level is SupportLevel.AANWEZIG
    assert any("(deels)" in reason.text for reason in need.reasons)
