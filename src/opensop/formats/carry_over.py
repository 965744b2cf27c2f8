"""Carrying answers forward: to next school year, or into a newer version of the format.

A yearly update should take an hour, not a day: everything that still fits is
carried by key (or by the new version's rename rules), and whatever no longer
fits is reported by name instead of silently lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import check_answers
from opensop.formats.definition import FormatDefinition
from opensop.formats.source import Problem
from opensop.refused import Refused


class CarryOverError(Refused):
    """Answers that cannot be carried into the asked year or version (Dutch message)."""


@dataclass
class CarriedAnswers:
    answers: dict[str, Any]
    renamed: dict[str, str] = field(default_factory=dict)
    dropped: list[Problem] = field(default_factory=list)


def carry_over(
    answers: Mapping[str, Any], source: FormatDefinition, target: FormatDefinition
) -> CarriedAnswers:
    if source.id != target.id:
        raise CarryOverError(
            f"antwoorden van formaat {source.id} kunnen niet naar formaat {target.id}"
        )
    if target.version < source.version:
        raise CarryOverError("antwoorden kunnen niet naar een oudere versie")
    renamed: dict[str, str] = {}
    dropped_keys: set[str] = set()
    if target.version != source.version:
        rule = next((r for r in target.carry_over if r.from_version == source.version), None)
        if rule is None:
            raise CarryOverError(
                f"versie {target.version} van {target.id} zegt niet hoe antwoorden uit "
                f"versie {source.version} overgaan (carry_over ontbreekt)"
            )
        renamed, dropped_keys = dict(rule.renamed), set(rule.dropped)
    result = CarriedAnswers(answers={}, renamed={})
    for key, value in answers.items():
        new_key = renamed.get(key, key)
        if key in dropped_keys or new_key not in target.entries:
            result.dropped.append(
                Problem(message="bestaat niet meer in de nieuwe versie", path=key, where=key)
            )
            continue
        if new_key != key:
            result.renamed[key] = new_key
        result.answers[new_key] = value
    return _keep_what_fits(result, target)


def _keep_what_fits(result: CarriedAnswers, target: FormatDefinition) -> CarriedAnswers:
    kept: dict[str, Any] = {}
    for key, value in result.answers.items():
        checked = check_answers(target, {key: value})
        if checked.errors:
            reasons = "; ".join(p.message for p in checked.errors)
            where = target.entries[key].where
            result.dropped.append(
                Problem(message=f"past niet in de nieuwe versie ({reasons})", path=key, where=where)
            )
        elif key in checked.values:
            kept[key] = checked.values[key]
    result.answers = kept
    return result
