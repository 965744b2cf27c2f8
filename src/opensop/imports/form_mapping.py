"""Which answer each field of a filled form gives, for one format (Django-free).

A field matches an item, or an option of a choice item, when their names are the same
once punctuation is dropped and case, accents and whitespace are folded: the real form's
field `PO 3105 MaastrichtHeuvelland` is the option labelled `PO 31-05 (Maastricht-Heuvelland)`.
A format lists the other names a form used for an item or option as its `aliases`.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import AnswerError, check_simple_value, is_filled
from opensop.formats.definition import (
    AnyItem,
    ChoiceItem,
    DateItem,
    DecimalItem,
    FixedTextItem,
    FormatDefinition,
    IntegerItem,
    MultiChoiceItem,
    PercentageItem,
    ScaleItem,
    YesNoItem,
)
from opensop.imports.errors import UnreadableFileError
from opensop.imports.pdf_form import FieldKind, FormField

NUMERIC = IntegerItem | DecimalItem | PercentageItem | ScaleItem
SIMPLE_KINDS = {
    "text", "long_text", "integer", "decimal", "percentage", "date", "email", "phone",
    "brin", "postcode", "choice", "multi_choice", "yes_no", "scale",
}  # fmt: skip
SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$")
THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$", re.ASCII)
DUTCH_DATE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


class FieldOutcome(enum.StrEnum):
    TAKEN = "overgenomen"
    UNKNOWN = "niet herkend"
    CONFLICT = "conflict met bestaand antwoord"
    UNUSABLE = "niet over te nemen"
    EMPTY = "leeg in het formulier"


class ItemOutcome(enum.StrEnum):
    FILLED = "krijgt een antwoord uit het formulier"
    CONFLICT = "conflict: u kiest hieronder"
    KEPT = "houdt het bestaande antwoord"
    EMPTY = "blijft leeg"


def normalise(text: str) -> str:
    """Label text with punctuation dropped, accents, case and whitespace folded."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = "".join(c if c.isalnum() or c.isspace() else "" for c in plain)
    return " ".join(plain.split())


@dataclass(frozen=True)
class FieldResult:
    field: FormField
    outcome: FieldOutcome
    item_key: str = ""
    item_where: str = ""
    note: str = ""


@dataclass(frozen=True)
class ItemResult:
    key: str
    where: str
    outcome: ItemOutcome


@dataclass
class FormMapping:
    fields: list[FieldResult] = field(default_factory=list)
    items: list[ItemResult] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)  # values without a conflict
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # key → (now, form)
    school_year: str | None = None

    def count(self, outcome: FieldOutcome) -> int:
        return sum(1 for f in self.fields if f.outcome == outcome)

    def answers_to_save(self, overwrite: Iterable[str] = ()) -> dict[str, Any]:
        """The form's answers, with the conflicts the user chose to overwrite."""
        chosen = {k: self.conflicts[k][1] for k in overwrite if k in self.conflicts}
        return {**self.answers, **chosen}

    @property
    def staying_empty(self) -> list[ItemResult]:
        return [i for i in self.items if i.outcome == ItemOutcome.EMPTY]


@dataclass(frozen=True)
class _Target:
    item: AnyItem
    where: str
    option: str | None = None  # the option's value when the field names an option


def _loose(text: str) -> str:
    return " ".join(text.casefold().split())


