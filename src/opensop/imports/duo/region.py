"""One DUO open-data file read in by the SWV for all its schools: per school the values the
file proposes for its concept of the chosen school year, the rows that belong to no school
of the SWV, and the rows that could not be read. Nothing is stored here: the staff member
confirms the report (services.propose_duo_values), then each school confirms or corrects
its own values as when it reads a file in itself (views.duo_upload).

The file is read by imports/duo/figures.py, once per format of the profiles concerned."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from opensop.cycle.terms import TermsBook
from opensop.formats.definition import FormatDefinition
from opensop.imports.duo.figures import DuoFile, DuoReading, figures_of, read_duo_file
from opensop.imports.errors import UnreadableFileError
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import registry

UNMATCHED_SHOWN = 50  # a national file has thousands of other schools: name the first ones


@dataclass
class SchoolFigures:
    school: School
    profile: Profile | None  # the school's latest profile of the year
    reading: DuoReading | None = None
    reason: str = ""  # why nothing is proposed to this school

    @property
    def proposed(self) -> bool:
        return self.reading is not None and bool(self.reading.proposals)


@dataclass
class SwvDuoReport:
    school_year: str
    schools: list[SchoolFigures] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # line, BRIN + location
    unmatched_count: int = 0
    problems: list[str] = field(default_factory=list)  # malformed rows, with line

    @property
    def to_propose(self) -> list[SchoolFigures]:
        return [s for s in self.schools if s.proposed]

    @property
    def source_date(self) -> datetime.date | None:
        return next((s.reading.source_date for s in self.to_propose if s.reading), None)


def read_for_swv(swv: Swv, school_year: str, data: bytes, max_bytes: int) -> SwvDuoReport:
    """The report for `swv`'s schools; `UnreadableFileError` for a file none can use."""
    schools = list(swv.schools.select_related("swv").order_by("name", "pk"))
    latest = _latest_profiles(swv, school_year)
    files: dict[tuple[str, int], tuple[FormatDefinition, DuoFile]] = {}
    report = SwvDuoReport(school_year)
    book = TermsBook([swv.pk])
    for school in schools:
        row = SchoolFigures(school, latest.get(school.pk))
        report.schools.append(row)
        _fill(row, (school_year, book), data, max_bytes, files)
    if not files:
        raise UnreadableFileError(
            f"Geen school van het samenwerkingsverband heeft een profiel in concept voor "
            f"{school_year} waarvan het formaat cijfers uit DUO overneemt."
        )
    first = next(iter(files.values()))[1]
    report.problems = first.problems
    _unmatched(report, first, {(s.brin, s.location) for s in schools})
    if not report.to_propose:
        raise UnreadableFileError(
            "Geen enkele regel in dit bestand hoort bij een school van het samenwerkingsverband "
            f"met een profiel in concept ({report.unmatched_count} regels van andere scholen). "
            "Is het het bestand van de goede sector en het goede jaar?"
        )
    return report


def _latest_profiles(swv: Swv, school_year: str) -> dict[int, Profile]:
    latest: dict[int, Profile] = {}
    profiles = Profile.objects.filter(school__swv=swv, school_year=school_year).order_by(
        "school_id", "edition"
    )
    for profile in profiles:
        latest[profile.school_id] = profile  # later editions overwrite earlier ones
    return latest


def _fill(
    row: SchoolFigures,
    year_words: tuple[str, TermsBook],
    data: bytes,
    max_bytes: int,
    files: dict[tuple[str, int], tuple[FormatDefinition, DuoFile]],
) -> None:
    profile, (school_year, book) = row.profile, year_words
    if profile is None:
        row.reason = f"Nog geen profiel voor {school_year}."
        return
    if profile.state != State.CONCEPT:
        state = book.state_label(row.school.swv_id, profile)
        row.reason = f"Het profiel is niet in concept ({state})."
        return
    ref = (profile.format_id, profile.format_version)
    definition = registry().get(*ref)
    if definition is None or not definition.prefill:
        row.reason = "Het formaat van dit profiel neemt geen cijfers uit DUO over."
        return
    if ref not in files:
        files[ref] = (definition, read_duo_file(data, definition, max_bytes))
    duo_file = files[ref][1]
    rows = duo_file.by_school.get((row.school.brin, row.school.location), [])
    if not rows:
        row.reason = "Geen regel in dit bestand."
        return
    row.reading = figures_of(duo_file, definition, rows)
    if not row.reading.proposals:
        row.reason = "Geen waarde voor te stellen."


def _unmatched(report: SwvDuoReport, duo_file: DuoFile, ours: set[tuple[str, str]]) -> None:
    for (brin, location), rows in duo_file.by_school.items():
        if (brin, location) in ours:
            continue
        report.unmatched_count += len(rows)
        report.unmatched += [(line, f"{brin}{location}") for line, _ in rows]
    report.unmatched.sort()
    del report.unmatched[UNMATCHED_SHOWN:]
