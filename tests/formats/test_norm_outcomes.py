"""Every norm kind gives voldoet, voldoet niet and onvolledig, and says why."""

from __future__ import annotations

from typing import Any

import pytest

from opensop.formats.definition import FormatDefinition
from opensop.formats.norms import NormResult, Outcome, evaluate_norms
from tests.formats.conftest import format_of

LEVELS = [{"value": v, "label": str(v)} for v in (1, 2, 3, 4)]
ITEMS: list[dict[str, Any]] = [
    {"key": "s1", "kind": "scale", "label": "Indicator 1", "number": "1.", "levels": LEVELS},
    {"key": "s2", "kind": "scale", "label": "Indicator 2", "number": "2.", "levels": LEVELS},
    {"key": "arrangement", "kind": "yes_no", "label": "Basisarrangement"},
    {"key": "contact", "kind": "text", "label": "Zorgcoördinator"},
    {
        "key": "grid",
        "kind": "yes_no_grid",
        "label": "Interventies",
        "rows": [{"key": "lezen", "label": "Lezen", "number": "2."}],
        "columns": [
            {"key": "beleid", "label": "Beleid"},
            {"key": "keten", "label": "Gesloten keten"},
        ],
    },
    {
        "key": "netwerk",
        "kind": "repeating_rows",
        "label": "Netwerk",
        "fields": [
            {"key": "partner", "kind": "text", "label": "Ketenpartner"},
            {"key": "afspraken", "kind": "long_text", "label": "Afspraken"},
        ],
    },
    {
        "key": "aanbod",
        "kind": "offer_checklist",
        "label": "Daarnaast bieden wij",
        "catalogue": [{"key": "lift", "label": "Lift"}],
    },
]
GRID_RULE = {"kind": "grid_all_yes", "item": "grid", "rows": ["lezen"]}
RULES: dict[str, dict[str, Any]] = {
    "min_score": {"kind": "min_score", "items": ["s1", "s2"], "min": 3},
    "equals": {"kind": "equals", "items": ["arrangement"], "value": True},
    "filled": {"kind": "filled", "items": ["contact"]},
    "grid_all_yes": GRID_RULE,
    "rows_filled": {"kind": "rows_filled", "item": "netwerk", "fields": ["partner", "afspraken"]},
    "min_offers": {"kind": "min_offers", "items": ["aanbod"], "min": 1},
    "conditional": {
        "kind": "conditional",
        "if_not_met": GRID_RULE,
        "then": {"kind": "rows_filled", "item": "netwerk", "fields": ["partner", "afspraken"]},
    },
}
ALL_YES = {"rows": {"lezen": {"beleid": True, "keten": True}}}
ONE_NO = {"rows": {"lezen": {"beleid": True, "keten": False}}}
AGREEMENT = [{"partner": "GGZ", "afspraken": "Consultatie elke maand"}]

