"""Items shown only under a condition: hidden answers never count, also through other items."""

from __future__ import annotations

from opensop.formats.profile import evaluate_answers
from tests.formats.conftest import format_of

LEVELS = [{"value": 1, "label": "1"}, {"value": 2, "label": "2"}]
SOORT = {
    "key": "soort",
    "kind": "choice",
    "label": "Soort",
    "options": [
        {"value": "regulier", "label": "Regulier"},
        {"value": "speciaal", "label": "Speciaal"},
    ],
}
LIFT = {
    "key": "lift",
    "kind": "yes_no",
    "label": "Lift",
    "show_if": {"item": "soort", "equals": "speciaal"},
}
AANTAL = {
    "key": "aantal",
    "kind": "integer",
    "label": "Aantal liften",
    "required": True,
    "show_if": {"item": "lift", "equals": True},
}
EXTRA = {
    "key": "extra",
    "kind": "integer",
    "label": "Extra",
    "show_if": {"item": "soort", "equals": "speciaal"},
}
BASIS = {"key": "basis", "kind": "integer", "label": "Basis"}
DEFINITION = format_of(
    SOORT,
    LIFT,
    AANTAL,
    EXTRA,
    BASIS,
    computed=[{"key": "totaal", "label": "Totaal", "sum": ["basis", "extra"]}],
    norms=[
        {
            "key": "lift",
            "title": "Lift",
            "statement": "Er is een lift.",
            "rule": {"kind": "equals", "items": ["lift"], "value": True},
        }
    ],
    support_needs={
        "sources": [{"kind": "yes_no", "need": "fysieke_toegankelijkheid", "item": "lift"}]
    },
)


def test_hidden_answers_count_nowhere_but_are_kept() -> None:
    answers = {"soort": "regulier", "lift": True, "aantal": 2, "extra": 50, "basis": 1}
    result = evaluate_answers(DEFINITION, answers)
    assert result.values["lift"] is True  # kept: switching back to "speciaal" restores it
    assert result.computed.sums["totaal"] == 1
    assert result.needs["fysieke_toegankelijkheid"].level is None
    assert result.norms[0].outcome.value == "voldoet"  # a hidden item neither passes nor fails
    assert {w.path for w in result.warnings} == {"answers.lift", "answers.aantal", "answers.extra"}


def test_an_item_behind_a_hidden_item_is_not_required() -> None:
    result = evaluate_answers(DEFINITION, {"soort": "regulier", "lift": True})
    assert result.missing == []
    shown = evaluate_answers(DEFINITION, {"soort": "speciaal", "lift": True})
    assert [p.where for p in shown.missing] == ["1 Proef › Aantal liften"]


def test_conditions_compare_numbers_by_value() -> None:
    definition = format_of(
        {"key": "fte", "kind": "decimal", "label": "FTE"},
        {
            "key": "uitleg",
            "kind": "text",
            "label": "Uitleg",
            "show_if": {"item": "fte", "equals": 1},
        },
    )
    assert evaluate_answers(definition, {"fte": 1.0, "uitleg": "x"}).warnings == []
