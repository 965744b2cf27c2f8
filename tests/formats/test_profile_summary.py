"""A profile's summary for the regional overview: norms, needs and how complete it is."""

from __future__ import annotations

from opensop.formats.definition import FormatDefinition, SupportLevel
from opensop.formats.profile import evaluate_answers
from opensop.formats.source import load_yaml
from opensop.formats.summary import level_of, offers_at_least, summarise
from tests.formats.conftest import EXAMPLES


def _answers(format_id: str, example: str) -> dict[str, object]:
    data, _ = load_yaml((EXAMPLES / format_id / f"{example}.yaml").read_text("utf-8"))
    answers: dict[str, object] = data["answers"]
    return answers


def test_a_complete_profile_that_meets_every_norm(zuid_limburg: FormatDefinition) -> None:
    summary = summarise(evaluate_answers(zuid_limburg, _answers("zuid-limburg-po", "voldoet")))
    assert set(summary.norms) == {norm.key for norm in zuid_limburg.norms}
    assert set(summary.norms.values()) == {"voldoet"}
    assert summary.needs["dyslexie"] == "specialistisch"
    assert summary.needs["fysieke_toegankelijkheid"] == "geen"
    assert summary.needs["medisch"] is None
    assert (summary.missing_required, summary.completeness, summary.complete) == (0, 100, True)


def test_an_empty_profile_is_incomplete_everywhere(zuid_kennemerland: FormatDefinition) -> None:
    summary = summarise(evaluate_answers(zuid_kennemerland, {}))
    assert set(summary.norms.values()) == {"onvolledig"}
    assert summary.completeness == 0
    assert summary.missing_required == 8
    assert summary.as_dict()["complete"] is False


def test_a_half_filled_profile_counts_what_is_answered(zuid_kennemerland: FormatDefinition) -> None:
    answers = _answers("zuid-kennemerland-vo", "onvolledig")
    summary = summarise(evaluate_answers(zuid_kennemerland, answers))
    assert summary.missing_required == 1
    assert 0 < summary.completeness < 100


def test_levels_read_back_from_their_codes() -> None:
    assert level_of("in_ontwikkeling") is SupportLevel.IN_ONTWIKKELING
    assert level_of(None) is None
    assert offers_at_least("specialistisch")
    assert offers_at_least("aanwezig")
    assert not offers_at_least("in_ontwikkeling")
    assert not offers_at_least(None)
