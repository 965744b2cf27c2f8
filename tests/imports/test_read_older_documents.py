"""The reader of older profile documents (seed-002 family), without Django: every offer of
the seed and its state comes through, from text and from a PDF's text layer."""

from __future__ import annotations

import io
import zipfile

import pytest

from opensop.formats.definition import FormatDefinition, OfferState
from opensop.formats.registry import FormatRegistry
from opensop.imports.document_mapping import OfferOutcome, map_document, similarity, themes
from opensop.imports.document_text import read_document_text
from opensop.imports.errors import UnreadableFileError
from tests.imports.document_maker import pdf_of, scan_pdf, seed_docx, seed_pdf, seed_text


@pytest.fixture(scope="module")
def kennemerland() -> FormatDefinition:
    definition = FormatRegistry.builtin().get("zuid-kennemerland-vo", 1)
    assert definition is not None
    return definition


# The seed's offers with a marker; every other offer is there without one.
MARKED = {
    "faalangstexamen": OfferState.IN_ONTWIKKELING,  # (i.o)
    "mediation": OfferState.IN_ONTWIKKELING,
    "rouwverwerking": OfferState.IN_ONTWIKKELING,
    "eetproblematiek": OfferState.IN_ONTWIKKELING,
    "flipping_the_classroom": OfferState.IN_ONTWIKKELING,  # (i.o.)
    "compacten_verdiepen_verrijken": OfferState.IN_ONTWIKKELING,
    "rolstoeltoegankelijkheid": OfferState.DEELS,
    "lift": OfferState.DEELS,
}


def _check_every_seed_offer(definition: FormatDefinition, text: str) -> None:
    mapping = map_document(definition, text, {})
    assert mapping.themes_missing == []
    assert len(mapping.themes_found) == 9
    catalogue = {o.key: t.item.key for t in themes(definition) for o in t.item.catalogue}
    assert [o.outcome for o in mapping.offers] == [OfferOutcome.TAKEN] * len(catalogue)
    found = {(o.item_key, o.offer_key): o.state for o in mapping.offers}
    assert set(found) == {(item, key) for key, item in catalogue.items()}
    for (_, key), state in found.items():
        assert state == MARKED.get(key, OfferState.AANWEZIG), key
    answers = mapping.answers()
    assert answers["aanbod_toegankelijkheid"] == {
        "offers": {"rolstoeltoegankelijkheid": "deels", "lift": "deels"},
        "own": [],
    }


def test_every_offer_of_the_seed_text_comes_through_with_its_state(
    kennemerland: FormatDefinition,
) -> None:
    text = read_document_text(seed_text().encode("utf-8"))
    _check_every_seed_offer(kennemerland, text)


def test_every_offer_of_the_seed_comes_through_from_a_pdf_with_text(
    kennemerland: FormatDefinition,
) -> None:
    _check_every_seed_offer(kennemerland, read_document_text(seed_pdf()))


def test_every_offer_of_the_seed_comes_through_from_a_word_document(
    kennemerland: FormatDefinition,
) -> None:
    # Bullets drawn by Word, wrapped offers as one paragraph, one theme as a table.
    text = read_document_text(seed_docx())
    assert "Pagina 1" not in text  # the footer is no part of a theme
    assert "School Testcollege" in text  # a table row reads as one line
    _check_every_seed_offer(kennemerland, text)


def test_windows_1252_text_is_read_too(kennemerland: FormatDefinition) -> None:
    text = read_document_text(seed_text().encode("cp1252", errors="replace"))
    assert "Daarnaast bieden wij" in text
    assert map_document(kennemerland, text, {}).count(OfferOutcome.TAKEN) > 55


def test_base_text_is_not_read_as_offers(kennemerland: FormatDefinition) -> None:
    mapping = map_document(kennemerland, seed_text(), {})
    texts = " ".join(o.text for o in mapping.offers)
    assert "verzuimprotocol" not in texts  # a '-' line of the SWV's base text
    assert "voor de ouders" not in texts  # '(deels) voor de ouders' in the base text


ALTERED = """Zorg voor een veilig schoolklimaat
Basisondersteuning Zuid-Kennemerland:
De school zorgt voor een sociaal en veilig klimaat.
Daarnaast bieden wij:
• Camera-toezicht
• SCHOOLPLEIN TOEZICHT (i.o.)
• een veiligheidscoordinatr
• een vertrouwenspersoon voor leerlingen en medewerkers (deels)
• een klimaatteam van leerlingen (i.o)
"""


