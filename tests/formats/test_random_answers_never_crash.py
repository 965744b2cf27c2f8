"""Property: whatever a school (or a broken importer) sends, checking never crashes."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensop.formats.definition import FormatDefinition
from opensop.formats.profile import check_profile_text, evaluate_answers
from opensop.formats.registry import FormatRegistry
from opensop.formats.report import render_json, render_text

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["aanwezig", "deels", "in_ontwikkeling", "2025-10-01", "99AB", "ja"]),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(
                    ["rows", "extra_rows", "offers", "own", "label", "cells", "group", "state"]
                ),
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def item_keys(definition: FormatDefinition) -> list[str]:
    return list(definition.entries)


def answers_for(definition: FormatDefinition) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(item_keys(definition)), json_values, max_size=12)


def assert_checks_cleanly(definition: FormatDefinition, answers: dict[str, Any]) -> None:
    result = evaluate_answers(definition, answers)
    render_text(result)
    render_json(result)
    for problem in result.errors:
        assert problem.message
        assert problem.path.startswith(("answers", "constraints"))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_answers_for_zuid_limburg(
    zuid_limburg: FormatDefinition, data: st.DataObject
) -> None:
    assert_checks_cleanly(zuid_limburg, data.draw(answers_for(zuid_limburg)))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_answers_for_zuid_kennemerland(
    zuid_kennemerland: FormatDefinition, data: st.DataObject
) -> None:
    assert_checks_cleanly(zuid_kennemerland, data.draw(answers_for(zuid_kennemerland)))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=json_values)
def test_answers_that_are_not_a_mapping(zuid_limburg: FormatDefinition, answers: Any) -> None:
    result = evaluate_answers(zuid_limburg, answers)
    if answers and not isinstance(answers, dict):
        assert not result.valid


yaml_text = st.text(
    alphabet=st.sampled_from([*"abc:-[]{}&*!|>'\"#%@`,?\n 0123456789.<~", "\t", "é", "\x07"]),
    max_size=120,
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tail=yaml_text)
def test_random_yaml_text_never_crashes(registry: FormatRegistry, tail: str) -> None:
    text = "format: zuid-limburg-po\nversion: 1\nanswers:\n  " + tail
    result = check_profile_text(text, registry, "random.yaml")
    render_text(result)
    render_json(result)