# rule → outcome → (answers, words the explanation must contain)
CASES: dict[str, dict[Outcome, tuple[dict[str, Any], str]]] = {
    "min_score": {
        Outcome.VOLDOET: ({"s1": 3, "s2": 4}, "Alle 2 onderdelen scoren 3 of hoger"),
        Outcome.VOLDOET_NIET: (
            {"s1": 2},
            "Lager dan 3 gescoord bij: 1 Proef › 1. Indicator 1 (score 2)",
        ),
        Outcome.ONVOLLEDIG: ({"s1": 4}, "Nog niet ingevuld: 1 Proef › 2. Indicator 2"),
    },
    "equals": {
        Outcome.VOLDOET: ({"arrangement": True}, "Overal ‘ja’ ingevuld"),
        Outcome.VOLDOET_NIET: (
            {"arrangement": False},
            "Basisarrangement is ‘nee’; vereist is ‘ja’",
        ),
        Outcome.ONVOLLEDIG: ({}, "Nog niet ingevuld: 1 Proef › Basisarrangement"),
    },
    "filled": {
        Outcome.VOLDOET: ({"contact": "mw. J. Jansen"}, "Alles is ingevuld"),
        Outcome.VOLDOET_NIET: (
            {"contact": "n.v.t."},
            "Ingevuld zonder inhoud: 1 Proef › Zorgcoördinator",
        ),
        Outcome.ONVOLLEDIG: ({}, "Nog niet ingevuld: 1 Proef › Zorgcoördinator"),
    },
    "grid_all_yes": {
        Outcome.VOLDOET: ({"grid": ALL_YES}, "Alle kenmerken ja bij 1 van 1 rijen"),
        Outcome.VOLDOET_NIET: ({"grid": ONE_NO}, "2. Lezen: 1 van 2 ja; nee bij Gesloten keten"),
        Outcome.ONVOLLEDIG: ({"grid": {"rows": {"lezen": {"beleid": True}}}}, "(Gesloten keten)"),
    },
    "rows_filled": {
        Outcome.VOLDOET: ({"netwerk": AGREEMENT}, "1 rij(en) met ‘Ketenpartner’, ‘Afspraken’"),
        Outcome.VOLDOET_NIET: ({"netwerk": [{"partner": "GGZ"}]}, "minstens 1 nodig"),
        Outcome.ONVOLLEDIG: ({}, "Nog niet ingevuld: 1 Proef › Netwerk"),
    },
    "min_offers": {
        Outcome.VOLDOET: ({"aanbod": {"offers": {"lift": "deels"}}}, "Overal minstens 1"),
        Outcome.VOLDOET_NIET: (
            {"aanbod": {"offers": {"lift": "in_ontwikkeling"}}},
            "Daarnaast bieden wij (0 aanwezig)",
        ),
        Outcome.ONVOLLEDIG: ({}, "Nog niet ingevuld: 1 Proef › Daarnaast bieden wij"),
    },
    "conditional": {
        Outcome.VOLDOET: ({"grid": ALL_YES}, "Niet van toepassing"),
        Outcome.VOLDOET_NIET: ({"grid": ONE_NO, "netwerk": []}, "Van toepassing, want"),
        Outcome.ONVOLLEDIG: ({}, "Nog niet te beoordelen"),
    },
}


def judge(rule: dict[str, Any], answers: dict[str, Any]) -> NormResult:
    norm = {"key": "n", "title": "Norm", "statement": "De norm.", "rule": rule}
    definition: FormatDefinition = format_of(*ITEMS, norms=[norm])
    [result] = evaluate_norms(definition, answers)
    return result


@pytest.mark.parametrize("outcome", list(Outcome))
@pytest.mark.parametrize("kind", sorted(RULES))
def test_each_norm_kind_in_each_outcome(kind: str, outcome: Outcome) -> None:
    answers, words = CASES[kind][outcome]
    result = judge(RULES[kind], answers)
    assert result.outcome is outcome, result.explanation
    assert words in result.explanation


def test_conditional_met_by_agreements_with_partners() -> None:
    result = judge(RULES["conditional"], {"grid": ONE_NO, "netwerk": AGREEMENT})
    assert result.outcome is Outcome.VOLDOET
    assert result.explanation.startswith("Voldaan, ook als de norm van toepassing is")


def test_conditional_on_an_answer_condition() -> None:
    rule = {
        "kind": "conditional",
        "when": {"item": "arrangement", "equals": False},
        "then": {"kind": "filled", "items": ["contact"]},
    }
    assert judge(rule, {}).outcome is Outcome.ONVOLLEDIG  # an empty profile does not pass
    assert judge(rule, {"arrangement": True}).outcome is Outcome.VOLDOET
    assert judge(rule, {"arrangement": False}).outcome is Outcome.ONVOLLEDIG
    assert judge(rule, {"arrangement": False, "contact": "Jansen"}).outcome is Outcome.VOLDOET


def test_a_failing_norm_names_the_items_behind_it() -> None:
    result = judge(RULES["min_score"], {"s1": 1, "s2": 2})
    assert [(ref.key, ref.detail) for ref in result.items] == [("s1", "score 1"), ("s2", "score 2")]


def test_agreements_that_say_nothing_do_not_count() -> None:
    result = judge(RULES["rows_filled"], {"netwerk": [{"partner": "GGZ", "afspraken": "nvt"}]})
    assert result.outcome is Outcome.VOLDOET_NIET
