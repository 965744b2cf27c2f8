"""Turning a YAML definition into a checked `FormatDefinition`, or Dutch messages with lines.

Pydantic checks the shape; `checks` adds what a schema cannot say (unique keys,
references between items, norms and needs). Every failure is a `Problem` with
file and line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from opensop.formats import checks
from opensop.formats.definition import FormatDefinition
from opensop.formats.source import (
    LineMap,
    Path,
    PathPart,
    Problem,
    SourceError,
    format_path,
    load_yaml,
)
from opensop.formats.vocabulary import Vocabulary, default_vocabulary
from opensop.refused import Refused


class DefinitionError(Refused):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


def load_definition_file(path: FilePath, vocabulary: Vocabulary | None = None) -> FormatDefinition:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(
            [Problem(message=f"bestand kan niet gelezen worden ({exc})", file=str(path))]
        ) from exc
    return parse_definition(text, str(path), vocabulary)


def parse_definition(
    text: str, file: str | None = None, vocabulary: Vocabulary | None = None
) -> FormatDefinition:
    try:
        data, lines = load_yaml(text, file)
    except SourceError as exc:
        raise DefinitionError(exc.problems) from exc
    if not isinstance(data, dict):
        raise DefinitionError(
            [Problem(message="een formaat is een YAML-mapping", file=file, line=1)]
        )
    try:
        definition = FormatDefinition.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(
            [_problem_from_pydantic(err, data, lines, file) for err in exc.errors()]
        ) from exc
    problems = [
        Problem(
            message=finding.message,
            path=format_path(finding.path),
            line=lines.line_of(finding.path),
            file=file,
        )
        for finding in checks.check_definition(definition, vocabulary or default_vocabulary())
    ]
    if problems:
        raise DefinitionError(problems)
    return definition


# --------------------------------------------------------------------------- pydantic → Dutch


def _problem_from_pydantic(
    error: ErrorDetails, data: Any, lines: LineMap, file: str | None
) -> Problem:
    path = _data_path(error["loc"], data)
    return Problem(
        message=_dutch_message(error),
        path=format_path(path),
        line=lines.line_of(path),
        file=file,
    )


def _data_path(loc: Sequence[Any], data: Any) -> Path:
    """Follow `loc` through the data, dropping the union tags pydantic adds to it."""
    path: list[PathPart] = []
    node = data
    for position, part in enumerate(loc):
        key = _FIELD_ALIASES.get(part, part) if isinstance(node, dict) else part
        if isinstance(node, dict) and key in node:
            path.append(key)
            node = node[key]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif position == len(loc) - 1 and not _is_tag(part, node):
            path.append(part)  # a missing or unknown field: name it
    return tuple(path)


_FIELD_ALIASES = {"all_of": "all", "any_of": "any", "negated": "not"}


def _is_tag(part: Any, node: Any) -> bool:
    return isinstance(node, dict) and node.get("kind") == part


def _dutch_message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field = error["loc"][-1] if error["loc"] else ""
    value = error.get("input")
    expected = str(ctx.get("expected", "")).replace(" or ", " of ")
    messages: dict[str, str] = {
        "missing": f"verplicht veld '{field}' ontbreekt",
        "extra_forbidden": f"onbekend veld '{field}'",
        "union_tag_invalid": (
            f"onbekende soort '{ctx.get('tag')}'; kies uit {ctx.get('expected_tags')}"
        ),
        "union_tag_not_found": "'kind' ontbreekt: zeg welke soort dit is",
        "string_pattern_mismatch": (
            f"'{value}' is geen geldige sleutel of code (patroon {ctx.get('pattern')})"
        ),
        "string_too_short": "mag niet leeg zijn",
        "too_short": f"moet minstens {ctx.get('min_length')} element(en) hebben",
        "int_type": "moet een geheel getal zijn",
        "int_parsing": "moet een geheel getal zijn",
        "int_from_float": "moet een geheel getal zijn",
        "float_type": "moet een getal zijn",
        "float_parsing": "moet een getal zijn",
        "bool_type": "moet true of false zijn",
        "bool_parsing": "moet true of false zijn",
        "string_type": "moet tekst zijn",
        "list_type": "moet een lijst zijn",
        "dict_type": "moet een mapping (sleutel: waarde) zijn",
        "model_type": "moet een mapping (sleutel: waarde) zijn",
        "model_attributes_type": "moet een mapping (sleutel: waarde) zijn",
        "enum": f"'{value}' is niet toegestaan; kies uit {expected}",
        "literal_error": f"'{value}' is niet toegestaan; kies uit {expected}",
        "greater_than": f"moet groter zijn dan {ctx.get('gt')}",
        "greater_than_equal": f"moet minstens {ctx.get('ge')} zijn",
        "less_than_equal": f"mag hoogstens {ctx.get('le')} zijn",
        "value_error": str(ctx.get("error", error["msg"])),
    }
    return messages.get(kind, f"ongeldige waarde ({error['msg']})")
