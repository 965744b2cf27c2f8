"""What a regional overview needs of one profile, as plain data.

Checking a profile takes milliseconds; an SWV of 150 schools would wait seconds for
every page. The web app stores this summary per profile whenever its answers change,
so overview pages read stored facts instead of judging answers again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import applicable_answers, is_filled, is_visible
from opensop.formats.definition import FormatDefinition, OfferChecklistItem, ScaleItem, SupportLevel
from opensop.formats.expertise import expertise_of
from opensop.formats.profile import ProfileCheck


@dataclass(frozen=True)
class Summary:
    # norm key → Outcome value ("voldoet", "voldoet_niet", "onvolledig")
    norms: dict[str, str]
    # need code → SupportLevel code ("geen" … "specialistisch"); None: onbekend
    needs: dict[str, str | None]
    missing_required: int
    # Share of the required questions that are answered, 0–100.
    completeness: int
    complete: bool
    # What a later profile is compared on (see changes.py): scale scores and offer states.
    scores: dict[str, int] = field(default_factory=dict)
    offers: dict[str, dict[str, str]] = field(default_factory=dict)
    # Section 3.4 of seed 000 as summable data (see expertise.py).
    expertise: dict[str, Any] = field(default_factory=dict)

    @property
    def offered_text(self) -> str:
        """The needs offered aanwezig or specialistisch, as ' code code ': a database
        counts these with a plain text match, where JSON would have to be decoded per row."""
        codes = [code for code, level in self.needs.items() if offers_at_least(level)]
        return f" {' '.join(codes)} " if codes else ""

    @property
    def outcomes_text(self) -> str:
        """The norm outcomes as ' key=outcome key=outcome ', for the same reason."""
        pairs = [f"{key}={outcome}" for key, outcome in self.norms.items()]
        return f" {' '.join(pairs)} " if pairs else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "norms": self.norms,
            "needs": self.needs,
            "missing_required": self.missing_required,
            "completeness": self.completeness,
            "complete": self.complete,
            "scores": self.scores,
            "offers": self.offers,
            "expertise": self.expertise,
        }


def summarise(check: ProfileCheck) -> Summary:
    """The overview's facts about one checked profile."""
    return Summary(
        norms={result.norm.key: result.outcome.value for result in check.norms},
        needs={
            code: need.level.code if need.level is not None else None
            for code, need in check.needs.items()
        },
        missing_required=len(check.missing),
        completeness=completeness(check.definition, check.values),
        complete=check.complete,
        scores=scores_of(check.definition, check.values) if check.definition else {},
        offers=offers_of(check.definition, check.values) if check.definition else {},
        expertise=expertise_of(check.definition, check.values).as_dict()
        if check.definition
        else {},
    )


def completeness(definition: FormatDefinition | None, values: dict[str, Any]) -> int:
    """Percentage of the visible required questions with an answer (rows count as one)."""
    if definition is None:
        return 0
    applicable = applicable_answers(definition, values)
    required = [
        (entry.item, applicable.get(key))
        for key, entry in definition.entries.items()
        if entry.item.required and is_visible(entry.item, applicable)
    ]
    if not required:
        return 100
    filled = sum(1 for item, value in required if is_filled(item, value))
    return round(100 * filled / len(required))


# Own offers are keyed by their text; the prefix cannot clash with a catalogue key.
OWN = "~"


def scores_of(definition: FormatDefinition, values: Mapping[str, Any]) -> dict[str, int]:
    return {
        key: value
        for key, entry in definition.entries.items()
        if isinstance(entry.item, ScaleItem) and isinstance(value := values.get(key), int)
    }


def offers_of(definition: FormatDefinition, values: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for key, entry in definition.entries.items():
        value = values.get(key)
        if not isinstance(entry.item, OfferChecklistItem) or not isinstance(value, dict):
            continue
        states = dict(value.get("offers", {}))
        states.update({OWN + own["label"]: own["state"] for own in value.get("own", [])})
        found[key] = states
    return found


LEVEL_CODES = tuple(level.code for level in SupportLevel)


def level_of(code: str | None) -> SupportLevel | None:
    """The stored level code back as a level; None stays onbekend."""
    return None if code is None else SupportLevel[code.upper()]


def offers_at_least(code: str | None, minimum: SupportLevel = SupportLevel.AANWEZIG) -> bool:
    level = level_of(code)
    return level is not None and level >= minimum
