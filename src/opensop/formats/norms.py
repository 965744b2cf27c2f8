"""Judging a profile against the SWV's norms: voldoet, voldoet niet or onvolledig.

A rule says *voldoet niet* as soon as a given answer breaks it, *onvolledig* when
it cannot judge yet because answers are missing, and *voldoet* otherwise. Every
result names the items behind it and explains itself in Dutch.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import condition_holds, is_filled, is_visible
from opensop.formats.definition import (
    AnyRowField,
    AnyRule,
    ChoiceItem,
    ConditionalRule,
    EqualsRule,
    FilledRule,
    FormatDefinition,
    GridAllYesRule,
    MinOffersRule,
    MinScoreRule,
    Norm,
    OfferChecklistItem,
    OfferState,
    RepeatingRowsItem,
    RowsFilledRule,
    ScaleItem,
    YesNoGridItem,
)

# Answers that fill a field without saying anything: the vagueness parents complain about.
_NON_ANSWERS = re.compile(
    r"^\s*(n\.?v\.?t\.?|nvt|geen|-+|\?+|onbekend|n\.?b\.?)\s*$", re.IGNORECASE
)


def _has_content(item: AnyRowField, value: Any) -> bool:
    """Filled with something that says something ("nvt" or "-" does not)."""
    return is_filled(item, value) and not (isinstance(value, str) and _NON_ANSWERS.match(value))


class Outcome(enum.StrEnum):
    VOLDOET = "voldoet"
    VOLDOET_NIET = "voldoet_niet"
    ONVOLLEDIG = "onvolledig"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class ItemRef:
    key: str
    where: str
    detail: str = ""


@dataclass
class Judgement:
    outcome: Outcome
    explanation: str
    items: list[ItemRef] = field(default_factory=list)


@dataclass(frozen=True)
class NormResult:
    norm: Norm
    outcome: Outcome
    explanation: str
    items: tuple[ItemRef, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.norm.key,
            "title": self.norm.title,
            "section": self.norm.section,
            "statement": self.norm.statement,
            "interpretation": self.norm.interpretation,
            "outcome": self.outcome.value,
            "explanation": self.explanation,
            "items": [{"key": i.key, "where": i.where, "detail": i.detail} for i in self.items],
        }


def evaluate_norms(definition: FormatDefinition, values: Mapping[str, Any]) -> list[NormResult]:
    judge = _Judge(definition, values)
    results = []
    for norm in definition.norms:
        judgement = judge.rule(norm.rule)
        results.append(
            NormResult(norm, judgement.outcome, judgement.explanation, tuple(judgement.items))
        )
    return results


@dataclass
class _Judge:
    definition: FormatDefinition
    values: Mapping[str, Any]

    def rule(self, rule: AnyRule) -> Judgement:
        match rule:
            case MinScoreRule():
                return self._min_score(rule)
            case EqualsRule():
                return self._equals(rule)
            case FilledRule():
                return self._filled(rule)
            case GridAllYesRule():
                return self._grid_all_yes(rule)
            case RowsFilledRule():
                return self._rows_filled(rule)
            case MinOffersRule():
                return self._min_offers(rule)
            case ConditionalRule():
                return self._conditional(rule)

    # ---------------------------------------------------------------- helpers

    def _ref(self, key: str, detail: str = "") -> ItemRef:
        return ItemRef(key, self.definition.entries[key].where, detail)

    def _applicable(self, keys: list[str]) -> list[str]:
        """Items hidden by their condition do not count for or against a norm."""
        return [k for k in keys if is_visible(self.definition.item(k), self.values)]

    @staticmethod
    def _verdict(
        failing: list[ItemRef], missing: list[ItemRef], fail_text: str, ok_text: str
    ) -> Judgement:
        if failing:
            return Judgement(Outcome.VOLDOET_NIET, fail_text, failing)
        if missing:
            names = "; ".join(ref.where for ref in missing[:5])
            more = f" en nog {len(missing) - 5}" if len(missing) > 5 else ""
            return Judgement(Outcome.ONVOLLEDIG, f"Nog niet ingevuld: {names}{more}.", missing)
        return Judgement(Outcome.VOLDOET, ok_text)

    def _display(self, key: str, value: Any) -> str:
        item = self.definition.item(key)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(item, ChoiceItem):
            return next((o.label for o in item.options if o.value == value), str(value))
        if isinstance(item, ScaleItem):
            label = item.level_label(value)
            return str(value) if label == str(value) else f"{value} ({label})"
        return str(value)

    # ---------------------------------------------------------------- rules

    def _min_score(self, rule: MinScoreRule) -> Judgement:
        failing, missing = [], []
        for key in self._applicable(rule.items):
            score = self.values.get(key)
            if score is None:
                missing.append(self._ref(key))
            elif score < rule.min:
                failing.append(self._ref(key, f"score {self._display(key, score)}"))
        listed = "; ".join(f"{ref.where} ({ref.detail})" for ref in failing)
        return self._verdict(
            failing,
            missing,
            f"Lager dan {rule.min} gescoord bij: {listed}.",
            f"Alle {len(rule.items)} onderdelen scoren {rule.min} of hoger.",
        )

    def _equals(self, rule: EqualsRule) -> Judgement:
        failing, missing = [], []
        for key in self._applicable(rule.items):
            value = self.values.get(key)
            if value is None:
                missing.append(self._ref(key))
            elif value != rule.value:
                failing.append(self._ref(key, self._display(key, value)))
        wanted = self._display(rule.items[0], rule.value)
        listed = "; ".join(f"{ref.where} is ‘{ref.detail}’" for ref in failing)
        return self._verdict(
            failing,
            missing,
            f"{listed}; vereist is ‘{wanted}’.",
            f"Overal ‘{wanted}’ ingevuld.",
        )

    def _filled(self, rule: FilledRule) -> Judgement:
        failing, missing = [], []
        for key in self._applicable(rule.items):
            value = self.values.get(key)
            if not is_filled(self.definition.item(key), value):
                missing.append(self._ref(key))
            elif isinstance(value, str) and _NON_ANSWERS.match(value):
                failing.append(self._ref(key, value.strip()))
        listed = "; ".join(f"{ref.where} (‘{ref.detail}’)" for ref in failing)
        return self._verdict(
            failing,
            missing,
            f"Ingevuld zonder inhoud: {listed}. Beschrijf wat er werkelijk is.",
            "Alles is ingevuld.",
        )

    def _grid_all_yes(self, rule: GridAllYesRule) -> Judgement:
        item = self.definition.item(rule.item)
        assert isinstance(item, YesNoGridItem)
        rows = (self.values.get(rule.item) or {}).get("rows", {})
        labels = {r.key: f"{r.number + ' ' if r.number else ''}{r.label}" for r in item.rows}
        failing, missing = [], []
        for row in rule.rows:
            cells = rows.get(row, {})
            no = [c.label for c in item.columns if cells.get(c.key) is False]
            unanswered = [c.label for c in item.columns if c.key not in cells]
            yes = sum(1 for c in item.columns if cells.get(c.key) is True)
            if no:
                detail = f"{yes} van {len(item.columns)} ja; nee bij {', '.join(no)}"
                failing.append(ItemRef(rule.item, labels[row], detail))
            elif unanswered:
                missing.append(ItemRef(rule.item, f"{labels[row]} ({', '.join(unanswered)})"))
        listed = "; ".join(f"{ref.where}: {ref.detail}" for ref in failing)
        return self._verdict(
            failing,
            missing,
            f"Niet alle kenmerken ja: {listed}.",
            f"Alle kenmerken ja bij {len(rule.rows)} van {len(rule.rows)} rijen.",
        )

    def _rows_filled(self, rule: RowsFilledRule) -> Judgement:
        item = self.definition.item(rule.item)
        assert isinstance(item, RepeatingRowsItem)
        if rule.item not in self.values:
            return Judgement(
                Outcome.ONVOLLEDIG,
                f"Nog niet ingevuld: {self._ref(rule.item).where}.",
                [self._ref(rule.item)],
            )
        fields = {f.key: f for f in item.fields}
        complete = [
            row
            for row in self.values[rule.item]
            if all(_has_content(fields[k], row.get(k)) for k in rule.fields)
        ]
        names = ", ".join(f"‘{fields[k].label}’" for k in rule.fields)
        if len(complete) >= rule.min_rows:
            return Judgement(Outcome.VOLDOET, f"{len(complete)} rij(en) met {names} ingevuld.")
        return Judgement(
            Outcome.VOLDOET_NIET,
            f"Er {'is' if len(complete) == 1 else 'zijn'} {len(complete)} rij(en) met {names} "
            f"ingevuld; minstens {rule.min_rows} nodig.",
            [self._ref(rule.item, f"{len(complete)} van {rule.min_rows}")],
        )

    def _min_offers(self, rule: MinOffersRule) -> Judgement:
        present = {OfferState.AANWEZIG.value, OfferState.DEELS.value}
        failing, missing = [], []
        for key in self._applicable(rule.items):
            answer = self.values.get(key)
            if answer is None:
                missing.append(self._ref(key))
                continue
            item = self.definition.item(key)
            assert isinstance(item, OfferChecklistItem)
            count = sum(1 for s in answer.get("offers", {}).values() if s in present)
            count += sum(1 for own in answer.get("own", []) if own["state"] in present)
            if count < rule.min:
                failing.append(self._ref(key, f"{count} aanwezig"))
        listed = "; ".join(f"{ref.where} ({ref.detail})" for ref in failing)
        return self._verdict(
            failing,
            missing,
            f"Minder dan {rule.min} aanwezige voorziening(en) bij: {listed}.",
            f"Overal minstens {rule.min} aanwezige voorziening(en).",
        )

    def _conditional(self, rule: ConditionalRule) -> Judgement:
        required = self.rule(rule.then)
        if required.outcome is Outcome.VOLDOET:
            return Judgement(
                Outcome.VOLDOET,
                f"Voldaan, ook als de norm van toepassing is: {required.explanation}",
            )
        trigger = self._trigger(rule)
        if trigger.outcome is Outcome.VOLDOET:
            return Judgement(Outcome.VOLDOET, f"Niet van toepassing: {trigger.explanation}")
        if trigger.outcome is Outcome.ONVOLLEDIG:
            return Judgement(
                Outcome.ONVOLLEDIG, f"Nog niet te beoordelen. {trigger.explanation}", trigger.items
            )
        return Judgement(
            required.outcome,
            f"Van toepassing, want: {trigger.explanation} {required.explanation}",
            [*trigger.items, *required.items],
        )

    def _trigger(self, rule: ConditionalRule) -> Judgement:
        """VOLDOET_NIET when the norm applies, VOLDOET when it does not."""
        if rule.if_not_met is not None:
            return self.rule(rule.if_not_met)
        assert rule.when is not None
        unanswered = [k for k in set(rule.when.referenced_items()) if k not in self.values]
        if unanswered and not condition_holds(rule.when, self.values):
            refs = [self._ref(k) for k in sorted(unanswered)]
            names = "; ".join(ref.where for ref in refs)
            return Judgement(Outcome.ONVOLLEDIG, f"Nog niet ingevuld: {names}.", refs)
        if condition_holds(rule.when, self.values):
            return Judgement(Outcome.VOLDOET_NIET, "de voorwaarde geldt.")
        return Judgement(Outcome.VOLDOET, "de voorwaarde geldt niet.")
