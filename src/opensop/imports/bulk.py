"""A whole SWV's filled PDF forms, or its older profile documents, at once: each file
matched to a school by BRIN or name, then imported, left for review, or refused, with the
reason per file.

Each file is its own transaction: one bad file does not hold back the others, and a
file is never half imported. Nothing is written for a file that needs review.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import PurePath
from typing import Any

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.formats.definition import FormatDefinition
from opensop.imports.document_mapping import OfferOutcome, map_document
from opensop.imports.document_text import read_document_text
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import FormMapping, map_form, normalise
from opensop.imports.form_services import max_bytes
from opensop.imports.models import ImportedForm
from opensop.imports.pdf_form import FormField, read_form_fields
from opensop.imports.sources import import_transaction
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of, registry
from opensop.refused import Refused
from opensop.workflow import services as workflow

SURE_NAME = 0.9  # a school's name this close, and no other as close, is the school
LIKELY_NAME = 0.6  # below this a name is not the school's at all
# Where a document names its school and year: near the top (the title page), or its file name.
HEAD = 3000
BRIN = re.compile(r"(?<![0-9A-Z])(\d{2}[A-Z]{2})(?:\d{2})?(?![A-Z])")
YEAR = re.compile(r"(?<!\d)(20\d{2})\s*[-–/]\s*(20\d{2})(?!\d)")


class BulkKind(enum.StrEnum):
    FORMS = "formulieren"
    DOCUMENTS = "documenten"

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (".pdf",) if self == BulkKind.FORMS else (".pdf", ".docx", ".txt")


class BulkOutcome(enum.StrEnum):
    IMPORTED = "ingelezen"
    REVIEW = "nakijken"
    FAILED = "niet ingelezen"


@dataclass(frozen=True)
class FileReport:
    name: str
    outcome: BulkOutcome
    reason: str = ""
    school: str = ""
    profile_pk: int | None = None
    answers_taken: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, stored: dict[str, Any]) -> FileReport:
        return cls(**(stored | {"outcome": BulkOutcome(stored["outcome"])}))


Progress = Callable[[FileReport, int], None]  # a file's report and how many are done


class BulkImportRefusedError(Refused):
    """The user may not import files in bulk for this SWV; the message is Dutch."""


def check_may_import(swv: Swv, user: AnyUser | None) -> FormatDefinition:
    """The SWV's format, once the user may import in bulk for it; `user` None: command line."""
    if user is not None and not access.may_import_forms_in_bulk(user, swv):
        raise BulkImportRefusedError(
            "Alleen de medewerkers van het samenwerkingsverband lezen bestanden in bulk in."
        )
    definition = registry().get(swv.format_id, swv.format_version)
    if definition is None:
        raise UnreadableFileError(f"Het formaat van {swv} is niet bekend.")
    return definition


def import_files(
    swv: Swv,
    user: AnyUser | None,
    kind: BulkKind,
    files: Iterable[tuple[str, bytes]],
    *,
    school_year: str | None = None,
    progress: Progress | None = None,
) -> list[FileReport]:
    """Import each (name, data) for a school of `swv`, one transaction per file; `user`
    None is the command line. `school_year` is used for files that state none."""
    definition = check_may_import(swv, user)
    one = _one if kind == BulkKind.FORMS else _one_document
    reports = []
    for name, data in files:
        report = one(swv, user, definition, name=name, data=data, school_year=school_year)
        reports.append(report)
        if progress is not None:
            progress(report, len(reports))
    return reports


def import_forms(
    swv: Swv,
    user: AnyUser | None,
    files: list[tuple[str, bytes]],
    *,
    school_year: str | None = None,
) -> list[FileReport]:
    return import_files(swv, user, BulkKind.FORMS, files, school_year=school_year)


def _one(
    swv: Swv,
    user: AnyUser | None,
    definition: FormatDefinition,
    *,
    name: str,
    data: bytes,
    school_year: str | None,
) -> FileReport:
    try:
        fields = read_form_fields(data, max_bytes())
        mapping = map_form(definition, fields, {})
        school, unsure = _school(swv, mapping)
        year = mapping.school_year or school_year
        if year is None:
            raise UnreadableFileError(
                "Het formulier noemt geen schooljaar; geef het schooljaar op bij het inlezen."
            )
        if unsure:
            return FileReport(name, BulkOutcome.REVIEW, unsure, str(school))
        return _import(school, user, fields, year=year, name=name, data=data)
    except Refused as exc:  # this file only: the next one is read all the same
        return FileReport(name, BulkOutcome.FAILED, str(exc))


