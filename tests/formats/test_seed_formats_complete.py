"""Walk both seed documents and prove every indicator, intervention, row, theme and offer is in its format."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from opensop.formats.definition import (
    ChoiceItem,
    FormatDefinition,
    MultiChoiceItem,
    OfferChecklistItem,
    RepeatingRowsItem,
    ScaleItem,
    TableItem,
    YesNoGridItem,
)
from opensop.formats.vocabulary import normalise
from tests.formats.conftest import SEEDS

SEED_000 = SEEDS / "000_2c47452aecb3b98a.txt"
SEED_002 = SEEDS / "002_c1559dab291bb63c.txt"


def labels_of(definition: FormatDefinition) -> list[str]:
    """Every label a reader sees: items, rows, columns, options, groups, fields, offers."""

    def of_item(item: Any) -> Iterator[str]:
        yield item.label
        yield from item.aliases
        if isinstance(item, ChoiceItem | MultiChoiceItem):
            for option in item.options:
                yield option.label
                yield from option.aliases
        if isinstance(item, YesNoGridItem | TableItem):
            yield from (f"{r.number or ''} {r.label}" for r in item.rows)
            yield from (c.label for c in item.columns)
        if isinstance(item, TableItem):
            yield from (g.label for g in item.groups)
        if isinstance(item, RepeatingRowsItem):
            for field in item.fields:
                yield from of_item(field)
        if isinstance(item, OfferChecklistItem):
            for offer in item.catalogue:
                yield offer.label
                yield from offer.aliases

    found = [section.title for section in definition.all_sections()]
    for entry in definition.entries.values():
        found.extend(of_item(entry.item))
    return [normalise(label) for label in found]


def present(phrase: str, labels: list[str]) -> bool:
    wanted = normalise(phrase)
    return any(wanted in label for label in labels)


def seed_text(path: Any) -> str:
    return str(path.read_text("utf-8"))


# ---------------------------------------------------------------- seed 000, Zuid-Limburg PO


def test_every_care_indicator_of_3_1_with_its_inspection_number(
    zuid_limburg: FormatDefinition,
) -> None:
    text = seed_text(SEED_000)
    block = text[text.index("1.  (1.4)") : text.index("3.2 Ankerpunt:  Planmatig")]
    numbered = re.findall(r"^(\d+)\.\s+\((\d\.\d(?:/\d)?)\)", block, re.MULTILINE)
    assert len(numbered) == 23
    scales = {
        item.number: item
        for item in (e.item for e in zuid_limburg.entries.values() if e.section.number == "3.1")
        if isinstance(item, ScaleItem)
    }
    for number, reference in numbered:
        item = scales[f"{number}."]
        assert item.reference == f"({reference})"
        assert [level.value for level in item.levels] == [1, 2, 3, 4]
        assert f"{item.key}_eigen_oordeel" in zuid_limburg.entries


def test_every_indicator_of_3_2_with_its_percentage_bands(zuid_limburg: FormatDefinition) -> None:
    text = seed_text(SEED_000)
    block = text[text.index("1. Leraren verkennen") : text.index("Percentage van het team")]
    starts = re.findall(r"^(\d+)\. (\S+ \S+ \S+)", block, re.MULTILINE)
    assert [int(n) for n, _ in starts] == list(range(1, 14))
    scales = [e.item for e in zuid_limburg.entries.values() if e.section.number == "3.2"]
    by_number = {item.number: item for item in scales if isinstance(item, ScaleItem)}
    for number, first_words in starts:
        item = by_number[f"{number}."]
        assert normalise(item.label).startswith(normalise(first_words))
        assert [lv.label for lv in item.levels] == ["0–25 %", "26–50 %", "51–75 %", "76–100 %"]


def test_interventions_of_3_3_four_fixed_three_free_four_characteristics(
    zuid_limburg: FormatDefinition,
) -> None:
    grid = zuid_limburg.item("interventies")
    assert isinstance(grid, YesNoGridItem)
    assert [r.number for r in grid.rows] == ["1.", "2.", "3.", "4."]
    assert grid.free_rows == 3  # rows 5–7 of the form
    assert [c.label for c in grid.columns] == [
        "Beleid",
        "Specialisme",
        "Gesloten keten",
        "Proceseigenaar",
    ]
    labels = labels_of(zuid_limburg)
    for phrase in (
        "rekenhulpvragen (dyscalculie)",
        "leeshulpvragen (dyslexie)",
        "meer- en hoogbegaafde leerlingen",
        "sociale veiligheid en het omgaan met verschillen in gedrag",
    ):
        assert present(phrase, labels), phrase


SEED_000_PHRASES = [
    # 2.1
    "School",
    "Adres - straat",
    "Brinnummer",
    "Directeur",
    "Telefoon",
    "Intern begeleider(s)",
    "Bestuur",
    "PO 31-04 (Westelijke Mijnstreek)",
    "PO 31-05 (Maastricht-Heuvelland)",
    "PO 31-06 (Heerlen e.o.)",
    # 2.2
    "≤ 8 jr",
    "> 8 jr",
    "groepen onderbouw",
    "groepen bovenbouw",
    "ondersteuningsniveau 3",
    "ondersteuningsniveau 4",
    "Aantal locaties",
    "Schoolgroep",
    "VMBO basis",
    "VMBO kader",
    "VMBO gemengde leerweg",
    "VMBO theoretische leerweg",
    "VMBO basis/LWOO",
    "VMBO kader/LWOO",
    "PRO",
    "VSO",
    "HAVO/VWO",
    "buitenland",
    "anders",
    "Aantal leerlingen JW",
    "Aantal leerlingen WLZ",
    "Aantal leerlingen ZVW",
    "1K, 1G, 1P, 1R",
    "verwijsindex/jeugdlinq",
    "aangepast vervoer",
    # 2.3
    "Het pedagogisch en didactisch concept",
    "SOP one page",
    # 3.1
    "Basisarrangement",
    "Datum meest recente inspectieoordeel",
    "Oordeel Inspectie",
    "Eigen oordeel",
    # 3.4 autonomous support, board, care hub, network
    "leraar",
    "onderwijsassistent",
    "interne begeleiding",
    "remedial teaching",
    "1. Onderwijs in de groep",
    "2. Ondersteuning in de groep",
    "3. Ondersteuning op school door interne",
    "4. Ondersteuning op school door externe specialisten",
    "informatie",
    "kennis delen",
    "consultatie",
    "observatie",
    "onderzoek",
    "1. Organisatie",
    "Beleidskader Zuid-Limburg toegepast",
    "Knooppunt functioneert",
    "Procedure / werkwijze vastgelegd",
    "Gezamenlijke ontwikkelpunten vastgelegd",
    "2. Deelnemers structureel",
    "JGZ",
    "SMW",
    "Toegang Jeugd",
    "Ouders",
    "3. Deelnemers incidenteel",
    "IVH",
    "MEE",
    "Leerplicht",
    "Leerlingenvervoer",
    "Schoolmaatschappelijk werk",
    "GGZ",
    "Revalidatie(kliniek)",
    "(Kinder)Ziekenhuis",
    "Wetenschap/Kenniscentra",
    "JW",
    "WLZ",
    "ZVW",
    "Overig",
    # 4 and 5
    "Materialen",
    "Aanpak",
    "Gebouw",
    "Anders",
    "Ontwikkeldoel",
    "Activiteiten",
    "Tijdpad",
]


@pytest.mark.parametrize("phrase", SEED_000_PHRASES)
def test_seed_000_label_is_in_the_format(zuid_limburg: FormatDefinition, phrase: str) -> None:
    assert present(phrase, labels_of(zuid_limburg))


def test_seed_000_sections_and_subsections(zuid_limburg: FormatDefinition) -> None:
    numbers = [s.number for s in zuid_limburg.all_sections()]
    for number in ("1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3", "3.4", "4", "5"):
        assert number in numbers


def test_every_field_of_the_filled_pdf_form_is_known(zuid_limburg: FormatDefinition) -> None:
    """The seed ends with one school's form fields; each name must map to an item or option."""
    fields = re.findall(r"^\t([^:\n]+):", seed_text(SEED_000), re.MULTILINE)
    assert len(fields) == 16
    labels = labels_of(zuid_limburg)
    for name in fields:
        assert normalise(name) in labels, name