class _Index:
    """Names → items and options of the format, in three tiers: the aliases a format declares
    for its forms, then labels as written (case and spacing folded), then every name
    normalised. A name two items share in a tier (`≤ 8 jr` and `> 8 jr` both normalise to
    `8 jr`; `anders` is the label of more than one item) is ambiguous there and matches
    neither."""

    TIERS = (("alias", _loose), ("loose", _loose), ("normal", normalise))

    def __init__(self, definition: FormatDefinition) -> None:
        self.tables: dict[tuple[str, bool], dict[str, _Target | None]] = {
            (tier, is_option): {} for tier, _ in self.TIERS for is_option in (False, True)
        }
        for key, entry in definition.entries.items():
            item = entry.item
            if item.kind not in SIMPLE_KINDS:
                continue
            self._add(_Target(item, entry.where), (item.label, key), item.aliases)
            if isinstance(item, ChoiceItem | MultiChoiceItem):
                for option in item.options:
                    target = _Target(item, entry.where, option.value)
                    self._add(target, (option.label, option.value), option.aliases)

    def _add(self, target: _Target, names: tuple[str, ...], aliases: list[str]) -> None:
        is_option = target.option is not None
        for tier, fold in self.TIERS:
            table = self.tables[(tier, is_option)]
            for name in aliases if tier == "alias" else (*names, *aliases):
                folded = fold(name)
                known = table.get(folded, target)
                same = known is not None and (known.item.key, known.option) == (
                    target.item.key,
                    target.option,
                )
                table[folded] = target if same else None

    def find(self, form_field: FormField) -> _Target | None:
        options_first = form_field.kind == FieldKind.CHECKBOX
        for tier, fold in self.TIERS:
            for is_option in (options_first, not options_first):
                table = self.tables[(tier, is_option)]
                for name in (form_field.partial, form_field.name):
                    target = table.get(fold(name))
                    if target is not None:
                        return target
        return None


# One index per format version: definitions are immutable and few; building one costs more
# than reading a form. Keyed by identity, holding the definition so the id stays its own.
_INDEXES: dict[int, tuple[FormatDefinition, _Index]] = {}


def _index(definition: FormatDefinition) -> _Index:
    cached = _INDEXES.get(id(definition))
    if cached is None or cached[0] is not definition:
        cached = (definition, _Index(definition))
        _INDEXES[id(definition)] = cached
    return cached[1]


def map_form(
    definition: FormatDefinition,
    fields: list[FormField],
    existing: Mapping[str, Any],
) -> FormMapping:
    """What each field gives, what stays empty, and what conflicts with `existing`."""
    index = _index(definition)
    year_field, year = _school_year(fields)
    mapping = FormMapping(school_year=year)
    found: dict[str, list[tuple[FormField, Any]]] = {}
    for form_field in fields:
        target = index.find(form_field)
        if form_field is year_field and target is None:
            note = f"het schooljaar van het profiel: {year}"
            mapping.fields.append(FieldResult(form_field, FieldOutcome.TAKEN, note=note))
            continue
        if target is None:
            mapping.fields.append(_unknown(form_field))
            continue
        try:
            value = _value(target, form_field)
        except AnswerError as exc:
            mapping.fields.append(
                FieldResult(
                    form_field, FieldOutcome.UNUSABLE, target.item.key, target.where, str(exc)
                )
            )
            continue
        if value is _NOTHING:
            note = "niet aangevinkt" if form_field.kind == FieldKind.CHECKBOX else ""
            mapping.fields.append(
                FieldResult(form_field, FieldOutcome.EMPTY, target.item.key, target.where, note)
            )
            continue
        found.setdefault(target.item.key, []).append((form_field, value))
    _combine(definition, found, existing, mapping)
    order = {id(f): i for i, f in enumerate(fields)}
    mapping.fields.sort(key=lambda result: order[id(result.field)])
    if not any(f.item_key or f.field is year_field for f in mapping.fields):
        raise UnreadableFileError(
            f"Geen enkel veld van dit formulier hoort bij het formaat ‘{definition.title}’. "
            "Is dit het formulier van uw samenwerkingsverband?"
        )
    mapping.items = _items(definition, mapping, existing)
    return mapping


_NOTHING: Any = object()


def _unknown(form_field: FormField) -> FieldResult:
    outcome = FieldOutcome.EMPTY if form_field.empty else FieldOutcome.UNKNOWN
    return FieldResult(form_field, outcome)


def _value(target: _Target, form_field: FormField) -> Any:
    """The answer one field gives for its item (options: the option or nothing)."""
    item = target.item
    if target.option is not None and form_field.kind == FieldKind.CHECKBOX:
        return target.option if form_field.checked else _NOTHING
    if form_field.kind == FieldKind.CHECKBOX:
        if isinstance(item, YesNoItem):
            return form_field.checked
        ticked = "aangevinkt" if form_field.checked else "niet aangevinkt"
        raise AnswerError(f"het formulier heeft hier alleen een vinkje ({ticked}), geen antwoord")
    if form_field.empty:
        return _NOTHING
    if isinstance(item, MultiChoiceItem):
        chosen = form_field.chosen or (form_field.text,)
        return [_option(item, text) for text in chosen]
    # PDF text fields keep the spaces typed at the end of each line; answers do not.
    text = "\n".join(line.rstrip() for line in form_field.text.strip().splitlines())
    if isinstance(item, ChoiceItem):
        return _option(item, text)
    if isinstance(item, NUMERIC):
        return check_simple_value(item, _number(text))
    if isinstance(item, DateItem):
        return check_simple_value(item, _date(text))
    return check_simple_value(item, text)