def _school(swv: Swv, mapping: FormMapping) -> tuple[School, str]:
    """The school the form is of, and why that is unsure ('' when sure)."""
    schools = list(swv.schools.all())
    brin = str(mapping.answers.get("brin") or "").strip().upper()
    by_brin = [s for s in schools if brin and s.brin.upper() == brin]
    if not by_brin and len(brin) > 4:  # 99XA00: the school 99XA, location 00
        by_brin = [s for s in schools if s.brin.upper() == brin[:4]]
    if len(by_brin) == 1:
        return by_brin[0], ""
    name = str(mapping.answers.get("school_naam") or "")
    if not name.strip():
        raise UnreadableFileError(
            f"Het formulier noemt geen school van {swv.code}: geen bekend brinnummer "
            f"{'(' + brin + ') ' if brin else ''}en geen naam."
        )
    scored = sorted(
        ((SequenceMatcher(None, normalise(name), normalise(s.name)).ratio(), s) for s in schools),
        key=lambda pair: -pair[0],
    )
    if not scored or scored[0][0] < LIKELY_NAME:
        raise UnreadableFileError(
            f"Geen school van {swv.code} heet ‘{name}’ of iets wat erop lijkt."
        )
    score, school = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if score >= SURE_NAME and runner_up < SURE_NAME and not brin:
        return school, ""
    why = f"brinnummer {brin} is niet bekend, " if brin else ""
    return school, f"{why}school gevonden op naam (‘{name}’ lijkt op {school.name}): klopt dat?"


def _import(
    school: School,
    user: AnyUser | None,
    fields: list[FormField],
    *,
    year: str,
    name: str,
    data: bytes,
) -> FileReport:
    profile = _latest_of_year(school, year)
    if profile is not None and profile.state != State.CONCEPT:
        return _not_in_concept(school, profile, name, "formulier")
    definition, existing = _target(school, profile)
    mapping = map_form(definition, fields, existing)
    if mapping.conflicts:
        return FileReport(
            name,
            BulkOutcome.REVIEW,
            f"{len(mapping.conflicts)} antwoord(en) wijken af van wat er al staat; lees het "
            "formulier op de pagina van het profiel in om te kiezen",
            str(school),
            profile.pk if profile else None,
        )
    source = _save(school, user, mapping.answers, profile=profile, year=year, name=name, data=data)
    return FileReport(
        name, BulkOutcome.IMPORTED, "", str(school), source.profile_id, source.answers_taken
    )


def _latest_of_year(school: School, year: str) -> Profile | None:
    return school.profiles.filter(school_year=year).order_by("-edition").first()


def _not_in_concept(school: School, profile: Profile, name: str, what: str) -> FileReport:
    """A file for a profile past concept is left for a person: answers are not changed
    behind an adopted profile's back. `what` is "formulier" or "document"."""
    return FileReport(
        name,
        BulkOutcome.REVIEW,
        f"het profiel {profile.school_year} is niet meer in concept; maak een correctie en "
        f"lees het {what} daar in",
        str(school),
        profile.pk,
    )


def _target(school: School, profile: Profile | None) -> tuple[FormatDefinition, dict[str, object]]:
    if profile is not None:
        return format_of(profile), dict(profile.answers)
    definition = registry().get(school.swv.format_id, school.swv.format_version)
    assert definition is not None  # checked for the SWV before any file
    return definition, {}


def _save(
    school: School,
    user: AnyUser | None,
    answers: dict[str, Any],
    *,
    profile: Profile | None,
    year: str,
    name: str,
    data: bytes,
    kind: str = ImportedForm.FORM,
) -> ImportedForm:
    with import_transaction() as keep:
        target = workflow.save_imported_answers(
            school.pk, year, answers, user, base_revision=profile.revision if profile else None
        )
        return keep(target, user, data, name=name, kind=kind, taken=len(answers))


# ------------------------------------------------------------------ older documents


