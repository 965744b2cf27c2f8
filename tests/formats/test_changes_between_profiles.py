"""What changed between a school's previous profile and this one."""

from __future__ import annotations

import copy
from typing import Any

from opensop.formats.changes import (
    Facts,
    Kind,
    changes_between,
    compare,
    facts_of,
    previous_profiles,
    tally,
)
from opensop.formats.definition import FormatDefinition
from opensop.formats.source import load_yaml
from tests.formats.conftest import EXAMPLES


def _answers(format_id: str, example: str) -> dict[str, Any]:
    data, _ = load_yaml((EXAMPLES / format_id / f"{example}.yaml").read_text("utf-8"))
    answers: dict[str, Any] = data["answers"]
    return answers


def test_the_same_answers_change_nothing(zuid_limburg: FormatDefinition) -> None:
    answers = _answers("zuid-limburg-po", "voldoet")
    assert changes_between((zuid_limburg, answers), (zuid_limburg, answers)) == []


def test_a_lower_score_is_named_with_both_levels(zuid_limburg: FormatDefinition) -> None:
    before = _answers("zuid-limburg-po", "voldoet")
    after = copy.deepcopy(before)
    after["zorgindicator_01"] = 2
    changes = changes_between((zuid_limburg, before), (zuid_limburg, after))
    scores = [c for c in changes if c.kind is Kind.SCORE]
    assert len(scores) == 1
    assert scores[0].text.startswith("Score lager op 1. Leerlingen met specifieke")
    assert scores[0].text.endswith("van 3 naar 2")
    assert scores[0].better is False


def test_norm_outcomes_that_changed_are_listed(zuid_limburg: FormatDefinition) -> None:
    before = _answers("zuid-limburg-po", "voldoet")
    after = _answers("zuid-limburg-po", "voldoet-niet")
    changes = changes_between((zuid_limburg, before), (zuid_limburg, after))
    norms = [c for c in changes if c.kind is Kind.NORM]
    assert norms
    assert all("nu voldoet niet (was voldoet)" in c.text for c in norms)
    assert not any(c.better for c in norms)
    back = changes_between((zuid_limburg, after), (zuid_limburg, before))
    assert {c.key for c in back if c.kind is Kind.NORM} == {c.key for c in norms}
    assert all(c.better for c in back if c.kind is Kind.NORM)


def test_offers_added_and_dropped(zuid_kennemerland: FormatDefinition) -> None:
    before = _answers("zuid-kennemerland-vo", "voldoet")
    after = copy.deepcopy(before)
    after["aanbod_ouders"]["offers"]["ouders_opp"] = "niet"
    after["aanbod_ouders"]["offers"].pop("verwachtingen_van_school")
    after["aanbod_ouders"]["own"] = [{"label": "Ouderavond over pesten", "state": "aanwezig"}]
    texts = [
        c.text
        for c in changes_between((zuid_kennemerland, before), (zuid_kennemerland, after))
        if c.kind is Kind.OFFER
    ]
    assert any(t.startswith("Aanbod vervallen: de school betrekt ouders") for t in texts)
    assert any(t.endswith("(nu niet)") for t in texts)
    assert any(t.startswith("Aanbod vervallen: een beschrijving in schoolplan") for t in texts)
    assert "Aanbod erbij: Ouderavond over pesten" in texts


def test_need_levels_up_and_down() -> None:
    before = Facts({}, {"dyslexie": "aanwezig", "medisch": None, "adhd": "geen"}, {}, {})
    after = Facts({}, {"dyslexie": "geen", "medisch": "aanwezig", "adhd": "specialistisch"}, {}, {})
    changes = compare(before, after, [])
    texts = {c.key: c.text for c in changes}
    assert texts["dyslexie"].endswith("omlaag van aanwezig naar geen")
    assert "omhoog van geen naar specialistisch" in texts["adhd"]
    assert "medisch" not in texts  # onbekend before: not compared


def test_other_format_versions_compare_only_what_both_know(
    zuid_limburg: FormatDefinition, zuid_kennemerland: FormatDefinition
) -> None:
    before = _answers("zuid-limburg-po", "voldoet")
    after = _answers("zuid-kennemerland-vo", "voldoet")
    changes = changes_between((zuid_limburg, before), (zuid_kennemerland, after))
    assert {c.kind for c in changes} <= {Kind.NEED}  # no shared norms, scores or checklists
    only_new = Facts({}, {}, {}, {"aanbod_ouders": {"ouders_opp": "aanwezig"}})
    assert compare(Facts({}, {}, {}, {}), only_new, [zuid_kennemerland]) == []


def test_each_profile_is_compared_with_the_latest_edition_of_the_latest_earlier_year() -> None:
    profiles = [
        ("a-2023", "a", "2023-2024", 1),
        ("a-2024", "a", "2024-2025", 1),
        ("a-2024-correction", "a", "2024-2025", 2),
        ("a-2025", "a", "2025-2026", 1),
        ("a-2025-correction", "a", "2025-2026", 2),
        ("b-2025", "b", "2025-2026", 1),
    ]
    assert previous_profiles(profiles) == {
        "a-2024": "a-2023",
        "a-2024-correction": "a-2023",
        "a-2025": "a-2024-correction",
        "a-2025-correction": "a-2024-correction",
    }


def test_the_changes_are_counted_per_kind_and_direction(zuid_limburg: FormatDefinition) -> None:
    before = _answers("zuid-limburg-po", "voldoet")
    after = copy.deepcopy(before)
    after["zorgindicator_01"] = 2
    changes = changes_between((zuid_limburg, before), (zuid_limburg, after))
    counts = tally(changes)
    assert counts["score-"] == 1
    assert sum(counts.values()) == len(changes)
    assert tally([]) == {}


def _reversed(mapping: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _reversed(value) if isinstance(value, dict) else value
        for key, value in reversed(mapping.items())
    }


def test_the_changes_follow_the_format_whatever_order_the_facts_come_in(
    zuid_kennemerland: FormatDefinition,
) -> None:
    """Stored facts come back from PostgreSQL's jsonb with their keys in another order."""
    before = facts_of(zuid_kennemerland, _answers("zuid-kennemerland-vo", "voldoet"))
    after = facts_of(zuid_kennemerland, _answers("zuid-kennemerland-vo", "voldoet-niet"))
    shuffled = Facts(
        _reversed(after.norms),
        _reversed(after.needs),
        _reversed(after.scores),
        _reversed(after.offers),
    )
    changes = compare(before, after, [zuid_kennemerland])
    assert len(changes) > 3
    assert compare(before, shuffled, [zuid_kennemerland]) == changes
