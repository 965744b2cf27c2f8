"""What goes into a batch of documents, in one place for the web page and the command line.

Every selected school of an SWV with its latest adopted or published profile of one
school year (the latest such edition) gives one PDF per kind, named by
`services.file_name`; `inhoud.txt` lists each school with what was included or why it was
skipped. The documents come from `services.document_pdf`, so each is rendered once and
stored; a second batch reuses them. Only where the files go differs: a ZIP for the
background task (documents/tasks.py), a folder for `opensop documents build`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from opensop.cycle.terms import TermsBook
from opensop.documents import services
from opensop.documents.models import BatchKinds, DocumentBatch, Kind, schools_in_words
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile
from opensop.refused import Refused

CONTENTS = "inhoud.txt"
SCHOOL_YEAR = re.compile(r"^(\d{4})(?:-(\d{4}))?$")

Write = Callable[[str, bytes], None]  # a file's name and bytes, into a ZIP or a folder


class SelectionError(Refused, ValueError):
    """A year or SWV that cannot be asked for; the message is Dutch and says why."""


class DocumentFailedError(Exception):
    """One document could not be made; the message names it (Dutch)."""

    def __init__(self, school: School, kind: Kind) -> None:
        super().__init__(
            f"het document '{kind.label}' van {school.name} ({school.code}) kon niet gemaakt worden"
        )


def school_year(text: str) -> str:
    """'2025' or '2025-2026' as the school year '2025-2026'."""
    match = SCHOOL_YEAR.match(text.strip())
    first = int(match.group(1)) if match else 0
    if match is None or (match.group(2) and int(match.group(2)) != first + 1):
        raise SelectionError(
            f"'{text}' is geen schooljaar; schrijf het als 2025-2026 (of alleen 2025)."
        )
    return f"{first}-{first + 1}"


def swv_by_code(code: str) -> Swv:
    """The SWV with this code, however it is spaced or capitalised ('PO 31-06', 'po31-06')."""

    def squeezed(text: str) -> str:
        return re.sub(r"[^0-9A-Z]", "", text.upper())

    found = [swv for swv in Swv.objects.all() if squeezed(swv.code) == squeezed(code)]
    if len(found) != 1:
        known = ", ".join(Swv.objects.values_list("code", flat=True)) or "geen"
        raise SelectionError(f"Samenwerkingsverband '{code}' is niet bekend (bekend: {known}).")
    return found[0]


@dataclass(frozen=True)
class Selection:
    swv: Swv
    school_year: str
    kinds: tuple[Kind, ...]
    board: Board | None = None
    school_ids: frozenset[int] = frozenset()  # empty: every school (of the board)

    @classmethod
    def of(cls, batch: DocumentBatch) -> Selection:
        return cls(
            swv=batch.swv,
            school_year=batch.school_year,
            kinds=BatchKinds(batch.kinds).kinds,
            board=batch.board,
            school_ids=frozenset(batch.schools.values_list("pk", flat=True)),
        )

    def schools(self) -> QuerySet[School]:
        schools = School.objects.filter(swv=self.swv).select_related("board", "swv")
        if self.board is not None:
            schools = schools.filter(board=self.board)
        if self.school_ids:
            schools = schools.filter(pk__in=self.school_ids)
        return schools.order_by("name", "brin", "location")

    def describe(self) -> str:
        return schools_in_words(self.board, len(self.school_ids))


@dataclass(frozen=True)
class SchoolResult:
    school: School
    profile: Profile | None  # the latest adopted or published edition of the year
    files: tuple[str, ...]
    latest_state: str = ""  # when skipped: the state of the year's latest profile, if any

    @property
    def skipped(self) -> bool:
        return self.profile is None

    def reason(self, year: str) -> str:
        if self.latest_state:
            return f"het profiel voor {year} is nog niet vastgesteld (status: {self.latest_state})"
        return f"geen profiel voor {year}"


@dataclass(frozen=True)
class Outcome:
    selection: Selection
    results: list[SchoolResult]

    @property
    def skipped(self) -> list[SchoolResult]:
        return [r for r in self.results if r.skipped]

    @property
    def files(self) -> int:
        return sum(len(r.files) for r in self.results)


Progress = Callable[[SchoolResult, int, int], None]  # a school's result, how many done, of how many


def plan(selection: Selection) -> list[tuple[School, Profile | None, str]]:
    """Each selected school with its latest adopted-or-published profile of the year (or None)
    and the state of the year's latest profile: three queries, however many schools."""
    schools = list(selection.schools())
    profiles = (
        Profile.objects.filter(school__in=schools, school_year=selection.school_year)
        .select_related("school__board", "school__swv")
        .order_by("school_id", "-edition")
    )
    book = TermsBook([selection.swv.pk])
    frozen: dict[int, Profile] = {}
    latest: dict[int, Profile] = {}
    for profile in profiles:
        latest.setdefault(profile.school_id, profile)
        if profile.state in services.FROZEN:
            frozen.setdefault(profile.school_id, profile)
    return [
        (
            school,
            frozen.get(school.pk),
            book.state_label(school.swv_id, latest[school.pk]) if school.pk in latest else "",
        )
        for school in schools
    ]


