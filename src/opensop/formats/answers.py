"""Checking a school's answers against the exact format version they were given in.

Every wrong key, type or value becomes a Dutch `Problem` that names the item (by
its section and label) and the place in the answer file. Valid answers come back
normalised (numbers as numbers, dates as ISO text), ready for computation.
"""

from __future__ import annotations

import datetime
import math
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.definition import (
    OFFER_STATE_LABELS,
    AnyItem,
    AnyRowField,
    BrinItem,
    ChoiceItem,
    Condition,
    DateItem,
    DecimalItem,
    EmailItem,
    FixedTextItem,
    FormatDefinition,
    IntegerItem,
    LongTextItem,
    MultiChoiceItem,
    OfferChecklistItem,
    OfferState,
    PercentageItem,
    PhoneItem,
    PostcodeItem,
    RepeatingRowsItem,
    ScaleItem,
    TableItem,
    TextItem,
    YesNoGridItem,
    YesNoItem,
)
from opensop.formats.source import LineMap, Path, Problem, format_path
from opensop.refused import Refused

BRIN_PATTERN = re.compile(r"^\d{2}[A-Z]{2}(\d{2})?$", re.ASCII)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
POSTCODE_PATTERN = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$", re.ASCII)
PHONE_PATTERN = re.compile(r"^\+?[\d\s\-()]+$", re.ASCII)


class AnswerError(Refused):
    """A value that does not fit its item; the message is Dutch and names no place."""


@dataclass
class Place:
    """Where a value is: its path in the answer file and a readable description."""

    path: Path
    where: str

    def child(self, part: str | int, label: str) -> Place:
        return Place((*self.path, part), f"{self.where} › {label}")


@dataclass
class AnswerCheck:
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass
class _Collector:
    lines: LineMap | None
    file: str | None
    problems: list[Problem] = field(default_factory=list)

    def add(self, place: Place, message: str) -> None:
        line = self.lines.line_of(place.path) if self.lines else None
        self.problems.append(
            Problem(
                message=message,
                path=format_path(place.path),
                where=place.where,
                line=line,
                file=self.file,
            )
        )


def check_answers(
    definition: FormatDefinition,
    answers: object,
    lines: LineMap | None = None,
    file: str | None = None,
    base: Path = ("answers",),
) -> AnswerCheck:
    errors = _Collector(lines, file)
    result = AnswerCheck()
    root = Place(base, "antwoorden")
    if answers is None:
        answers = {}
    if not isinstance(answers, Mapping):
        errors.add(root, "de antwoorden moeten een mapping zijn (sleutel: waarde)")
        result.errors = errors.problems
        return result
    for key, value in answers.items():
        entry = definition.entries.get(str(key))
        place = Place((*base, str(key)), entry.where if entry else f"'{key}'")
        if entry is None:
            errors.add(place, f"onbekend item '{key}' in formaat {definition.ref}")
        elif isinstance(entry.item, FixedTextItem):
            errors.add(
                place, "dit is vaste tekst van het samenwerkingsverband; hier hoort geen antwoord"
            )
        elif value is not None:
            normalised = _check_item(entry.item, value, place, errors)
            if normalised is not None:
                result.values[entry.item.key] = normalised
    result.errors = errors.problems
    result.warnings = _hidden_answers(definition, result.values, lines, file, base)
    return result


def _hidden_answers(
    definition: FormatDefinition,
    values: dict[str, Any],
    lines: LineMap | None,
    file: str | None,
    base: Path,
) -> list[Problem]:
    notes = _Collector(lines, file)
    applicable = applicable_answers(definition, values)
    for key in values:
        if key not in applicable:
            notes.add(
                Place((*base, key), definition.entries[key].where),
                "beantwoord, maar niet van toepassing bij de andere antwoorden; telt niet mee",
            )
    return notes.problems


