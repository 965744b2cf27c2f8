"""Reading DUO's open-data CSV of school locations (Django-free).

Both generations of DUO files are read: the legacy "etalagebestanden" (`BRIN NUMMER`,
`VESTIGINGSNUMMER`, `;`-separated, Windows-1252) and the current CKAN files
(`INSTELLINGSCODE`, `VESTIGINGSCODE`, probably `,` and UTF-8). Header names drift between
years, so they are compared trimmed, in capitals, with `_`, `-` and spaces as one.
Every row that cannot become a school is kept with its row number and the reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from opensop.imports.errors import DEFAULT_MAX_BYTES, UnreadableFileError, check_size

BRIN = re.compile(r"^\d{2}[A-Z]{2}$", re.ASCII)
LOCATION = re.compile(r"^\d{1,2}$", re.ASCII)
BOARD_NUMBER = re.compile(r"^\d{1,5}$", re.ASCII)
POSTCODE = re.compile(r"^([1-9]\d{3}) ?([A-Z]{2})$", re.ASCII)

# Our field → the header names DUO used for it over the years (normalised, see _header).
COLUMNS: dict[str, tuple[str, ...]] = {
    "brin": ("BRIN NUMMER", "BRINNUMMER", "INSTELLINGSCODE"),
    "location": ("VESTIGINGSNUMMER", "VESTIGINSNUMMER", "VESTIGINGS NUMMER", "VESTIGINGSCODE"),
    "name": (
        "VESTIGINGSNAAM",
        "INSTELLINGSNAAM VESTIGING",
        "INSTELLINGSNAAM",
        "NAAM",
    ),
    "street": ("STRAATNAAM", "STRAAT"),
    "house_number": ("HUISNUMMER TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE", "POSTCODE VESTIGING"),
    "city": ("PLAATSNAAM", "PLAATS"),
    "municipality": ("GEMEENTENAAM", "GEMEENTE"),
    "board_number": ("BEVOEGD GEZAG NUMMER", "BEVOEGDGEZAGNUMMER", "BESTUURSNUMMER"),
    "board_name": ("BEVOEGD GEZAG NAAM", "BESTUURSNAAM"),
    "swv_code": (
        "ADMINISTRATIENUMMER",
        "SAMENWERKINGSVERBAND",
        "CODE SAMENWERKINGSVERBAND",
        "SWV CODE",
        "SWV",
    ),
}
REQUIRED = ("brin", "name")
DELIMITERS = (";", ",", "\t")
MAX_FIELD = 10_000  # a wider cell is no register cell; also keeps csv from choking


@dataclass(frozen=True)
class RegisterRow:
    """One school location as the register states it."""

    line: int  # the row number as a spreadsheet shows it (the header is usually row 1)
    brin: str
    location: str
    name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    board_number: str = ""
    board_name: str = ""
    swv_code: str = ""

    @property
    def code(self) -> str:
        return f"{self.brin}{self.location}"


@dataclass(frozen=True)
class SkippedRow:
    line: int
    reason: str
    name: str = ""


@dataclass
class RegisterFile:
    rows: list[RegisterRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # our fields the file has a column for

    @property
    def has_swv_column(self) -> bool:
        return "swv_code" in self.columns


def read_register(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> RegisterFile:
    """The rows of a DUO school-location CSV; `UnreadableFileError` for a file that is none."""
    check_size(data, max_bytes)
    text = _decode(data)
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise UnreadableFileError("Het bestand bevat alleen witruimte.")
    delimiter = max(DELIMITERS, key=header_line.count)
    try:
        records = list(_records(text, delimiter))
    except csv.Error as exc:
        raise UnreadableFileError(f"Dit is geen leesbaar CSV-bestand ({exc}).") from exc
    header = records[0][1]
    columns = _columns(header)
    result = RegisterFile(columns=set(columns))
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        row = _row(line, cells, columns)
        if isinstance(row, SkippedRow):
            result.skipped.append(row)
        else:
            result.rows.append(row)
    _skip_duplicates(result)
    return result


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise UnreadableFileError(
            "Dit is geen CSV-bestand (het bevat binaire gegevens). Sla het op als CSV en "
            "probeer het opnieuw."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # DUO's legacy files are Windows-1252; a few bytes are undefined there.
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            "De tekens in dit bestand zijn niet te lezen: het is geen UTF-8 en geen "
            "Windows-1252 (de tekensets van DUO)."
        ) from exc


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    for cells in reader:
        if any(len(cell) > MAX_FIELD for cell in cells):
            raise UnreadableFileError(
                f"Regel {reader.line_num} heeft een cel van meer dan {MAX_FIELD} tekens; "
                "dit is geen register van scholen."
            )
        if cells:
            yield reader.line_num, cells


def _header(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().upper()).strip()


def _columns(header: list[str]) -> dict[str, int]:
    """Our field → its column index; `UnreadableFileError` when a required one is missing."""
    names = [_header(cell) for cell in header]
    found: dict[str, int] = {}
    for ours, theirs in COLUMNS.items():
        index = next((names.index(alias) for alias in theirs if alias in names), None)
        if index is not None:
            found[ours] = index
    missing = [ours for ours in REQUIRED if ours not in found]
    if missing:
        expected = " en ".join(f"'{COLUMNS[m][0]}' (of '{COLUMNS[m][-1]}')" for m in missing)
        raise UnreadableFileError(
            f"De eerste regel mist de kolom {expected}. Is dit het bestand met de "
            "schoolvestigingen van DUO?"
        )
    return found


def _row(line: int, cells: list[str], columns: dict[str, int]) -> RegisterRow | SkippedRow:
    def cell(ours: str) -> str:
        index = columns.get(ours)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = " ".join(cell("name").split())
    brin = cell("brin").upper().replace(" ", "")
    if not BRIN.match(brin):
        shown = f"'{brin}'" if brin else "leeg"
        return SkippedRow(line, f"brinnummer {shown} is geen 2 cijfers en 2 letters", name)
    location = _location(brin, cell("location").upper().replace(" ", ""))
    if location is None:
        return SkippedRow(line, f"vestigingsnummer '{cell('location')}' is ongeldig", name)
    if not name:
        return SkippedRow(line, "de naam van de school ontbreekt")
    board_number = cell("board_number")
    if board_number and not BOARD_NUMBER.match(board_number):
        return SkippedRow(line, f"bevoegd-gezagnummer '{board_number}' is geen getal", name)
    return RegisterRow(
        line=line,
        brin=brin,
        location=location,
        name=name[:200],
        street=" ".join(f"{cell('street')} {cell('house_number')}".split())[:200],
        postcode=_postcode(cell("postcode")),
        city=place_name(cell("city"))[:100],
        municipality=place_name(cell("municipality"))[:100],
        board_number=board_number.zfill(5) if board_number else "",
        board_name=" ".join(cell("board_name").split())[:200],
        swv_code=cell("swv_code")[:20],
    )


def _location(brin: str, code: str) -> str | None:
    """`16AH00` in address files, `0` or `00` in others, absent in main-location files."""
    if not code:
        return "00"
    if len(code) == 6 and code.startswith(brin):
        code = code[4:]
    return code.zfill(2) if LOCATION.match(code) else None


def _postcode(text: str) -> str:
    match = POSTCODE.match(text.upper().replace("  ", " "))
    return f"{match.group(1)} {match.group(2)}" if match else ""


SMALL_WORDS = {"aan", "de", "den", "der", "en", "in", "op", "bij", "van", "het", "ter", "te"}


def place_name(text: str) -> str:
    """DUO writes places in capitals: 'VALKENBURG AAN DE GEUL' → 'Valkenburg aan de Geul'."""
    if not text or not text.isupper():
        return " ".join(text.split())

    def word(index: int, part: str) -> str:
        lower = part.lower()
        if lower in {"'s", "'t"} or (index > 0 and lower in SMALL_WORDS):
            return lower
        return "-".join(p[:1].upper() + p[1:] for p in lower.split("-"))

    return " ".join(word(i, part) for i, part in enumerate(text.split()))


def _skip_duplicates(result: RegisterFile) -> None:
    seen: dict[str, int] = {}
    kept: list[RegisterRow] = []
    for row in result.rows:
        if row.code in seen:
            result.skipped.append(
                SkippedRow(row.line, f"{row.code} staat al op regel {seen[row.code]}", row.name)
            )
        else:
            seen[row.code] = row.line
            kept.append(row)
    result.rows = kept
    result.skipped.sort(key=lambda s: s.line)


def same_swv(code: str, other: str) -> bool:
    """SWV codes come as 'PO 31-06', 'PO3106', 'SWV PO 31-06': compare letters and digits."""

    def core(text: str) -> str:
        return re.sub(r"[^A-Z0-9]", "", text.upper()).removeprefix("SWV")

    return core(code) == core(other)