def build(selection: Selection, write: Write, progress: Progress | None = None) -> Outcome:
    """Write every selected school's documents and inhoud.txt; report each school as it is done."""
    rows = plan(selection)
    used = {CONTENTS}
    results = []
    for number, (school, profile, latest_state) in enumerate(rows, start=1):
        files = _write_documents(profile, selection.kinds, write, used) if profile else ()
        result = SchoolResult(school, profile, files, "" if profile else latest_state)
        results.append(result)
        if progress is not None:
            progress(result, number, len(rows))
    outcome = Outcome(selection, results)
    write(CONTENTS, contents(outcome).encode("utf-8"))
    return outcome


def _write_documents(
    profile: Profile, kinds: tuple[Kind, ...], write: Write, used: set[str]
) -> tuple[str, ...]:
    names = []
    for kind in kinds:
        try:
            pdf = services.document_pdf(profile, kind)
        except Exception as exc:
            raise DocumentFailedError(profile.school, kind) from exc
        name = _unique(services.file_name(profile, kind), used)
        write(name, pdf)
        names.append(name)
    return tuple(names)


def _unique(name: str, used: set[str]) -> str:
    """School codes make names unique already; this keeps it so whatever a name holds."""
    stem, _, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}.{extension}", number + 1
    used.add(candidate)
    return candidate


def contents(outcome: Outcome) -> str:
    selection = outcome.selection
    year = selection.school_year
    book = TermsBook([selection.swv.pk])
    included = [r for r in outcome.results if not r.skipped]
    lines = [
        f"Documenten van samenwerkingsverband {selection.swv.code} {selection.swv.name}",
        f"Schooljaar: {year}",
        f"Documenten: {' en '.join(str(kind.label) for kind in selection.kinds)}",
        f"Scholen: {selection.describe()}",
        f"Gemaakt op: {timezone.localtime():%Y-%m-%d %H:%M}",
        "",
        "Per school het laatste vastgestelde of gepubliceerde profiel van dit schooljaar.",
        f"{len(included)} van {len(outcome.results)} scholen opgenomen, "
        f"{len(outcome.skipped)} overgeslagen.",
    ]
    if included:
        lines += ["", "Opgenomen:"]
        for result in included:
            assert result.profile is not None
            edition = f", versie {result.profile.edition}" if result.profile.edition > 1 else ""
            state = book.state_label(selection.swv.pk, result.profile)
            lines.append(f"- {result.school.name} ({result.school.code}{edition}, {state}):")
            lines += [f"    {name}" for name in result.files]
    if outcome.skipped:
        lines += ["", "Overgeslagen:"]
        lines += [f"- {r.school.name} ({r.school.code}): {r.reason(year)}" for r in outcome.skipped]
    return "\n".join(lines) + "\n"


@contextmanager
def zip_writer(handle: IO[bytes]) -> Iterator[Write]:
    """Write into a ZIP (deflate) on `handle`; complete once the block ends without error."""
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        yield archive.writestr


def folder_writer(folder: Path) -> Write:
    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    return write


def zip_name(batch: DocumentBatch) -> str:
    """E.g. PO-31-06-documenten-2025-2026.zip; with a board filter its name follows."""
    code = re.sub(r"[^0-9A-Za-z]+", "-", batch.swv.code).strip("-")
    board = f"-{slugify(batch.board.name)}" if batch.board is not None else ""
    return f"{code}-documenten-{batch.school_year}{board}.zip"