def _one_document(
    swv: Swv,
    user: AnyUser | None,
    definition: FormatDefinition,
    *,
    name: str,
    data: bytes,
    school_year: str | None,
) -> FileReport:
    try:
        text = read_document_text(data, max_bytes())
        if not map_document(definition, text, {}).offers:
            raise UnreadableFileError(
                "In dit document staan de thema’s, maar geen lijst ‘Daarnaast bieden wij’ met "
                "aanbod. Er valt niets over te nemen."
            )
        school, unsure = _document_school(swv, name, text)
        year = _document_year(name, text) or school_year
        if year is None:
            raise UnreadableFileError(
                "Het document noemt geen schooljaar (zoals 2014-2015) in de naam of bovenaan; "
                "geef het schooljaar op bij het inlezen."
            )
        if unsure:
            return FileReport(name, BulkOutcome.REVIEW, unsure, str(school))
        return _import_document(school, user, text, year=year, name=name, data=data)
    except Refused as exc:  # this file only: the next one is read all the same
        return FileReport(name, BulkOutcome.FAILED, str(exc))


def _import_document(
    school: School, user: AnyUser | None, text: str, *, year: str, name: str, data: bytes
) -> FileReport:
    profile = _latest_of_year(school, year)
    if profile is not None and profile.state != State.CONCEPT:
        return _not_in_concept(school, profile, name, "document")
    definition, existing = _target(school, profile)
    mapping = map_document(definition, text, existing)
    if mapping.conflicts():
        return FileReport(
            name,
            BulkOutcome.REVIEW,
            f"bij {len(mapping.conflicts())} thema(’s) staat al ander aanbod in het profiel; lees "
            "het document op de pagina van het profiel in om te kiezen",
            str(school),
            profile.pk if profile else None,
        )
    answers = mapping.answers()
    source = _save(
        school,
        user,
        answers,
        profile=profile,
        year=year,
        name=name,
        data=data,
        kind=ImportedForm.DOCUMENT,
    )
    unsure = mapping.count(OfferOutcome.UNSURE)
    note = (
        f"{unsure} aanbod lijkt op de lijst maar is als eigen aanbod opgenomen; kijk het na"
        if unsure
        else ""
    )
    return FileReport(
        name, BulkOutcome.IMPORTED, note, str(school), source.profile_id, source.answers_taken
    )


def _document_school(swv: Swv, name: str, text: str) -> tuple[School, str]:
    """The school a document is of, by a BRIN in its file name or at its top, else by the
    school's name there; and why that is unsure ('' when sure)."""
    schools = list(swv.schools.all())
    stem, head = PurePath(name).stem, text[:HEAD]
    by_brin = {school.brin.upper(): school for school in schools}
    for place in (stem, head):
        for match in BRIN.finditer(place.upper()):
            if match.group(1) in by_brin:
                return by_brin[match.group(1)], ""
    for place in (stem, head):
        folded = f" {normalise(place.replace('-', ' ').replace('_', ' '))} "
        named = [s for s in schools if f" {normalise(s.name)} " in folded]
        if len(named) == 1:
            return named[0], ""
    candidate = normalise(stem.replace("-", " ").replace("_", " "))
    scored = sorted(
        ((SequenceMatcher(None, candidate, normalise(s.name)).ratio(), s) for s in schools),
        key=lambda pair: -pair[0],
    )
    if not scored or scored[0][0] < LIKELY_NAME:
        raise UnreadableFileError(
            f"Geen school van {swv.code} gevonden in de bestandsnaam of bovenaan het document. "
            "Zet het brinnummer in de bestandsnaam (bijvoorbeeld 99ZK-profiel-2014.pdf)."
        )
    school = scored[0][1]
    return school, f"school gevonden op bestandsnaam (‘{stem}’ lijkt op {school.name}): klopt dat?"


def _document_year(name: str, text: str) -> str | None:
    for place in (PurePath(name).stem, text[:HEAD]):
        for match in YEAR.finditer(place):
            first, second = int(match.group(1)), int(match.group(2))
            if second == first + 1:
                return f"{first}-{second}"
    return None


def summary(reports: list[FileReport]) -> str:
    counts = {outcome: sum(1 for r in reports if r.outcome == outcome) for outcome in BulkOutcome}
    return ", ".join(f"{counts[o]} {o}" for o in BulkOutcome)
