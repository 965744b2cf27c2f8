"""What changed between two profiles of one school: norms, needs, offers and scores.

A school's profile of this year is compared with its previous one. The two may be
answered in different versions of a format (or, after a merger, different formats):
only what both know is compared, so a question added or dropped is no change.

The facts compared are plain data (`Facts`), so the web app can store them with each
profile and compare 150 schools without judging their answers again.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from opensop.formats.definition import (
    OFFER_STATE_LABELS,
    SUPPORT_LEVEL_LABELS,
    FormatDefinition,
    OfferState,
    ScaleItem,
)
from opensop.formats.norms import Outcome
from opensop.formats.profile import ProfileCheck, evaluate_answers
from opensop.formats.summary import OWN, level_of, summarise
from opensop.formats.vocabulary import default_vocabulary

OFFERED = (OfferState.AANWEZIG.value, OfferState.DEELS.value)


@dataclass(frozen=True)
class Facts:
    """The comparable facts of one profile."""

    # norm key → Outcome value
    norms: dict[str, str]
    # need code → SupportLevel code, None: onbekend
    needs: dict[str, str | None]
    # scale item key → the chosen level's value
    scores: dict[str, int]
    # checklist item key → offer key (or OWN + own offer text) → OfferState value
    offers: dict[str, dict[str, str]]


class Kind(enum.StrEnum):
    NORM = "norm"
    NEED = "need"
    OFFER = "offer"
    SCORE = "score"


@dataclass(frozen=True)
class Change:
    kind: Kind
    key: str
    text: str  # one short Dutch line
    better: bool  # up, added or now meeting the norm


def tally(changes: Iterable[Change]) -> dict[str, int]:
    """How many changes of each kind and direction, e.g. {"score+": 12, "norm-": 1}:
    what an overview of many schools counts without reading every change."""
    return dict(Counter(f"{c.kind}{'+' if c.better else '-'}" for c in changes))


P = TypeVar("P", bound=Hashable)


def previous_profiles(profiles: Iterable[tuple[P, Hashable, str, int]]) -> dict[P, P]:
    """Per profile (key, school, school year, edition) the profile it is compared with:
    its school's latest edition of the latest earlier school year. Profiles of a school's
    first year have none (and are left out)."""
    profiles = list(profiles)
    years: dict[Hashable, dict[str, tuple[int, P]]] = {}
    for key, school, year, edition in profiles:
        latest = years.setdefault(school, {})
        if year not in latest or edition > latest[year][0]:
            latest[year] = (edition, key)
    found: dict[P, P] = {}
    for key, school, year, _ in profiles:
        earlier = [y for y in years[school] if y < year]
        if earlier:
            found[key] = years[school][max(earlier)][1]
    return found


def facts_of(definition: FormatDefinition, answers: Mapping[str, Any] | None) -> Facts:
    """Judge `answers` in `definition` and keep what a later profile is compared on."""
    return facts_of_check(evaluate_answers(definition, answers))


def facts_of_check(check: ProfileCheck) -> Facts:
    summary = summarise(check)
    return Facts(summary.norms, summary.needs, summary.scores, summary.offers)


def changes_between(
    before: tuple[FormatDefinition, Mapping[str, Any] | None],
    after: tuple[FormatDefinition, Mapping[str, Any] | None],
) -> list[Change]:
    """What changed from the profile `before` to the profile `after`."""
    return compare(facts_of(*before), facts_of(*after), [after[0], before[0]])


def compare(before: Facts, after: Facts, definitions: Sequence[FormatDefinition]) -> list[Change]:
    """The changes from `before` to `after`: norms, needs, offers, scores, in that order.
    `definitions` name things (the newest first); keys only one side has are left out."""
    names = _Names(definitions)
    return [
        *_norm_changes(before, after, names),
        *_need_changes(before, after),
        *_offer_changes(before, after, names),
        *_score_changes(before, after, names),
    ]


UNKNOWN_RANK = 1_000_000  # after everything a format defines


class _Names:
    def __init__(self, definitions: Sequence[FormatDefinition]) -> None:
        self.lookups = [_lookup(definition) for definition in definitions]

    def norm(self, key: str) -> str:
        return next((found.norms[key] for found in self.lookups if key in found.norms), key)

    def item(self, key: str) -> Any:
        return next((found.items[key] for found in self.lookups if key in found.items), None)

    def in_norm_order(self, keys: Iterable[str]) -> list[str]:
        return sorted(keys, key=lambda key: self._rank(key, "norms"))

    def in_item_order(self, keys: Iterable[str]) -> list[str]:
        return sorted(keys, key=lambda key: self._rank(key, "items"))

    def _rank(self, key: str, kind: str) -> tuple[int, str]:
        """The format's own order (stored facts come back from PostgreSQL's jsonb in
        another), then the key for what the format does not know."""
        for found in self.lookups:
            order: dict[str, int] = getattr(found, f"{kind}_order")
            if key in order:
                return order[key], key
        return UNKNOWN_RANK, key


class _Lookup(NamedTuple):
    definition: FormatDefinition
    items: dict[str, Any]
    norms: dict[str, str]
    items_order: dict[str, int]
    norms_order: dict[str, int]


# Per definition its items and norm titles by key, made once: an SWV's overview compares
# 150 pairs of profiles, and a pydantic model's private attributes are slow to reach.
# Keyed by identity, holding the definition so the id stays its own.
_LOOKUPS: dict[int, _Lookup] = {}


def _lookup(definition: FormatDefinition) -> _Lookup:
    cached = _LOOKUPS.get(id(definition))
    if cached is None or cached.definition is not definition:
        items = {key: entry.item for key, entry in definition.entries.items()}
        norms: dict[str, str] = {}
        for norm in definition.norms:
            norms.setdefault(norm.key, norm.title)
        cached = _Lookup(
            definition,
            items,
            norms,
            {key: i for i, key in enumerate(items)},
            {key: i for i, key in enumerate(norms)},
        )
        _LOOKUPS[id(definition)] = cached
    return cached


def _common(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    return [key for key in after if key in before]


def _norm_changes(before: Facts, after: Facts, names: _Names) -> list[Change]:
    changes = []
    for key in names.in_norm_order(_common(before.norms, after.norms)):
        old, new = before.norms[key], after.norms[key]
        if old != new:
            text = f"{names.norm(key)}: nu {Outcome(new).label} (was {Outcome(old).label})"
            changes.append(Change(Kind.NORM, key, text, new == Outcome.VOLDOET.value))
    return changes


def _need_changes(before: Facts, after: Facts) -> list[Change]:
    changes = []
    for need in default_vocabulary().needs:
        old, new = level_of(before.needs.get(need.code)), level_of(after.needs.get(need.code))
        if old is None or new is None or old == new:
            continue  # onbekend on either side: the formats do not both ask
        way = "omhoog" if new > old else "omlaag"
        text = (
            f"{need.name}: {way} van {SUPPORT_LEVEL_LABELS[old]} naar {SUPPORT_LEVEL_LABELS[new]}"
        )
        changes.append(Change(Kind.NEED, need.code, text, new > old))
    return changes


def _offer_changes(before: Facts, after: Facts, names: _Names) -> list[Change]:
    changes = []
    for item_key in names.in_item_order(_common(before.offers, after.offers)):
        item = names.item(item_key)
        labels = {o.key: o.label for o in item.catalogue} if item is not None else {}
        old, new = before.offers[item_key], after.offers[item_key]
        # The catalogue's order, then the school's own offers by name.
        rank = {key: i for i, key in enumerate(labels)}
        offers = sorted({*old, *new}, key=lambda offer: (rank.get(offer, len(rank)), offer))
        for offer in offers:
            if not offer.startswith(OWN) and offer not in labels:
                continue  # an offer only one version's catalogue has
            was, now = old.get(offer) in OFFERED, new.get(offer) in OFFERED
            if was == now:
                continue
            label = offer.removeprefix(OWN) if offer.startswith(OWN) else labels[offer]
            text = f"Aanbod {'erbij' if now else 'vervallen'}: {label}"
            if not now and offer in new:
                text += f" (nu {OFFER_STATE_LABELS[OfferState(new[offer])]})"
            changes.append(Change(Kind.OFFER, f"{item_key}.{offer}", text, now))
    return changes


def _score_changes(before: Facts, after: Facts, names: _Names) -> list[Change]:
    changes = []
    for key in names.in_item_order(_common(before.scores, after.scores)):
        old, new = before.scores[key], after.scores[key]
        item = names.item(key)
        if old == new or not isinstance(item, ScaleItem):
            continue
        number = f"{item.number} " if item.number else ""
        way = "hoger" if new > old else "lager"
        levels = _levels(item)
        text = (
            f"Score {way} op {number}{_short(item.label)}: "
            f"van {levels.get(old, str(old))} naar {levels.get(new, str(new))}"
        )
        changes.append(Change(Kind.SCORE, key, text, new > old))
    return changes


_LEVELS: dict[int, tuple[ScaleItem, dict[int, str]]] = {}


def _levels(item: ScaleItem) -> dict[int, str]:
    """A scale's level labels by value (ScaleItem.level_label, once per item)."""
    cached = _LEVELS.get(id(item))
    if cached is None or cached[0] is not item:
        cached = (item, {level.value: level.label for level in item.levels})
        _LEVELS[id(item)] = cached
    return cached[1]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