def applicable_answers(definition: FormatDefinition, values: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count: hidden items drop out, also through items they depend on."""
    current = dict(values)
    while True:
        kept = {k: v for k, v in current.items() if is_visible(definition.item(k), current)}
        if len(kept) == len(current):
            return kept
        current = kept


def _check_item(item: AnyItem, value: Any, place: Place, errors: _Collector) -> Any:
    checker = _COMPOSITE.get(type(item))
    if checker is not None:
        return checker(item, value, place, errors)
    try:
        return check_simple_value(item, value)
    except AnswerError as exc:
        errors.add(place, str(exc))
        return None


# --------------------------------------------------------------------------- simple values


def check_simple_value(item: AnyItem, value: Any) -> Any:  # noqa: PLR0911, PLR0912
    """Normalise one simple answer or raise `AnswerError` with a Dutch reason."""
    if isinstance(item, TextItem | LongTextItem):
        text = _text(value)
        if len(text) > item.max_length:
            raise AnswerError(
                f"de tekst is {len(text)} tekens; maximaal {item.max_length} toegestaan"
            )
        if isinstance(item, LongTextItem) and item.max_lines is not None:
            used = count_lines(text, item.line_width)
            if used > item.max_lines:
                raise AnswerError(
                    f"de tekst beslaat {used} regels (bij {item.line_width} tekens per regel); "
                    f"maximaal {item.max_lines} regels toegestaan"
                )
        return text
    if isinstance(item, IntegerItem):
        return _in_range(_integer(value), item.min, item.max)
    if isinstance(item, DecimalItem):
        return _in_range(_decimal(value, item.decimals), item.min, item.max)
    if isinstance(item, PercentageItem):
        return _in_range(_decimal(value, item.decimals), 0, 100, unit=" %")
    if isinstance(item, DateItem):
        return _date(value)
    if isinstance(item, EmailItem):
        return _matching(value, EMAIL_PATTERN, "een geldig e-mailadres (naam@school.nl)")
    if isinstance(item, PhoneItem):
        return _phone(value)
    if isinstance(item, BrinItem):
        return _brin(value, item.with_location)
    if isinstance(item, PostcodeItem):
        code = _matching(value, POSTCODE_PATTERN, "een postcode als 1234 AB", upper=True)
        return f"{code[:4]} {code[-2:]}"
    if isinstance(item, ChoiceItem):
        return _option(value, item)
    if isinstance(item, MultiChoiceItem):
        return _options(value, item)
    if isinstance(item, YesNoItem):
        return _yes_no(value)
    if isinstance(item, ScaleItem):
        return _scale(value, item)
    raise AnswerError(f"soort '{item.kind}' heeft geen eenvoudig antwoord")


def count_lines(text: str, width: int) -> int:
    """Lines the text fills when printed at `width` characters, as the paper form counts."""
    return sum(max(1, len(textwrap.wrap(line, width))) for line in text.rstrip().splitlines())


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"verwacht tekst, maar kreeg {_describe(value)}")
    return value.strip()


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "ja/nee (" + ("true" if value else "false") + ")"
    if isinstance(value, int | float):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst '{value[:40]}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping"
    return type(value).__name__


# Larger than any count, FTE or percentage: refused before float conversion can overflow.
MAX_NUMBER = 10**12


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= MAX_NUMBER if isinstance(value, int) else math.isfinite(value)


def _integer(value: Any) -> int:
    if not _is_number(value) or value != int(value):
        raise AnswerError(f"verwacht een geheel getal, maar kreeg {_describe(value)}")
    return int(value)


def _decimal(value: Any, decimals: int) -> float:
    if not _is_number(value):
        raise AnswerError(f"verwacht een getal, maar kreeg {_describe(value)}")
    if round(float(value), decimals) != float(value):
        raise AnswerError(f"{value} heeft te veel decimalen; hoogstens {decimals}")
    return float(value)


def _in_range(number: float, low: float | None, high: float | None, unit: str = "") -> Any:
    if low is not None and number < low:
        shown, limit = format_number(number), format_number(low)
        raise AnswerError(f"{shown}{unit} is te laag; de waarde moet minstens {limit}{unit} zijn")
    if high is not None and number > high:
        shown, limit = format_number(number), format_number(high)
        raise AnswerError(f"{shown}{unit} is te hoog; de waarde mag hoogstens {limit}{unit} zijn")
    return number


def format_number(number: float) -> str:
    """A number the Dutch way: 12,5 and 100, not 12.5 and 100.0."""
    return f"{number:g}".replace(".", ",")


def _date(value: Any) -> str:
    text = value.isoformat() if isinstance(value, datetime.date) else value
    if not isinstance(text, str):
        raise AnswerError(f"verwacht een datum (JJJJ-MM-DD), maar kreeg {_describe(value)}")
    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise AnswerError(
            f"'{text}' is geen geldige datum; schrijf JJJJ-MM-DD, bijv. 2025-10-01"
        ) from exc


def _matching(value: Any, pattern: re.Pattern[str], expected: str, upper: bool = False) -> str:
    text = _text(value)
    candidate = text.upper() if upper else text
    if not pattern.match(candidate):
        raise AnswerError(f"'{text}' is geen {expected}")
    return candidate


def _phone(value: Any) -> str:
    text = _matching(value, PHONE_PATTERN, "telefoonnummer")
    digits = re.sub(r"\D", "", text, flags=re.ASCII)
    if not 10 <= len(digits) <= 13:
        raise AnswerError(
            f"'{text}' is geen telefoonnummer (verwacht 10 cijfers, bijv. 045 123 45 67)"
        )
    return text


def _brin(value: Any, with_location: bool) -> str:
    code = _text(value).upper().replace(" ", "")
    if not BRIN_PATTERN.match(code) or (with_location and len(code) != 6):
        expected = "6 tekens (bijv. 12AB00)" if with_location else "4 tekens (bijv. 12AB)"
        raise AnswerError(f"'{value}' is geen brinnummer; verwacht {expected}")
    return code


def _option(value: Any, item: ChoiceItem | MultiChoiceItem) -> str:
    values = [o.value for o in item.options]
    if not isinstance(value, str) or value not in values:
        raise AnswerError(f"'{value}' is geen keuzemogelijkheid; kies uit {', '.join(values)}")
    return value


def _options(value: Any, item: MultiChoiceItem) -> list[str]:
    if not isinstance(value, list):
        raise AnswerError(f"verwacht een lijst van keuzes, maar kreeg {_describe(value)}")
    chosen = [_option(v, item) for v in value]
    if len(set(chosen)) != len(chosen):
        raise AnswerError("een keuze staat er meer dan eens in")
    return chosen


def _yes_no(value: Any) -> bool:
    if isinstance(value, str) and value.strip().lower() in {"ja", "nee"}:
        return value.strip().lower() == "ja"
    if not isinstance(value, bool):
        raise AnswerError(f"verwacht ja of nee (true/false), maar kreeg {_describe(value)}")
    return value


def _scale(value: Any, item: ScaleItem) -> int:
    allowed = [level.value for level in item.levels]
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise AnswerError(
            f"{_describe(value)} is geen score op deze schaal; kies uit "
            + ", ".join(str(a) for a in allowed)
        )
    return value


# --------------------------------------------------------------------------- composite values


def _mapping(value: Any, place: Place, errors: _Collector, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        errors.add(place, f"verwacht een mapping met {', '.join(sorted(allowed))}")
        return {}
    for key in value:
        if key not in allowed:
            errors.add(place.child(str(key), str(key)), f"onbekend onderdeel '{key}'")
    return {str(k): v for k, v in value.items() if k in allowed}


def _list(value: Any, place: Place, errors: _Collector, limit: int) -> list[Any]:
    if not isinstance(value, list):
        errors.add(place, f"verwacht een lijst, maar kreeg {_describe(value)}")
        return []
    if len(value) > limit:
        errors.add(place, f"{len(value)} rijen; hoogstens {limit} toegestaan")
    return value[:limit]


def _cells(
    cells: Any,
    columns: Mapping[str, Any],
    place: Place,
    errors: _Collector,
    check: Callable[[Any, Any], Any],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in _mapping(cells, place, errors, set(columns)).items():
        if value is None:
            continue
        try:
            result[key] = check(columns[key], value)
        except AnswerError as exc:
            errors.add(place.child(key, columns[key].label), str(exc))
    return result


def _check_grid(item: YesNoGridItem, value: Any, place: Place, errors: _Collector) -> Any:
    columns = {c.key: c for c in item.columns}
    rows = {r.key: r for r in item.rows}
    body = _mapping(value, place, errors, {"rows", "extra_rows"})
    result: dict[str, Any] = {"rows": {}, "extra_rows": []}
    fixed = _mapping(body.get("rows", {}), place.child("rows", "rijen"), errors, set(rows))
    for key, cells in fixed.items():
        row_place = place.child("rows", "rijen").child(key, rows[key].label)
        result["rows"][key] = _cells(cells, columns, row_place, errors, lambda _c, v: _yes_no(v))
    extra_place = place.child("extra_rows", item.free_row_label)
    for index, row in enumerate(
        _list(body.get("extra_rows", []), extra_place, errors, item.free_rows)
    ):
        checked = _free_row(row, extra_place.child(index, f"rij {index + 1}"), errors, None)
        if checked is not None:
            checked["cells"] = _cells(
                row.get("cells", {}),
                columns,
                extra_place.child(index, f"rij {index + 1}").child("cells", "cellen"),
                errors,
                lambda _c, v: _yes_no(v),
            )
            result["extra_rows"].append(checked)
    return result


def _free_row(
    row: Any, place: Place, errors: _Collector, groups: set[str] | None
) -> dict[str, Any] | None:
    allowed = {"label", "cells"} | ({"group"} if groups else set())
    body = _mapping(row, place, errors, allowed)
    label = body.get("label")
    if not isinstance(label, str) or not label.strip():
        errors.add(place, "een eigen rij heeft een naam nodig (label)")
        return None
    checked: dict[str, Any] = {"label": label.strip()}
    if groups:
        group = body.get("group")
        if group not in groups:
            errors.add(place, f"kies de groep van deze rij uit {', '.join(sorted(groups))}")
            return None
        checked["group"] = group
    return checked


def _table_cell(column: Any, value: Any) -> float:
    if column.type == "integer":
        number: float = _integer(value)
    else:
        number = _decimal(value, column.decimals)
    high = 100 if column.type == "percentage" and column.max is None else column.max
    return float(_in_range(number, column.min, high))


def _check_table(item: TableItem, value: Any, place: Place, errors: _Collector) -> Any:
    columns = {c.key: c for c in item.columns}
    rows = {r.key: r for r in item.rows}
    groups = {g.key for g in item.groups} or None
    body = _mapping(value, place, errors, {"rows", "extra_rows"})
    result: dict[str, Any] = {"rows": {}, "extra_rows": []}
    rows_place = place.child("rows", "rijen")
    for key, cells in _mapping(body.get("rows", {}), rows_place, errors, set(rows)).items():
        row_place = rows_place.child(key, rows[key].label)
        result["rows"][key] = _cells(cells, columns, row_place, errors, _table_cell)
    extra_place = place.child("extra_rows", "eigen rijen")
    limit = item.free_rows + sum(g.free_rows for g in item.groups)
    used: dict[str | None, int] = {}
    for index, row in enumerate(_list(body.get("extra_rows", []), extra_place, errors, limit)):
        row_place = extra_place.child(index, f"rij {index + 1}")
        checked = _free_row(row, row_place, errors, groups)
        if checked is None:
            continue
        group = checked.get("group")
        used[group] = used.get(group, 0) + 1
        if used[group] > item.free_row_limit(group):
            errors.add(row_place, f"te veel eigen rijen; hoogstens {item.free_row_limit(group)}")
            continue
        cells_place = row_place.child("cells", "cellen")
        checked["cells"] = _cells(row.get("cells", {}), columns, cells_place, errors, _table_cell)
        result["extra_rows"].append(checked)
    return result


def _offer_state(value: Any) -> str:
    states = [s.value for s in OfferState]
    if value not in states:
        raise AnswerError(f"'{value}' is geen geldige stand; kies uit {', '.join(states)}")
    return str(value)


def _check_checklist(item: OfferChecklistItem, value: Any, place: Place, errors: _Collector) -> Any:
    offers = {o.key: o for o in item.catalogue}
    body = _mapping(value, place, errors, {"offers", "own"} if item.own_offers else {"offers"})
    result: dict[str, Any] = {"offers": {}, "own": []}
    offers_place = place.child("offers", "aanbod")
    for key, state in _mapping(body.get("offers", {}), offers_place, errors, set(offers)).items():
        try:
            result["offers"][key] = _offer_state(state)
        except AnswerError as exc:
            errors.add(offers_place.child(key, offers[key].label), str(exc))
    own_place = place.child("own", item.own_offers_label)
    for index, own in enumerate(_list(body.get("own", []), own_place, errors, 50)):
        row_place = own_place.child(index, f"eigen aanbod {index + 1}")
        entry = _mapping(own, row_place, errors, {"label", "state"})
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            errors.add(row_place, "eigen aanbod heeft een omschrijving nodig (label)")
            continue
        try:
            state = _offer_state(entry.get("state", OfferState.AANWEZIG.value))
        except AnswerError as exc:
            errors.add(row_place.child("state", "stand"), str(exc))
            continue
        result["own"].append({"label": label.strip(), "state": state})
    return result


def _check_rows(item: RepeatingRowsItem, value: Any, place: Place, errors: _Collector) -> Any:
    fields = {f.key: f for f in item.fields}
    result: list[dict[str, Any]] = []
    for index, row in enumerate(_list(value, place, errors, item.max_rows)):
        row_place = place.child(index, f"{item.row_label} {index + 1}")
        result.append(_cells(row, fields, row_place, errors, check_simple_value))
    return result


_COMPOSITE: dict[type, Callable[[Any, Any, Place, _Collector], Any]] = {
    YesNoGridItem: _check_grid,
    TableItem: _check_table,
    OfferChecklistItem: _check_checklist,
    RepeatingRowsItem: _check_rows,
}


# --------------------------------------------------------------------------- filled, visible


def is_filled(item: AnyItem | AnyRowField, value: Any) -> bool:
    """Whether an item counts as answered (a grid only when every fixed cell is)."""
    if value is None or value in ("", [], {}):
        return False
    if isinstance(item, YesNoGridItem):
        rows = value.get("rows", {})
        return all(
            column.key in rows.get(row.key, {}) for row in item.rows for column in item.columns
        )
    if isinstance(item, TableItem):
        cells = [
            *value.get("rows", {}).values(),
            *(r["cells"] for r in value.get("extra_rows", [])),
        ]
        return any(cells)
    if isinstance(item, OfferChecklistItem):
        return bool(value.get("offers") or value.get("own"))
    if isinstance(item, RepeatingRowsItem):
        return any(value)
    return True


def condition_holds(condition: Condition, values: Mapping[str, Any]) -> bool:
    if condition.all_of is not None:
        return all(condition_holds(c, values) for c in condition.all_of)
    if condition.any_of is not None:
        return any(condition_holds(c, values) for c in condition.any_of)
    if condition.negated is not None:
        return not condition_holds(condition.negated, values)
    value = values.get(condition.item or "")
    if condition.filled is not None:
        return (value not in (None, "", [], {})) == condition.filled
    expected = [condition.equals] if condition.equals is not None else condition.one_of or []
    if isinstance(value, list):
        return any(v in expected for v in value)
    return any(_same_answer(value, e) for e in expected)


def _same_answer(value: Any, expected: Any) -> bool:
    """Equal as answers: 1 and 1.0 are, but True and 1 are not."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    return bool(value == expected)


def is_visible(item: AnyItem, values: Mapping[str, Any]) -> bool:
    return item.show_if is None or condition_holds(item.show_if, values)


def missing_required(definition: FormatDefinition, values: Mapping[str, Any]) -> list[Problem]:
    """Required answers that are still empty: what makes a profile incomplete."""
    values = applicable_answers(definition, values)
    missing: list[Problem] = []
    for key, entry in definition.entries.items():
        item = entry.item
        if not is_visible(item, values):
            continue
        value = values.get(key)
        if item.required and not is_filled(item, value):
            missing.append(
                Problem(message="nog niet ingevuld", path=f"answers.{key}", where=entry.where)
            )
        if isinstance(item, RepeatingRowsItem):
            missing.extend(_missing_in_rows(item, value or [], entry.where))
    return missing


def _missing_in_rows(
    item: RepeatingRowsItem, rows: list[dict[str, Any]], where: str
) -> list[Problem]:
    missing = [
        Problem(
            message="nog niet ingevuld",
            path=f"answers.{item.key}[{index}].{field.key}",
            where=f"{where} › {item.row_label} {index + 1} › {field.label}",
        )
        for index, row in enumerate(rows)
        if row
        for field in item.fields
        if field.required and not is_filled(field, row.get(field.key))
    ]
    filled_rows = sum(1 for row in rows if row)
    if rows and filled_rows < item.min_rows:
        missing.append(
            Problem(
                message=f"{filled_rows} rij(en) ingevuld; minstens {item.min_rows} nodig",
                path=f"answers.{item.key}",
                where=where,
            )
        )
    return missing


def offer_state_label(state: str) -> str:
    return OFFER_STATE_LABELS[OfferState(state)]
