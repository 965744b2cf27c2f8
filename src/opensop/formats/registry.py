"""Where format definitions live: the built-in ones, and any folder an SWV adds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from opensop.formats.definition import FormatDefinition
from opensop.formats.loader import DefinitionError, load_definition_file
from opensop.formats.source import Problem


def builtin_format_dir() -> Path:
    return Path(str(resources.files("opensop.formats").joinpath("data/formats")))


def definition_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.yaml"))


@dataclass
class FormatRegistry:
    """All known format versions by (id, version)."""

    formats: dict[tuple[str, int], FormatDefinition] = field(default_factory=dict)

    @classmethod
    def from_dirs(cls, directories: Iterable[Path]) -> FormatRegistry:
        registry = cls()
        problems: list[Problem] = []
        for directory in directories:
            for path in definition_files(directory):
                try:
                    definition = load_definition_file(path)
                except DefinitionError as exc:
                    problems.extend(exc.problems)
                    continue
                if registry.get(definition.id, definition.version) is not None:
                    problems.append(
                        Problem(
                            message=f"{definition.ref} bestaat al; kies een andere id of versie",
                            file=str(path),
                        )
                    )
                    continue
                registry.add(definition)
        if problems:
            raise DefinitionError(problems)
        return registry

    @classmethod
    def builtin(cls, extra: Iterable[Path] = ()) -> FormatRegistry:
        return cls.from_dirs([builtin_format_dir(), *extra])

    def add(self, definition: FormatDefinition) -> None:
        self.formats[(definition.id, definition.version)] = definition

    def get(self, format_id: str, version: int) -> FormatDefinition | None:
        return self.formats.get((format_id, version))

    def versions(self, format_id: str) -> list[int]:
        return sorted(v for (fid, v) in self.formats if fid == format_id)

    def __iter__(self) -> Iterator[FormatDefinition]:
        return iter(sorted(self.formats.values(), key=lambda d: (d.id, d.version)))