# ---------------------------------------------------------------- seed 002, Zuid-Kennemerland VO

THEMES = [
    "Samenwerking met ouders en informatie naar de ouders bij zorgtoewijzing",
    "Zorg voor een veilig schoolklimaat",
    "(Ortho)pedagogische en/of orthodidactische programma’s en methodieken",
    "Preventieve ondersteuning en curatieve zorg",
    "Differentiatie",
    "Wijze van overdracht",
    "Registratie in een leerlingvolgsysteem",
    "Fysieke toegankelijkheid van schoolgebouwen",
    "Protocol voor verpleegkundige en medische handelingen",
]
MARKERS = re.compile(r"\s*\((?:i\.o\.?|deels)\)\s*$", re.IGNORECASE)


def seed_002_offers() -> dict[str, list[str]]:
    """Theme → the offers listed under its "Daarnaast bieden wij", markers stripped."""
    text = seed_text(SEED_002)
    offers: dict[str, list[str]] = {}
    for index, theme in enumerate(THEMES):
        start = text.index(theme, text.index("Wij bieden, vanuit"))
        end = text.index(THEMES[index + 1], start) if index + 1 < len(THEMES) else len(text)
        block = text[text.index("Daarnaast bieden wij", start) : end]
        bullets = re.split(r"\n\s*•\s*", "\n" + block)[1:]
        offers[theme] = [MARKERS.sub("", " ".join(b.split())).strip() for b in bullets]
    return offers


def test_seed_002_has_nine_themes_with_base_text_and_checklist(
    zuid_kennemerland: FormatDefinition,
) -> None:
    titles = {normalise(s.title): s for s in zuid_kennemerland.all_sections()}
    for theme in THEMES:
        section = titles[normalise(theme)]
        kinds = [item.kind for item in section.items]
        assert kinds == ["fixed_text", "offer_checklist"], theme
        assert section.items[0].label == "Basisondersteuning Zuid-Kennemerland"
        assert section.items[1].label == "Daarnaast bieden wij"


def test_every_offer_of_seed_002_is_in_its_themes_catalogue(
    zuid_kennemerland: FormatDefinition,
) -> None:
    titles = {normalise(s.title): s for s in zuid_kennemerland.all_sections()}
    offers = seed_002_offers()
    assert [len(v) for v in offers.values()] == [5, 11, 14, 6, 16, 3, 3, 2, 3]
    for theme, listed in offers.items():
        checklist = titles[normalise(theme)].items[1]
        assert isinstance(checklist, OfferChecklistItem)
        catalogue = [normalise(o.label) for o in checklist.catalogue]
        for offer in listed:
            assert normalise(offer) in catalogue, f"{theme}: {offer}"


def test_seed_002_base_texts_are_the_swvs_words(zuid_kennemerland: FormatDefinition) -> None:
    text = normalise(seed_text(SEED_002))
    fixed = [e.item for e in zuid_kennemerland.entries.values() if e.item.kind == "fixed_text"]
    assert len(fixed) >= 9
    for item in fixed:
        first_sentence = normalise(item.text.split(".")[0])  # type: ignore[union-attr]
        assert first_sentence in text, item.key
