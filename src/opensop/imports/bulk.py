"""A whole SWV's filled PDF forms at once: each file matched to a school by BRIN or name,
then imported, left for review, or refused, with the reason per file.

Each file is its own transaction: one bad file does not hold back the others, and a
file is never half imported. Nothing is written for a file that needs review.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.formats.definition import FormatDefinition
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import FormMapping, map_form, normalise
from opensop.imports.form_services import _safe_name, max_bytes
from opensop.imports.models import ImportedForm
from opensop.imports.pdf_form import FormField, read_form_fields
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of, registry
from opensop.workflow import services as workflow

SURE_NAME = 0.9  # a school's name this close, and no other as close, is the school


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


class BulkImportRefusedError(Exception):
    """The user may not import forms in bulk for this SWV; the message is Dutch."""


def import_forms(
    swv: Swv,
    user: AnyUser | None,
    files: list[tuple[str, bytes]],
    *,
    school_year: str | None = None,
) -> list[FileReport]:
    """Import each (name, data) for a school of `swv`; `user` None is the command line.
    `school_year` is used for forms that state none."""
    if user is not None and not access.may_import_forms_in_bulk(user, swv):
        raise BulkImportRefusedError(
            "Alleen de medewerkers van het samenwerkingsverband lezen formulieren in bulk in."
        )
    definition = registry().get(swv.format_id, swv.format_version)
    if definition is None:
        raise UnreadableFileError(f"Het formaat van {swv} is niet bekend.")
    return [
        _one(swv, user, definition, name=name, data=data, school_year=school_year)
        for name, data in files
    ]


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
    except (UnreadableFileError, workflow.WorkflowError) as exc:
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
    if not scored or scored[0][0] < 0.6:
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
    profile = school.profiles.filter(school_year=year).order_by("-edition").first()
    if profile is not None and profile.state != State.CONCEPT:
        return FileReport(
            name,
            BulkOutcome.REVIEW,
            f"het profiel {year} is niet meer in concept; maak een correctie en lees het "
            "formulier daar in",
            str(school),
            profile.pk,
        )
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
    source = _save(school, user, mapping, profile=profile, year=year, name=name, data=data)
    return FileReport(
        name, BulkOutcome.IMPORTED, "", str(school), source.profile_id, source.answers_taken
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
    mapping: FormMapping,
    *,
    profile: Profile | None,
    year: str,
    name: str,
    data: bytes,
) -> ImportedForm:
    stored: str | None = None
    try:
        with transaction.atomic():
            target = workflow.save_imported_answers(
                school.pk,
                year,
                mapping.answers,
                user,
                base_revision=profile.revision if profile else None,
            )
            source = ImportedForm(
                profile=target,
                revision=target.revision,
                original_name=name[:200],
                sha256=hashlib.sha256(data).hexdigest(),
                answers_taken=len(mapping.answers),
                imported_by=access.as_user(user) if user is not None else None,
            )
            source.file.save(_safe_name(name), ContentFile(data), save=False)
            stored = source.file.name
            source.save()
            return source
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise


def summary(reports: list[FileReport]) -> str:
    counts = {outcome: sum(1 for r in reports if r.outcome == outcome) for outcome in BulkOutcome}
    return ", ".join(f"{counts[o]} {o}" for o in BulkOutcome)
