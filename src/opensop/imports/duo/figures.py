"""Figures for a profile from DUO's open-data CSV files (Django-free).

The format says which items DUO proposes a value for (`prefill:` in the format, see
formats/definition.py PrefillRule); this reads one uploaded file, finds the school's row by
BRIN and location, and turns the named columns into a proposal per item. Nothing is saved
here: the school confirms or corrects each value (workflow.services.take_duo_values).
Headers are compared as in the register reader (trimmed, capitals, `_`, `-` and spaces
as one); files may be `;`- or `,`-separated, UTF-8 or Windows-1252. DUO masks small counts
as `<5`: such a value is not proposed, and the message says so.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.definition import FormatDefinition, PercentageItem, PrefillRule
from opensop.imports.errors import DEFAULT_MAX_BYTES, UnreadableFileError, check_size
from opensop.imports.register import (
    BRIN,
    COLUMNS,
    DELIMITERS,
    _decode,
    _header,
    _location,
    _records,
)

DATE_COLUMNS = ("PEILDATUM LEERLINGEN", "PEILDATUM", "TELDATUM")
YEAR_COLUMNS = ("PEILJAAR",)  # the count of 1 October of that year


@dataclass(frozen=True)
class Proposal:
    item_key: str
    label: str
    value: Any  # as the answer file takes it: int, float or an ISO date
    shown: str  # the value as the school reads it
    source: str  # the columns it came from, e.g. "PRO / TOTAAL_ADVIES × 100"


@dataclass
class DuoReading:
    source_date: datetime.date | None  # the count date the file states, if it states one
    lines: list[int] = field(default_factory=list)  # the school's rows in the file
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows and values that could not be read
    other_schools: int = 0  # rows of other schools, not used


@dataclass
class DuoFile:
    """A DUO file read once: its columns, the format's rules it can serve, and its rows
    grouped per school (BRIN + location); rows with a malformed code are named."""

    names: list[str]
    rules: list[PrefillRule]
    by_school: dict[tuple[str, str], list[tuple[int, list[str]]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # malformed rows: line and message


def read_duo_figures(
    data: bytes,
    definition: FormatDefinition,
    brin: str,
    location: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DuoReading:
    """The proposals for school `brin`+`location`; `UnreadableFileError` for a file we
    cannot use at all (not a CSV, no BRIN column, none of the format's columns, no row of
    this school)."""
    duo_file = read_duo_file(data, definition, max_bytes)
    rows = duo_file.by_school.get((brin, location), [])
    other = sum(len(r) for key, r in duo_file.by_school.items() if key != (brin, location))
    if not rows:
        raise UnreadableFileError(
            f"Er staat geen regel voor {brin}{location} in dit bestand "
            f"({other} regels van andere scholen). Is het het bestand van "
            "de goede sector en het goede jaar?"
        )
    reading = figures_of(duo_file, definition, rows)
    reading.other_schools = other
    reading.problems[:0] = duo_file.problems
    return reading


def read_duo_file(
    data: bytes, definition: FormatDefinition, max_bytes: int = DEFAULT_MAX_BYTES
) -> DuoFile:
    """The file's rows per school; `UnreadableFileError` for a file we cannot use at all
    (not a CSV, no BRIN column, none of the format's columns)."""
    check_size(data, max_bytes)
    text = _decode(data)
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    if not header_line:
        raise UnreadableFileError("Het bestand bevat alleen witruimte.")
    delimiter = max(DELIMITERS, key=header_line.count)
    records = list(_records(text, delimiter))
    names = [_header(cell) for cell in records[0][1]]
    rules = [r for r in definition.prefill if _has_columns(names, r)]
    if not rules:
        wanted = sorted({c for r in definition.prefill for c in r.columns})
        raise UnreadableFileError(
            "Dit bestand heeft geen van de kolommen waaruit dit formaat cijfers overneemt"
            + (f" ({', '.join(wanted)})." if wanted else "; het formaat neemt niets uit DUO over.")
        )
    brin_at = _index(names, COLUMNS["brin"])
    if brin_at is None:
        raise UnreadableFileError(
            "De eerste regel mist de kolom 'BRIN NUMMER' (of 'INSTELLINGSCODE'). Is dit een "
            "bestand van DUO met een regel per schoolvestiging?"
        )
    duo_file = DuoFile(names, rules)
    _group_rows(records[1:], (brin_at, _index(names, COLUMNS["location"])), duo_file)
    return duo_file


def figures_of(
    duo_file: DuoFile, definition: FormatDefinition, rows: list[tuple[int, list[str]]]
) -> DuoReading:
    """The proposals from one school's rows (newest count year only)."""
    names = duo_file.names
    reading = DuoReading(source_date=None)
    rows = _latest_year(names, rows)
    reading.lines = [line for line, _ in rows]
    reading.source_date = _source_date(names, rows, reading)
    for rule in duo_file.rules:
        proposal = _proposal(definition, rule, names, rows, reading)
        if proposal is not None:
            reading.proposals.append(proposal)
    return reading


def _index(names: list[str], aliases: tuple[str, ...]) -> int | None:
    return next((names.index(a) for a in aliases if a in names), None)


def _has_columns(names: list[str], rule: PrefillRule) -> bool:
    wanted = [*rule.columns, *([rule.share_of] if rule.share_of else [])]
    return all(_header(column) in names for column in wanted)


def _group_rows(
    records: list[tuple[int, list[str]]], at: tuple[int, int | None], duo_file: DuoFile
) -> None:
    """Each row under its school's BRIN + location; rows with a malformed code are named."""
    brin_at, location_at = at
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        row_brin = cells[brin_at].strip().upper() if brin_at < len(cells) else ""
        if not BRIN.match(row_brin):
            duo_file.problems.append(f"Regel {line}: brinnummer '{row_brin}' is ongeldig.")
            continue
        code = cells[location_at].strip().upper() if location_at is not None else ""
        row_location = _location(row_brin, code) if location_at is not None else "00"
        if row_location is None:
            duo_file.problems.append(f"Regel {line}: vestigingsnummer '{code}' is ongeldig.")
            continue
        duo_file.by_school.setdefault((row_brin, row_location), []).append((line, cells))


def _latest_year(
    names: list[str], rows: list[tuple[int, list[str]]]
) -> list[tuple[int, list[str]]]:
    """A file with a row per count year (PEILJAAR): only the newest count is used."""
    at = _index(names, YEAR_COLUMNS)
    if at is None:
        return rows
    years = {cells[at].strip() for _, cells in rows if at < len(cells)}
    newest = max(years, default="")
    return [
        (line, cells) for line, cells in rows if at < len(cells) and cells[at].strip() == newest
    ]


def _source_date(
    names: list[str], rows: list[tuple[int, list[str]]], reading: DuoReading
) -> datetime.date | None:
    line, cells = rows[0]
    at = _index(names, DATE_COLUMNS)
    if at is not None and at < len(cells):
        return _date(cells[at], line, names[at], reading)
    at = _index(names, YEAR_COLUMNS)
    if at is not None and at < len(cells) and cells[at].strip().isdigit():
        return datetime.date(int(cells[at].strip()), 10, 1)
    return None


DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%d-%m-%Y")  # DUO's files differ per year and kind


def _date(text: str, line: int, column: str, reading: DuoReading) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.date(*time.strptime(text.strip(), pattern)[:3])
        except ValueError:
            continue
    reading.problems.append(
        f"Regel {line}, kolom {column}: '{text.strip()}' is geen datum (JJJJMMDD)."
    )
    return None


def _proposal(
    definition: FormatDefinition,
    rule: PrefillRule,
    names: list[str],
    rows: list[tuple[int, list[str]]],
    reading: DuoReading,
) -> Proposal | None:
    item = definition.item(rule.item)
    label = f"{item.number + ' ' if item.number else ''}{item.label}"
    if getattr(item, "kind", "") == "date":
        line, cells = rows[0]
        column = _header(rule.columns[0])
        date = _date(_cell(cells, names, column), line, column, reading)
        if date is None:
            return None
        return Proposal(rule.item, label, date.isoformat(), f"{date:%d-%m-%Y}", rule.columns[0])
    total = _sum(rule.columns, names, rows, reading, label)
    if total is None:
        return None
    source = " + ".join(rule.columns)
    if rule.share_of is None:
        return Proposal(rule.item, label, total, str(total), source)
    whole = _sum([rule.share_of], names, rows, reading, label)
    if not whole:
        if whole == 0:
            reading.problems.append(f"{label}: {rule.share_of} is 0; geen percentage te maken.")
        return None
    decimals = item.decimals if isinstance(item, PercentageItem) else 1
    share = round(100 * total / whole, decimals)
    shown = f"{share:.{decimals}f}".replace(".", ",") + "%"
    return Proposal(rule.item, label, share, shown, f"({source}) / {rule.share_of} × 100")


def _cell(cells: list[str], names: list[str], column: str) -> str:
    at = names.index(column)
    return cells[at].strip() if at < len(cells) else ""


def _sum(
    columns: list[str],
    names: list[str],
    rows: list[tuple[int, list[str]]],
    reading: DuoReading,
    label: str,
) -> int | None:
    total = 0
    for line, cells in rows:
        for column in columns:
            text = _cell(cells, names, _header(column))
            if text.startswith("<"):
                reading.problems.append(
                    f"{label}: DUO schermt kolom {column} af ('{text}', te weinig leerlingen om "
                    "te tonen); vul dit zelf in."
                )
                return None
            if not text.isdigit():
                reading.problems.append(
                    f"Regel {line}, kolom {column}: '{text}' is geen aantal; {label} is niet "
                    "voorgesteld."
                )
                return None
            total += int(text)
    return total