def test_offers_match_tolerantly_and_the_rest_is_the_schools_own(
    kennemerland: FormatDefinition,
) -> None:
    mapping = map_document(kennemerland, ALTERED, {})
    got = [(o.text, o.outcome, o.offer_key, o.state) for o in mapping.offers]
    assert got == [
        ("Camera-toezicht", OfferOutcome.TAKEN, "cameratoezicht", OfferState.AANWEZIG),
        (
            "SCHOOLPLEIN TOEZICHT",
            OfferOutcome.TAKEN,
            "toezicht_schoolplein",
            OfferState.IN_ONTWIKKELING,
        ),
        ("een veiligheidscoordinatr", OfferOutcome.TAKEN, "veiligheidscoordinator", "aanwezig"),
        (
            "een vertrouwenspersoon voor leerlingen en medewerkers",
            OfferOutcome.UNSURE,
            "vertrouwenspersoon_medewerkers",
            OfferState.DEELS,
        ),
        ("een klimaatteam van leerlingen", OfferOutcome.OWN, "", OfferState.IN_ONTWIKKELING),
    ]
    assert mapping.themes_missing  # the other eight themes are not in this excerpt
    answer = mapping.answers()["aanbod_veiligheid"]
    assert answer["own"] == [
        {"label": "een vertrouwenspersoon voor leerlingen en medewerkers", "state": "deels"},
        {"label": "een klimaatteam van leerlingen", "state": "in_ontwikkeling"},
    ]
    accepted = mapping.answers([mapping.offers[3].ref])["aanbod_veiligheid"]
    assert accepted["offers"]["vertrouwenspersoon_medewerkers"] == "deels"
    assert len(accepted["own"]) == 1


def test_a_filled_checklist_is_a_conflict_the_user_decides(
    kennemerland: FormatDefinition,
) -> None:
    existing = {"aanbod_veiligheid": {"offers": {"cameratoezicht": "aanwezig"}, "own": []}}
    mapping = map_document(kennemerland, ALTERED, existing)
    assert mapping.conflicts() == ["aanbod_veiligheid"]
    assert mapping.answers_to_save() == {}
    assert "aanbod_veiligheid" in mapping.answers_to_save(["aanbod_veiligheid"])


def test_word_order_and_punctuation_do_not_matter() -> None:
    assert similarity("toezicht schoolplein", "Schoolplein, toezicht!") == 1.0
    assert similarity("regelkaart voor dyslexie", "eetproblematiek") < 0.5


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _compound(*streams: str) -> bytes:
    """The start of an OLE compound file (a .doc, or a .docx saved with a password, whose
    zip sits encrypted in a stream 'EncryptedPackage'), with its directory's names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)


def _docx_without_text() -> bytes:
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.add_paragraph("   ")
    document.add_table(rows=1, cols=2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_with_broken_body() -> bytes:
    with zipfile.ZipFile(io.BytesIO(seed_docx())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = files["word/document.xml"][:500]
    return _zip(files)


BAD_WORD = {
    "word truncated": (lambda: seed_docx()[:3000], "Word-bestand is beschadigd"),
    "word broken body": (_docx_with_broken_body, "Word-bestand is beschadigd"),
    "word with password": (
        lambda: _compound("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "Word-bestand is beveiligd met een wachtwoord",
    ),
    "old word .doc": (lambda: _compound("Root Entry", "WordDocument"), r"oude formaat \(\.doc\)"),
    "word without text": (_docx_without_text, "In dit Word-document staat geen tekst"),
    "excel": (lambda: _zip({"xl/workbook.xml": b"<workbook/>"}), "geen Word-document"),
    "zip bomb": (
        lambda: _zip({"word/document.xml": b"<w/>", "big": bytes(101_000_000)}),
        "meer dan 100 MB",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_WORD))
def test_bad_word_files_are_refused_in_plain_dutch(case: str) -> None:
    make, message = BAD_WORD[case]
    with pytest.raises(UnreadableFileError, match=message):
        read_document_text(make())


BAD = {
    "empty": (b"", "Het bestand is leeg"),
    "zip": (b"PK\x03\x04rest of a docx", "Word-bestand is beschadigd"),
    "binary": (b"\x00\x01\x02\x03" * 50, "geen PDF- of tekstbestand"),
    "truncated": (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "het einde ontbreekt"),
    "broken": (b"%PDF-1.7\nnonsense\n%%EOF\n", "beschadigd of onvolledig"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_are_refused_in_plain_dutch(case: str) -> None:
    data, message = BAD[case]
    with pytest.raises(UnreadableFileError, match=message):
        read_document_text(data)


def test_a_scan_without_text_is_said_to_be_one() -> None:
    with pytest.raises(UnreadableFileError, match="Dit is een scan zonder tekstlaag"):
        read_document_text(scan_pdf())


def test_another_document_is_refused(kennemerland: FormatDefinition) -> None:
    text = read_document_text(pdf_of("Notulen van de MR\nAanwezig: iedereen\n• koffie"))
    with pytest.raises(UnreadableFileError, match="geen enkel thema van het formaat"):
        map_document(kennemerland, text, {})
