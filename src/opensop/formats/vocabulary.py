"""The shared vocabulary of support needs, and matching free words to it.

Formats differ per region; this list does not. It is what lets a parent's word
("hoogbegaafd", "rolstoel") and a school's own offer text land on the same need.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from opensop.formats.definition import KEY_PATTERN
from opensop.formats.source import load_yaml

# Words this long or longer also match their inflections ("dyslectisch" → "dyslectische").
_PREFIX_MATCH_MIN = 5


class SupportNeed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    description: str = ""
    synonyms: list[str] = Field(default_factory=list)


class _VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    needs: list[SupportNeed] = Field(min_length=1)


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces: for tolerant matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _phrase_in(phrase: tuple[str, ...], words: tuple[str, ...]) -> bool:
    width = len(phrase)
    for start in range(len(words) - width + 1):
        window = words[start : start + width]
        if all(
            w == p or (len(p) >= _PREFIX_MATCH_MIN and w.startswith(p))
            for w, p in zip(window, phrase, strict=True)
        ):
            return True
    return False


@dataclass(frozen=True)
class Vocabulary:
    version: int
    needs: tuple[SupportNeed, ...]

    @functools.cached_property
    def _phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
        for need in self.needs:
            words = {normalise(need.name), normalise(need.code.replace("_", " "))}
            words.update(normalise(s) for s in need.synonyms)
            phrases[need.code] = tuple(tuple(w.split()) for w in sorted(words) if w)
        return phrases

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(n.code for n in self.needs)

    def match(self, text: str) -> list[str]:
        """The needs whose name or synonyms occur in `text`, in vocabulary order."""
        words = tuple(normalise(text).split())
        if not words:
            return []
        return [
            need.code
            for need in self.needs
            if any(_phrase_in(phrase, words) for phrase in self._phrases[need.code])
        ]


def parse_vocabulary(text: str, file: str | None = None) -> Vocabulary:
    data, _ = load_yaml(text, file)
    parsed = _VocabularyFile.model_validate(data)
    counts = Counter(n.code for n in parsed.needs)
    duplicates = sorted(code for code, count in counts.items() if count > 1)
    if duplicates:
        raise ValueError(f"ondersteuningsbehoefte komt twee keer voor: {', '.join(duplicates)}")
    return Vocabulary(version=parsed.version, needs=tuple(parsed.needs))


@functools.cache
def default_vocabulary() -> Vocabulary:
    text = resources.files("opensop.formats").joinpath("data/support_needs.yaml").read_text("utf-8")
    return parse_vocabulary(text, "support_needs.yaml")
