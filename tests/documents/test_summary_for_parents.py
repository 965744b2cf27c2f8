"""“In één oogopslag”: one A4 page in plain Dutch, whatever the school typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from opensop.documents import content
from opensop.formats.definition import LongTextItem
from opensop.formats.profile import evaluate_answers
from tests.documents.conftest import (
    Rendered,
    answers,
    definition,
    facts,
    logo_data_url,
    render,
)


@pytest.fixture(scope="module")
def summary_po(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    doc = content.summary(definition("po"), answers("po"), facts("po", concept=False))
    return render(doc, tmp_path_factory.mktemp("sum") / "po.pdf")


def test_one_page_with_the_school_its_levels_and_contact(summary_po: Rendered) -> None:
    assert summary_po.pages == 1
    text = summary_po.words()
    assert "De Verscheidenheid" in text
    assert "Ondersteuning in één oogopslag · schooljaar 2025-2026" in text
    assert "Over onze school" in text
    assert isinstance(summary_po.doc, content.Summary)
    for need in summary_po.doc.needs:
        assert f"{need.name} {need.label}" in text
    assert "Vragen over ondersteuning?" in text
    # The school's general contact; its director only where the school chose so (below).
    assert "Telefoon: 045 123 45 67" in text
    assert "Email: info@deverscheidenheid.nl" in text
    assert "Directeur" not in text
    assert "mw. A. Janssen" not in text
    assert "https://sop.example.nl/profielen/1/document/profiel/" in text


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_contact_person_only_where_the_school_chose_so(family: str) -> None:
    person = {"po": "mw. A. Janssen", "vo": "mw. L. de Vries"}[family]
    hidden = content.summary(definition(family), answers(family), facts(family, concept=False))
    shown = content.summary(
        definition(family),
        answers(family),
        facts(family, concept=False, shows_contact_person=True),
    )
    assert person not in str(hidden.contact)
    assert person in str(shown.contact)
    if family == "vo":  # the format's contact is the person's e-mail and phone: all personal
        assert hidden.contact == []
        assert ("E-mail voor vragen over ondersteuning", "zorg@voorbeeldlyceum.nl") in shown.contact


def test_levels_read_without_colour(summary_po: Rendered) -> None:
    assert isinstance(summary_po.doc, content.Summary)
    rows = {need.label: need.marks for need in summary_po.doc.needs if need.level is not None}
    assert rows.get("specialistisch", "■■■") == "■■■"
    assert rows.get("geen", "□□□") == "□□□"
    assert "geen, in ontwikkeling, aanwezig, specialistisch" in summary_po.words()


def longest(family: str) -> dict[str, object]:
    """The longest content a school can save: every text at the format's own limits."""
    form = definition(family)
    settings = form.documents.summary
    filled = dict(answers(family))
    for key in [settings.school_text, *settings.extra_support, *settings.contact]:
        assert key is not None
        item = form.item(key)
        if isinstance(item, LongTextItem):
            line = ("Wij bieden ondersteuning op maat met een lange uitleg " * 3)[: item.line_width]
            filled[key] = "\n".join([line.strip()] * (item.max_lines or 40))
        elif item.kind == "text":
            filled[key] = ("mw. A. van den Berg-Janssen en dhr. B. de Vries " * 6)[:200]
    assert evaluate_answers(form, filled).errors == []  # valid: a school can really save this
    return filled


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_longest_content_still_fits_and_points_to_the_full_profile(
    family: str, tmp_path: Path
) -> None:
    doc = content.summary(
        definition(family),
        longest(family),
        facts(
            family,
            concept=True,
            school_name="X" * 60,
            logo=logo_data_url(),
            shows_contact_person=True,  # the longest contact: the person's too
        ),
    )
    rendered = render(doc, tmp_path / "longest.pdf")
    assert rendered.pages == 1
    text = rendered.words()
    assert "Het volledige schoolondersteuningsprofiel: https://sop.example.nl/" in text
    if doc.extra_support_left_out:
        assert f"En nog {doc.extra_support_left_out} andere" in text
    assert "CONCEPT" in text
