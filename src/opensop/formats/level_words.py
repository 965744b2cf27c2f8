"""The support levels in words, per audience: the one list every page, document and export
takes its words from.

- professionals: the shared scale's own names, in the SWV's pages, exports and the full
  profile;
- parents: plain words (B1) with one sentence of meaning, on the public pages and the
  one-page summary;
- schoolgids: how a school says it in its own chapter ("daar werken wij aan");
- colour: the fill of a level in the Excel exports (the web pages' colours are in the
  stylesheet, with the same meaning).

Keyed by the level's code (`SupportLevel.code`, or "onbekend" where a profile says nothing
of a need), so this module needs nothing of the format model and every layer can read it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

UNKNOWN = "onbekend"


class Audience(enum.StrEnum):
    PROFESSIONALS = "professionals"
    PARENTS = "ouders"
    SCHOOLGIDS = "schoolgids"
    COLOUR = "kleur"


WORDS: Mapping[Audience, Mapping[str, str]] = MappingProxyType(
    {
        Audience.PROFESSIONALS: {
            "geen": "geen",
            "in_ontwikkeling": "in ontwikkeling",
            "aanwezig": "aanwezig",
            "specialistisch": "specialistisch",
            UNKNOWN: "onbekend",
        },
        Audience.PARENTS: {
            "specialistisch": "Specialistisch",
            "aanwezig": "Aanwezig",
            "in_ontwikkeling": "In ontwikkeling",
            "geen": "Geen",
            UNKNOWN: "Onbekend",
        },
        Audience.SCHOOLGIDS: {
            "geen": "geen extra ondersteuning",
            "in_ontwikkeling": "daar werken wij aan",
            "aanwezig": "ja",
            "specialistisch": "ja, ook met specialisten",
        },
        Audience.COLOUR: {
            "geen": "F4C7C8",
            "in_ontwikkeling": "FBE7B5",
            "aanwezig": "C6E5CC",
            "specialistisch": "8CCB99",
        },
    }
)

# For parents, one plain sentence per level: what it means for their child.
PARENT_MEANINGS: Mapping[str, str] = MappingProxyType(
    {
        "specialistisch": (
            "De school heeft hier extra kennis voor, bijvoorbeeld een leraar met een speciale "
            "opleiding. Zij kan ook kinderen helpen die veel hulp nodig hebben."
        ),
        "aanwezig": (
            "De school geeft deze hulp. Er is een plan voor en de leraren weten hoe het moet."
        ),
        "in_ontwikkeling": (
            "De school is bezig deze hulp op te zetten. Het is er nog niet helemaal."
        ),
        "geen": "De school geeft deze hulp (nog) niet. Vraag de school wat zij wel kan doen.",
        UNKNOWN: "De school heeft hier in haar profiel niets over ingevuld.",
    }
)


def level_word(code: str, audience: Audience) -> str:
    """The word for the level `code` ("geen" … "specialistisch", "onbekend") for `audience`."""
    return WORDS[audience][code]