def _option(item: ChoiceItem | MultiChoiceItem, text: str) -> str:
    wanted = normalise(text)
    for option in item.options:
        if wanted in {normalise(n) for n in (option.value, option.label, *option.aliases)}:
            return option.value
    raise AnswerError(f"‘{text}’ is geen van de keuzes bij deze vraag")


def _number(text: str) -> int | float:
    cleaned = text.replace("%", "").replace("\u00a0", "").replace(" ", "")
    if "," in cleaned or THOUSANDS.match(cleaned):  # Dutch: 1.214,5 and 1.214
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        raise AnswerError(f"‘{text}’ is geen getal") from None
    if not math.isfinite(number) or abs(number) > 1e12:
        raise AnswerError(f"‘{text}’ is geen bruikbaar getal")
    return int(number) if number.is_integer() else number


def _date(text: str) -> str:
    match = DUTCH_DATE.match(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _combine(
    definition: FormatDefinition,
    found: dict[str, list[tuple[FormField, Any]]],
    existing: Mapping[str, Any],
    mapping: FormMapping,
) -> None:
    """One answer per item: the options ticked for a choice make one choice, or a list."""
    for key, given in found.items():
        item = definition.item(key)
        where = definition.entries[key].where
        values = [value for _, value in given]
        if isinstance(item, MultiChoiceItem):
            value: Any = list(
                dict.fromkeys(v for vs in values for v in (vs if isinstance(vs, list) else [vs]))
            )
        elif len({repr(v) for v in values}) > 1:
            for form_field, _ in given:
                mapping.fields.append(
                    FieldResult(
                        form_field,
                        FieldOutcome.UNUSABLE,
                        key,
                        where,
                        "het formulier geeft bij deze vraag verschillende antwoorden",
                    )
                )
            continue
        else:
            value = values[0]
        outcome, note = _against_existing(item, key, value, existing, mapping)
        for form_field, _ in given:
            mapping.fields.append(FieldResult(form_field, outcome, key, where, note))


def _against_existing(
    item: AnyItem, key: str, value: Any, existing: Mapping[str, Any], mapping: FormMapping
) -> tuple[FieldOutcome, str]:
    now = existing.get(key)
    if now is not None and is_filled(item, now) and now != value:
        mapping.conflicts[key] = (now, value)
        return FieldOutcome.CONFLICT, f"nu ingevuld: {shown(now)}"
    mapping.answers[key] = value
    return FieldOutcome.TAKEN, ""


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _items(
    definition: FormatDefinition, mapping: FormMapping, existing: Mapping[str, Any]
) -> list[ItemResult]:
    results = []
    for key, entry in definition.entries.items():
        if isinstance(entry.item, FixedTextItem):
            continue
        if key in mapping.conflicts:
            outcome = ItemOutcome.CONFLICT
        elif key in mapping.answers:
            outcome = ItemOutcome.FILLED
        elif existing.get(key) is not None and is_filled(entry.item, existing[key]):
            outcome = ItemOutcome.KEPT
        else:
            outcome = ItemOutcome.EMPTY
        results.append(ItemResult(key, entry.where, outcome))
    return results


def _school_year(fields: list[FormField]) -> tuple[FormField | None, str | None]:
    """The school year the form states, as '2025-2026', from a field named like it."""
    for form_field in fields:
        if "schooljaar" not in normalise(form_field.partial).replace(" ", ""):
            continue
        match = SCHOOL_YEAR.match(form_field.text)
        if match:
            start, end = int(match.group(1)), match.group(2)
            if int(end[-2:]) == (start + 1) % 100:
                return form_field, f"{start}-{start + 1}"
    return None, None
