"""The support levels in plain words (B1), for parents, as every public page shows them (the
words themselves are the core's: formats/level_words.py)."""

from __future__ import annotations

from dataclasses import dataclass

from opensop.formats.level_words import PARENT_MEANINGS, WORDS, Audience
from opensop.formats.level_words import UNKNOWN as UNKNOWN_CODE
from opensop.formats.summary import level_of


@dataclass(frozen=True)
class LevelWords:
    code: str  # "specialistisch" … "geen", or "onbekend"
    label: str  # as shown in a table cell
    meaning: str  # one plain sentence


def _for_parents(code: str) -> LevelWords:
    return LevelWords(code, WORDS[Audience.PARENTS][code], PARENT_MEANINGS[code])


UNKNOWN = _for_parents(UNKNOWN_CODE)

# Highest first, as the explanation page lists them.
LEVELS: tuple[LevelWords, ...] = (
    *(_for_parents(code) for code in ("specialistisch", "aanwezig", "in_ontwikkeling", "geen")),
    UNKNOWN,
)

_BY_CODE = {level.code: level for level in LEVELS}


def words_for(code: str | None) -> LevelWords:
    """The plain words for a stored level code (None: onbekend)."""
    return UNKNOWN if code is None else _BY_CODE.get(code, UNKNOWN)


def rank(code: str | None) -> int:
    """For sorting: specialistisch highest, onbekend lowest."""
    level = level_of(code) if code in _BY_CODE and code != "onbekend" else None
    return -1 if level is None else int(level)
