"""The mistakes a format author makes each get a Dutch message that says where."""

from __future__ import annotations

import pytest

from opensop.formats.loader import DefinitionError, parse_definition
from tests.formats.conftest import FORMAT_HEADER

SECTION_START = """\
sections:
  - number: "1"
    title: Proef
    items:
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(text, "fout.yaml")
    return [problem.render() for problem in caught.value.problems]


def test_unknown_item_kind_names_line_and_choices() -> None:
    text = FORMAT_HEADER + SECTION_START + "      - {key: a, kind: slider, label: A}\n"
    [problem] = problems_of(text)
    assert problem.startswith(
        "fout.yaml:10: sections[0].items[0]: onbekende soort 'slider'; kies uit"
    )
    assert "'yes_no_grid'" in problem


def test_duplicate_item_key_names_both_places() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: naam, kind: text, label: Naam}\n"
        + "      - {key: naam, kind: text, label: Naam nogmaals}\n"
    )
    [problem] = problems_of(text)
    assert problem == (
        "fout.yaml:11: sections[0].items[1].key: sleutel 'naam' komt meer dan eens voor (ook in sectie 1)"
    )


def test_duplicate_yaml_key_is_a_syntax_problem_with_line() -> None:
    text = FORMAT_HEADER + "title: Nog een titel\n" + SECTION_START
    [problem] = problems_of(text)
    assert problem == "fout.yaml:6: sleutel 'title' komt twee keer voor"


def test_norm_naming_a_missing_item() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: score, kind: scale, label: S, levels: [{value: 1, label: '1'}, {value: 2, label: '2'}]}\n"
        + "norms:\n"
        + "  - key: n1\n    title: N\n    statement: Minstens 2.\n"
        + "    rule: {kind: min_score, items: [score, scroe], min: 2}\n"
    )
    [problem] = problems_of(text)
    assert problem == "fout.yaml:15: norms[0].rule: norm 'n1': onbekend item 'scroe'"


def test_yaml_syntax_error_names_the_line() -> None:
    text = FORMAT_HEADER + SECTION_START + "      - {key: a, kind: text, label: [A\n"
    [problem] = problems_of(text)
    assert problem.startswith("fout.yaml:")
    assert "geen geldige YAML" in problem


def test_scale_without_levels() -> None:
    text = FORMAT_HEADER + SECTION_START + "      - {key: s, kind: scale, label: S}\n"
    [problem] = problems_of(text)
    assert problem == "fout.yaml:10: sections[0].items[0].levels: verplicht veld 'levels' ontbreekt"


def test_scale_with_one_level() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: s, kind: scale, label: S, levels: [{value: 1, label: '1'}]}\n"
    )
    [problem] = problems_of(text)
    assert (
        problem == "fout.yaml:10: sections[0].items[0].levels: moet minstens 2 element(en) hebben"
    )


def test_unknown_field_is_named() -> None:
    text = (
        FORMAT_HEADER + SECTION_START + "      - {key: a, kind: text, label: A, requierd: true}\n"
    )
    [problem] = problems_of(text)
    assert problem == "fout.yaml:10: sections[0].items[0].requierd: onbekend veld 'requierd'"


def test_missing_header_field() -> None:
    text = (
        FORMAT_HEADER.replace("sector: PO\n", "")
        + SECTION_START
        + "      - {key: a, kind: text, label: A}\n"
    )
    [problem] = problems_of(text)
    assert problem == "fout.yaml:1: sector: verplicht veld 'sector' ontbreekt"


def test_support_need_outside_the_vocabulary() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: lift, kind: yes_no, label: Lift}\n"
        + "support_needs:\n  sources:\n    - {kind: yes_no, need: lift_aanwezig, item: lift}\n"
    )
    [problem] = problems_of(text)
    assert problem == (
        "fout.yaml:13: support_needs.sources[0].need: "
        "'lift_aanwezig' staat niet in de lijst van ondersteuningsbehoeften"
    )


def test_condition_on_an_unknown_option() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: k, kind: choice, label: K, options: [{value: a, label: A}, {value: b, label: B}]}\n"
        + "      - {key: t, kind: text, label: T, show_if: {item: k, equals: c}}\n"
    )
    [problem] = problems_of(text)
    assert (
        problem == "fout.yaml:11: sections[0].items[1].show_if: item 't': 'c' is geen optie van 'k'"
    )


def test_grid_norm_on_a_row_the_grid_lacks() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - key: g\n        kind: yes_no_grid\n        label: G\n"
        + "        rows: [{key: r1, label: R1}]\n        columns: [{key: c1, label: C1}]\n"
        + "norms:\n  - key: n\n    title: N\n    statement: S\n"
        + "    rule: {kind: grid_all_yes, item: g, rows: [r1, r2]}\n"
    )
    [problem] = problems_of(text)
    assert problem.endswith("norms[0].rule: norm 'n': 'g' heeft geen rij 'r2'")


def test_text_that_is_not_a_mapping() -> None:
    [problem] = problems_of("- gewoon een lijst\n")
    assert problem == "fout.yaml:1: een formaat is een YAML-mapping"


def test_option_of_a_nested_condition_is_checked() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: k, kind: choice, label: K, options: [{value: a, label: A}, {value: b, label: B}]}\n"
        + "      - {key: t, kind: text, label: T, show_if: {any: [{item: k, equals: a}, {item: k, equals: zz}]}}\n"
    )
    [problem] = problems_of(text)
    assert problem.endswith("item 't': 'zz' is geen optie van 'k'")


def test_duplicate_section_number_names_the_second_one() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: a, kind: text, label: A}\n  - number: '1'\n    title: Weer\n"
    )
    [problem] = problems_of(text)
    assert problem == "fout.yaml:11: sections[1].number: sectienummer '1' komt meer dan eens voor"


def test_constraint_message_with_an_unknown_placeholder() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: a, kind: integer, label: A}\n"
        + "computed: [{key: s, label: S, sum: [a]}]\n"
        + "constraints: [{kind: sum_equals, key: c, computed: s, value: 1, message: 'Fout in {totaal}'}]\n"
    )
    [problem] = problems_of(text)
    assert "onbekende plaatshouder(s) ['totaal']" in problem
    assert problem.startswith("fout.yaml:12: constraints[0]")


def test_equals_norm_with_a_value_the_item_can_never_have() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: a, kind: integer, label: A}\n"
        + "norms: [{key: n, title: N, statement: S, rule: {kind: equals, items: [a], value: tien}}]\n"
    )
    [problem] = problems_of(text)
    assert problem.endswith("'a' is een getal; 'tien' kan nooit het antwoord zijn")


def test_wrong_sector_lists_the_choices_in_dutch() -> None:
    text = FORMAT_HEADER.replace("sector: PO", "sector: MBO") + SECTION_START
    problems = problems_of(text + "      - {key: a, kind: text, label: A}\n")
    assert problems == ["fout.yaml:4: sector: 'MBO' is niet toegestaan; kies uit 'PO' of 'VO'"]


def test_document_settings_name_existing_answers() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: samenvatting, kind: long_text, label: Samenvatting}\n"
        + "      - {key: basis, kind: fixed_text, label: Basis, text: Tekst van het SWV}\n"
        + "documents:\n"
        + "  summary:\n"
        + "    school_text: samenvating\n"
        + "    contact: [basis]\n"
    )
    problems = problems_of(text)
    assert (
        "fout.yaml:15: documents.summary.contact[0]: 'basis' is een vaste tekst; " in (problems[0])
    )
    assert problems[1].startswith(
        "fout.yaml:14: documents.summary.school_text: onbekend item 'samenvating'"
    )


def test_chapter_settings_name_existing_answers() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: grenzen, kind: long_text, label: Wat wij niet bieden}\n"
        + "documents:\n"
        + "  chapter:\n"
        + "    limits: [grenzen, grenze]\n"
    )
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].startswith(
        "fout.yaml:13: documents.chapter.limits[1]: onbekend item 'grenze'"
    )
