"""Checking a whole profile: its answer file, its answers, computed values, norms and needs.

This is the one entry point the command line, the importers and the web app use,
so they all give the same verdict on the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import applicable_answers, check_answers, missing_required
from opensop.formats.computed import ComputedValues, check_constraints, compute
from opensop.formats.definition import FormatDefinition
from opensop.formats.needs import NeedLevel, support_levels
from opensop.formats.norms import NormResult, Outcome, evaluate_norms
from opensop.formats.registry import FormatRegistry
from opensop.formats.source import LineMap, Problem, SourceError, load_yaml

DOCUMENT_KEYS = ("format", "version", "school_year", "school", "answers")
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass
class ProfileCheck:
    definition: FormatDefinition | None = None
    school_year: str | None = None
    school: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    missing: list[Problem] = field(default_factory=list)
    computed: ComputedValues = field(default_factory=ComputedValues)
    norms: list[NormResult] = field(default_factory=list)
    needs: dict[str, NeedLevel] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def complete(self) -> bool:
        return self.valid and not self.missing

    @property
    def meets_all_norms(self) -> bool:
        return all(result.outcome is Outcome.VOLDOET for result in self.norms)

    @property
    def passed(self) -> bool:
        return self.valid and self.meets_all_norms


def evaluate_answers(
    definition: FormatDefinition,
    answers: Mapping[str, Any] | None,
    lines: LineMap | None = None,
    file: str | None = None,
) -> ProfileCheck:
    """Validate answers given in `definition` and evaluate everything derived from them."""
    checked = check_answers(definition, answers, lines, file)
    result = ProfileCheck(definition=definition, values=checked.values)
    result.errors.extend(checked.errors)
    result.warnings.extend(checked.warnings)
    applicable = applicable_answers(definition, checked.values)
    result.computed = compute(definition, applicable)
    result.errors.extend(
        Problem(message=p.message, path=p.path, where=p.where, file=file)
        for p in check_constraints(definition, result.computed)
    )
    result.missing = missing_required(definition, applicable)
    result.norms = evaluate_norms(definition, applicable)
    result.needs = support_levels(definition, applicable)
    return result


def check_profile_text(
    text: str, registry: FormatRegistry, file: str | None = None
) -> ProfileCheck:
    """Read an answer file (YAML or JSON) and check it against the format version it names."""
    try:
        data, lines = load_yaml(text, file)
    except SourceError as exc:
        return ProfileCheck(errors=exc.problems)
    problems, definition = _document_header(data, lines, registry, file)
    if definition is None:
        return ProfileCheck(errors=problems)
    result = evaluate_answers(definition, data.get("answers"), lines, file)
    result.errors[:0] = problems
    year, school = data.get("school_year"), data.get("school")
    result.school_year = year if _valid_school_year(year) else None
    result.school = school if isinstance(school, dict) else {}
    return result


def _document_header(
    data: Any, lines: LineMap, registry: FormatRegistry, file: str | None
) -> tuple[list[Problem], FormatDefinition | None]:
    def problem(message: str, key: str = "") -> Problem:
        line = lines.line_of((key,)) if key else 1
        return Problem(message=message, path=key, line=line, file=file)

    if not isinstance(data, dict):
        return [problem("een antwoordbestand is een mapping met format, version en answers")], None
    problems = [
        problem(f"onbekend veld '{key}'; toegestaan zijn {', '.join(DOCUMENT_KEYS)}", str(key))
        for key in data
        if key not in DOCUMENT_KEYS
    ]
    format_id, version = data.get("format"), data.get("version")
    if not isinstance(format_id, str) or isinstance(version, bool) or not isinstance(version, int):
        problems.append(
            problem("noem het formaat (format) en de versie (version, een geheel getal)")
        )
        return problems, None
    definition = registry.get(format_id, version)
    if definition is None:
        known = registry.versions(format_id)
        hint = (
            f"bekende versies: {', '.join(map(str, known))}" if known else "dit formaat is onbekend"
        )
        problems.append(
            problem(f"formaat {format_id} versie {version} bestaat niet ({hint})", "version")
        )
        return problems, None
    year = data.get("school_year")
    if year is not None and not _valid_school_year(year):
        problems.append(
            problem(f"schooljaar '{year}' moet de vorm 2025-2026 hebben", "school_year")
        )
    school = data.get("school")
    if school is not None and not isinstance(school, dict):
        problems.append(problem("school moet een mapping zijn (brin, name)", "school"))
    return problems, definition


def _valid_school_year(year: object) -> bool:
    match = SCHOOL_YEAR.match(str(year))
    return match is not None and int(match.group(2)) == int(match.group(1)) + 1
