"""From a profile's answers to one level per support need, with the reasons behind it.

This is what makes a primary school in Zuid-Limburg and a secondary school in
Zuid-Kennemerland comparable: each format maps its own items onto the shared
vocabulary, and every need ends up geen / in ontwikkeling / aanwezig /
specialistisch, or onbekend when the format does not ask about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import offer_state_label
from opensop.formats.computed import grid_counts
from opensop.formats.definition import (
    BaseSupportSource,
    FormatDefinition,
    GridRowSource,
    LevelThresholds,
    OfferChecklistItem,
    OffersSource,
    OfferState,
    ScoresSource,
    SupportLevel,
    YesNoGridItem,
    YesNoSource,
    level_from_name,
)
from opensop.formats.vocabulary import Vocabulary, default_vocabulary


@dataclass(frozen=True)
class Reason:
    level: SupportLevel
    text: str


@dataclass
class NeedLevel:
    code: str
    name: str
    level: SupportLevel | None = None
    reasons: list[Reason] = field(default_factory=list)
    # Whether the format asks about this need at all (it may still be unanswered).
    asked: bool = False

    @property
    def label(self) -> str:
        return self.level.label if self.level is not None else "onbekend"

    def add(self, level: SupportLevel, text: str) -> None:
        self.reasons.append(Reason(level, text))
        if self.level is None or level > self.level:
            self.level = level

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level.code if self.level is not None else None,
            "label": self.label,
            "asked": self.asked,
            "reasons": [{"level": r.level.code, "text": r.text} for r in self.reasons],
        }


def support_levels(
    definition: FormatDefinition,
    values: Mapping[str, Any],
    vocabulary: Vocabulary | None = None,
) -> dict[str, NeedLevel]:
    vocabulary = vocabulary or default_vocabulary()
    levels = {n.code: NeedLevel(n.code, n.name) for n in vocabulary.needs}
    mapping = definition.support_needs
    for source in mapping.sources:
        if source.need not in levels:
            continue
        levels[source.need].asked = True
        found = _source_level(definition, source, values, level_from_name(mapping.deels_level))
        if found is not None:
            levels[source.need].add(*found)
    if mapping.match_own_entries:
        for code, level, text in _own_entries(definition, values, vocabulary):
            levels[code].add(level, text)
    return levels


def _threshold(levels: LevelThresholds, number: int) -> SupportLevel:
    reached = [name for minimum, name in sorted(levels.items()) if number >= minimum]
    return level_from_name(reached[-1]) if reached else SupportLevel.GEEN


def _state_level(state: str, deels: SupportLevel) -> SupportLevel:
    return {
        OfferState.AANWEZIG.value: SupportLevel.AANWEZIG,
        OfferState.IN_ONTWIKKELING.value: SupportLevel.IN_ONTWIKKELING,
        OfferState.DEELS.value: deels,
    }.get(state, SupportLevel.GEEN)


def _source_level(
    definition: FormatDefinition,
    source: object,
    values: Mapping[str, Any],
    deels: SupportLevel,
) -> tuple[SupportLevel, str] | None:
    if isinstance(source, BaseSupportSource):
        section = definition.entries[source.item].section
        return level_from_name(source.level), f"Basisondersteuning van het SWV ({section.title})"
    if isinstance(source, GridRowSource):
        return _grid_row_level(definition, source, values)
    if isinstance(source, ScoresSource):
        scores = [values.get(key) for key in source.items]
        if any(score is None for score in scores):
            return None
        lowest = min(int(s) for s in scores if s is not None)
        sections = sorted({definition.entries[key].section.number for key in source.items})
        text = f"Laagste score {lowest} op {len(scores)} indicator(en) in {', '.join(sections)}"
        return _threshold(source.levels, lowest), text
    if isinstance(source, YesNoSource):
        answer = values.get(source.item)
        if answer is None:
            return None
        entry = definition.entries[source.item]
        level = level_from_name(source.level) if answer else SupportLevel.GEEN
        return level, f"{entry.where}: {'ja' if answer else 'nee'}"
    if isinstance(source, OffersSource):
        return _offers_level(definition, source, values, deels)
    return None


def _grid_row_level(
    definition: FormatDefinition, source: GridRowSource, values: Mapping[str, Any]
) -> tuple[SupportLevel, str] | None:
    item = definition.item(source.item)
    assert isinstance(item, YesNoGridItem)
    count = grid_counts(item, values.get(source.item))[source.row]
    if count.answered == 0:
        return None
    text = f"{count.label.rstrip('.')}: {count.yes} van {count.columns} kenmerken ja"
    return _threshold(source.levels, count.yes), text


def _offers_level(
    definition: FormatDefinition,
    source: OffersSource,
    values: Mapping[str, Any],
    deels: SupportLevel,
) -> tuple[SupportLevel, str] | None:
    answer = values.get(source.item)
    if answer is None:
        return None
    item = definition.item(source.item)
    assert isinstance(item, OfferChecklistItem)
    labels = {o.key: o.label for o in item.catalogue}
    best: tuple[SupportLevel, str] = (SupportLevel.GEEN, f"{item.label}: geen aanbod hiervoor")
    for key in [*source.offers, *source.specialist]:
        state = answer.get("offers", {}).get(key, OfferState.NIET.value)
        level = _state_level(state, deels)
        if key in source.specialist and level == SupportLevel.AANWEZIG:
            level = SupportLevel.SPECIALISTISCH
        if level > best[0]:
            best = (level, f"‘{labels[key]}’ ({offer_state_label(state)})")
    return best


def _own_entries(
    definition: FormatDefinition, values: Mapping[str, Any], vocabulary: Vocabulary
) -> list[tuple[str, SupportLevel, str]]:
    """The school's own offers and named grid rows, matched to needs by their words."""
    found: list[tuple[str, SupportLevel, str]] = []
    deels = level_from_name(definition.support_needs.deels_level)
    thresholds = {
        s.item: s.levels for s in definition.support_needs.sources if isinstance(s, GridRowSource)
    }
    for key, entry in definition.entries.items():
        answer = values.get(key)
        if not answer:
            continue
        if isinstance(entry.item, OfferChecklistItem):
            for own in answer.get("own", []):
                level = _state_level(own["state"], deels)
                text = f"Eigen aanbod ‘{own['label']}’ ({offer_state_label(own['state'])})"
                found.extend((code, level, text) for code in vocabulary.match(own["label"]))
        elif isinstance(entry.item, YesNoGridItem) and key in thresholds:
            for count in grid_counts(entry.item, answer).values():
                if count.extra:
                    level = _threshold(thresholds[key], count.yes)
                    text = (
                        f"Eigen interventie ‘{count.label}’: "
                        f"{count.yes} van {count.columns} kenmerken ja"
                    )
                    found.extend((code, level, text) for code in vocabulary.match(count.label))
    return found
