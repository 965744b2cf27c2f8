"""The shared support-need vocabulary, and matching a parent's or a school's words to it."""

from __future__ import annotations

import pytest

from opensop.formats.vocabulary import default_vocabulary, parse_vocabulary

REQUIRED_NEEDS = {
    "dyslexie",
    "dyscalculie",
    "meer_hoogbegaafdheid",
    "gedrag_sociale_veiligheid",
    "ass",
    "adhd",
    "faalangst",
    "sociaal_emotioneel",
    "taal_nt2",
    "fysieke_toegankelijkheid",
    "medisch",
    "executieve_functies",
    "leer_ontwikkelingsproblemen",
}


def test_the_vocabulary_has_every_need_the_region_asks_about() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.codes >= REQUIRED_NEEDS
    for need in vocabulary.needs:
        assert need.name, need.code
        assert need.synonyms, need.code


@pytest.mark.parametrize(
    ("words", "need"),
    [
        ("hoogbegaafd", "meer_hoogbegaafdheid"),
        ("ADHD", "adhd"),
        ("rolstoel", "fysieke_toegankelijkheid"),
        ("dyslectisch", "dyslexie"),
        ("Mijn kind is dyslectische en faalangstig", "dyslexie"),
        ("Autisme", "ass"),
        ("programma voor hoogbegaafden", "meer_hoogbegaafdheid"),
        ("Rolstoeltoegankelijkheid", "fysieke_toegankelijkheid"),
        ("Nederlands als tweede taal", "taal_nt2"),
    ],
)
def test_words_lead_to_the_right_need(words: str, need: str) -> None:
    assert need in default_vocabulary().match(words)


def test_short_words_do_not_match_inside_others() -> None:
    # "add" is a synonym of AD(H)D; "toevoegen" or "ladder" must not match it.
    assert "adhd" not in default_vocabulary().match("ladder en padden")


def test_duplicate_need_code_is_refused() -> None:
    text = "version: 1\nneeds:\n  - {code: a, name: A}\n  - {code: a, name: B}\n"
    with pytest.raises(ValueError, match="komt twee keer voor: a"):
        parse_vocabulary(text)
