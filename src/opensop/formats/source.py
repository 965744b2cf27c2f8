"""Reading YAML (or JSON) text while remembering on which line every value stood.

Messages about definitions and answer files must say where the mistake is, so the
loader keeps a map from each value's path to its line next to the plain data.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from opensop.refused import Refused

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

    @property
    def item_key(self) -> str:
        """The answer key this problem is about ("" for problems outside the answers)."""
        parts = self.path.split(".")
        return parts[1].split("[")[0] if len(parts) > 1 and parts[0] == "answers" else ""

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


class SourceError(Refused):
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


# More values than any real profile holds: stops alias bombs ("billion laughs").
MAX_NODES = 200_000


def load_yaml(text: str, file: str | None = None) -> tuple[Any, LineMap]:
    """Parse YAML or JSON text into plain Python data plus the line of every value."""
    yaml = YAML(typ="rt")
    try:
        raw = yaml.load(text)
        lines = LineMap()
        if isinstance(raw, CommentedMap | CommentedSeq):
            lines.lines[()] = raw.lc.line + 1
        data = _Plainer(lines).plain(raw, ())
    except DuplicateKeyError as exc:
        found = re.search(r'duplicate key "([^"]*)"', exc.problem or "")
        name = f"'{found.group(1)}' " if found else ""
        problem = _marked_problem(exc, file, "")
        raise SourceError(
            [Problem(message=f"sleutel {name}komt twee keer voor", line=problem.line, file=file)]
        ) from exc
    except MarkedYAMLError as exc:
        raise SourceError([_marked_problem(exc, file, "geen geldige YAML")]) from exc
    except _TooLargeError as exc:
        message = f"het bestand bevat meer dan {MAX_NODES:,} waarden; te groot om te lezen"
        raise SourceError([Problem(message=message.replace(",", "."), file=file)]) from exc
    except (YAMLError, ValueError, KeyError, TypeError) as exc:
        # e.g. 2025-02-30 or `!!int abc`: the constructor cannot make a value of it.
        message = (
            "geen geldige YAML: een waarde kan niet gelezen worden "
            "(bijvoorbeeld een datum die niet bestaat, zoals 2025-02-30)"
        )
        raise SourceError([Problem(message=message, file=file)]) from exc
    except RecursionError as exc:
        raise SourceError([Problem(message="te diep geneste YAML", file=file)]) from exc
    return data, lines


def _marked_problem(exc: MarkedYAMLError, file: str | None, summary: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    detail = (exc.problem or "").strip()
    return Problem(message=f"{summary} ({detail})" if detail else summary, line=line, file=file)


class _TooLargeError(ValueError):
    pass


@dataclass
class _Plainer:
    """Copies ruamel's round-trip nodes into plain data, noting each value's line."""

    lines: LineMap
    nodes: int = 0

    def plain(self, node: Any, path: Path) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLargeError
        if isinstance(node, CommentedMap):
            return {
                _plain_key(key): self.plain(node[key], self._note(node, path, str(key), key))
                for key in node
            }
        if isinstance(node, CommentedSeq):
            return [
                self.plain(value, self._note(node, path, index, index))
                for index, value in enumerate(node)
            ]
        return _plain_scalar(node)

    def _note(self, node: Any, path: Path, part: PathPart, key: Any) -> Path:
        child = (*path, part)
        try:
            position = node.lc.key(key) if isinstance(part, str) else node.lc.item(key)
            self.lines.lines[child] = position[0] + 1
        except (KeyError, TypeError, IndexError):
            # Merge keys (<<) and !!omap entries carry no position: use the parent's line.
            self.lines.lines[child] = node.lc.line + 1
        return child


def _plain_key(key: Any) -> Any:
    return key if isinstance(key, bool | int) else _plain_scalar(key)


def _plain_scalar(node: Any) -> Any:
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.date):
        # YAML reads 2025-10-01 as a date; answers keep dates as ISO text.
        return node.isoformat()
    # Lone surrogates ("\ud800") cannot be printed or stored: replace them.
    return str(node).encode("utf-8", "replace").decode("utf-8")
