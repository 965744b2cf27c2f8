"""The support levels in plain words (B1), for parents: one place for every public page."""

from __future__ import annotations

from dataclasses import dataclass

from opensop.formats.summary import level_of


@dataclass(frozen=True)
class LevelWords:
    code: str  # "specialistisch" … "geen", or "onbekend"
    label: str  # as shown in a table cell
    meaning: str  # one plain sentence


UNKNOWN = LevelWords(
    "onbekend", "Onbekend", "De school heeft hier in haar profiel niets over ingevuld."
)

LEVELS: tuple[LevelWords, ...] = (
    LevelWords(
        "specialistisch",
        "Specialistisch",
        "De school heeft hier extra kennis voor, bijvoorbeeld een leraar met een speciale "
        "opleiding. Zij kan ook kinderen helpen die veel hulp nodig hebben.",
    ),
    LevelWords(
        "aanwezig",
        "Aanwezig",
        "De school geeft deze hulp. Er is een plan voor en de leraren weten hoe het moet.",
    ),
    LevelWords(
        "in_ontwikkeling",
        "In ontwikkeling",
        "De school is bezig deze hulp op te zetten. Het is er nog niet helemaal.",
    ),
    LevelWords(
        "geen",
        "Geen",
        "De school geeft deze hulp (nog) niet. Vraag de school wat zij wel kan doen.",
    ),
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
