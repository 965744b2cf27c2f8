"""Reading YAML (or JSON) text while remembering on which line every value stood.

Messages about definitions and answer files must say where the mistake is, so the
loader keeps a map from each value's path to its line next to the plain data.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition or an answer file, said in Dutch."""

    message: str
    path: str = ""
    where: str = ""
    line: int | None = None
    file: str | None = None

    def render(self) -> str:
        location = ""
        if self.file:
            location = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            location = f"regel {self.line}: "
        subject = self.where or self.path
        return f"{location}{subject + ': ' if subject else ''}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "path": self.path,
            "where": self.where,
            "line": self.line,
            "file": self.file,
        }


class SourceError(Exception):
    """The text could not be read as YAML at all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems


@dataclass
class LineMap:
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """The line of the deepest part of `path` that exists in the source."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), None)


def format_path(path: Sequence[PathPart]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_yaml(text: str, file: str | None = None) -> tuple[Any, LineMap]:
    """Parse YAML or JSON text into plain Python data plus the line of every value."""
    yaml = YAML(typ="rt")
    try:
        raw = yaml.load(text)
    except DuplicateKeyError as exc:
        raise SourceError([_marked_problem(exc, file, "sleutel komt twee keer voor")]) from exc
    except MarkedYAMLError as exc:
        raise SourceError([_marked_problem(exc, file, "geen geldige YAML")]) from exc
    except ValueError as exc:
        # The YAML constructor turns 2025-02-30 into a date and fails on it.
        message = (
            "geen geldige YAML: een waarde kan niet gelezen worden "
            "(bijvoorbeeld een datum die niet bestaat, zoals 2025-02-30)"
        )
        raise SourceError([Problem(message=message, file=file)]) from exc
    except RecursionError as exc:
        raise SourceError([Problem(message="te diep geneste YAML", file=file)]) from exc
    lines = LineMap()
    try:
        data = _plain(raw, (), lines)
    except RecursionError as exc:
        raise SourceError([Problem(message="te diep geneste YAML", file=file)]) from exc
    return data, lines


def _marked_problem(exc: MarkedYAMLError, file: str | None, summary: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    detail = (exc.problem or "").strip()
    return Problem(message=f"{summary} ({detail})" if detail else summary, line=line, file=file)


def _plain(node: Any, path: Path, lines: LineMap) -> Any:
    if isinstance(node, CommentedMap):
        if () not in lines.lines and not path:
            lines.lines[()] = node.lc.line + 1
        result: dict[Any, Any] = {}
        for key in node:
            key_line = node.lc.key(key)[0] + 1
            lines.lines[(*path, str(key))] = key_line
            result[str(key) if not isinstance(key, bool | int) else key] = _plain(
                node[key], (*path, str(key)), lines
            )
        return result
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        for index, value in enumerate(node):
            lines.lines[(*path, index)] = node.lc.item(index)[0] + 1
            items.append(_plain(value, (*path, index), lines))
        return items
    return _plain_scalar(node)


def _plain_scalar(node: Any) -> Any:
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return node.isoformat()
    if isinstance(node, datetime.date):
        # YAML reads 2025-10-01 as a date; answers keep dates as ISO text.
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, Mapping):
        return {str(k): _plain_scalar(v) for k, v in node.items()}
    return str(node)
