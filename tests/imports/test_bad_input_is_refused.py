"""Bad files get a clear Dutch message and store nothing; no input breaks the readers."""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import Any

import pikepdf
import pytest
from django.core.files.storage import default_storage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensop.formats.answers import check_answers
from opensop.formats.registry import FormatRegistry
from opensop.imports.document_mapping import map_document
from opensop.imports.document_text import read_document_text
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import map_form
from opensop.imports.models import ImportedForm
from opensop.imports.pdf_form import read_form_fields
from opensop.imports.register import read_register
from opensop.profiles.models import Profile
from tests.imports.document_maker import seed_docx, seed_pdf
from tests.imports.pdf_maker import filled_form
from tests.imports.test_read_filled_forms import seed_form
from tests.web.conftest import Region, signed_in


def encrypted(data: bytes) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    return out.getvalue()


def without_fields() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def corrupt(data: bytes) -> bytes:
    return data[:9] + bytes(b ^ 0x5A for b in data[9:])


BAD_PDFS = {
    "leeg": (b"", "Het bestand is leeg."),
    "geen pdf": (b"Beste ouders,\nhierbij het profiel.", "Dit is geen PDF-bestand."),
    "afgebroken": (seed_form()[:700], "beschadigd of onvolledig"),
    "beschadigd": (corrupt(seed_form()), "beschadigd of onvolledig"),
    "met wachtwoord": (encrypted(seed_form()), "beveiligd met een wachtwoord"),
    "zonder velden": (without_fields(), "heeft geen invulvelden"),
    "ander formulier": (
        filled_form({"Naam aanvrager": "J. Jansen", "Kenteken": "AB-12-CD"}),
        "Geen enkel veld van dit formulier hoort bij",
    ),
}


@pytest.mark.parametrize("case", BAD_PDFS)
def test_a_bad_pdf_is_refused_on_the_page_and_nothing_is_stored(
    region: Region, empty_concept: Profile, case: str
) -> None:
    data, message = BAD_PDFS[case]
    file = io.BytesIO(data)
    file.name = "formulier.pdf"
    response = signed_in(region, "editor").post(
        f"/profielen/{empty_concept.pk}/importeren/", {"file": file}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet ingelezen: er is niets opgeslagen" in html
    assert message in html
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {}
    assert not ImportedForm.objects.exists()
    assert not default_storage.exists("imports")


def test_an_oversized_pdf_is_refused_before_it_is_read(
    region: Region, empty_concept: Profile, settings: Any
) -> None:
    settings.OPENSOP_IMPORT_MAX_BYTES = 2_000
    file = io.BytesIO(seed_form())
    file.name = "groot.pdf"
    response = signed_in(region, "editor").post(
        f"/profielen/{empty_concept.pk}/importeren/", {"file": file}
    )
    assert response.status_code == 400
    assert "hoogstens 2 kB kan worden ingelezen" in response.content.decode()


def test_the_reader_enforces_the_limit_itself() -> None:
    with pytest.raises(UnreadableFileError, match="hoogstens 1 kB"):
        read_form_fields(seed_form(), max_bytes=1000)


# ------------------------------------------------------------------ fuzzing

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_FORM = seed_form()


@FUZZ
@given(st.binary(max_size=4000))
def test_no_bytes_break_the_register_reader(data: bytes) -> None:
    with contextlib.suppress(UnreadableFileError):
        read_register(data)


@FUZZ
@given(
    st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=30), min_size=1, max_size=6),
    st.sampled_from([";", ",", "\t"]),
)
def test_no_text_breaks_the_register_reader(cells: list[str], delimiter: str) -> None:
    header = delimiter.join(["BRIN NUMMER", "VESTIGINGSNAAM", "VESTIGINGSNUMMER"])
    data = f"{header}\n{delimiter.join(cells)}\n".encode()
    with contextlib.suppress(UnreadableFileError):
        read_register(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_no_bytes_break_the_form_reader(data: bytes) -> None:
    with contextlib.suppress(UnreadableFileError):
        read_form_fields(b"%PDF-1.7\n" + data + b"\n%%EOF\n")


@FUZZ
@given(st.integers(min_value=0, max_value=len(SEED_FORM) - 1), st.binary(min_size=1, max_size=64))
def test_no_damage_to_a_real_form_breaks_the_reader(at: int, junk: bytes) -> None:
    data = SEED_FORM[:at] + junk + SEED_FORM[at + len(junk) :]
    with contextlib.suppress(UnreadableFileError):
        read_form_fields(data)


@FUZZ
@given(
    values=st.dictionaries(
        st.text(min_size=1, max_size=40),
        st.one_of(st.text(max_size=200), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_no_field_names_or_values_break_the_mapping(
    values: dict[str, Any], zuid_limburg: Any
) -> None:
    with contextlib.suppress(UnreadableFileError):
        map_form(zuid_limburg, read_form_fields(filled_form(values)), {"school_naam": "X"})


# ------------------------------------------------------------------ older documents

SEED_DOCUMENT_PDF = seed_pdf()
KENNEMERLAND = FormatRegistry.builtin().get("zuid-kennemerland-vo", 1)


@FUZZ
@given(st.binary(max_size=2000))
def test_no_bytes_break_the_document_reader(data: bytes) -> None:
    with contextlib.suppress(UnreadableFileError):
        read_document_text(data)
    with contextlib.suppress(UnreadableFileError):
        read_document_text(b"%PDF-1.7\n" + data + b"\n%%EOF\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(SEED_DOCUMENT_PDF) - 1),
    st.binary(min_size=1, max_size=64),
)
def test_no_damage_to_a_real_document_breaks_the_reader(at: int, junk: bytes) -> None:
    data = SEED_DOCUMENT_PDF[:at] + junk + SEED_DOCUMENT_PDF[at + len(junk) :]
    with contextlib.suppress(UnreadableFileError):
        read_document_text(data)


@FUZZ
@given(st.lists(st.text(max_size=80), max_size=40))
def test_no_text_breaks_the_document_mapping(lines: list[str]) -> None:
    definition = KENNEMERLAND
    assert definition is not None
    text = "\n".join(["Differentiatie", "Daarnaast bieden wij:", *lines])
    mapping = map_document(definition, text, {})
    assert check_answers(definition, mapping.answers()).errors == []


SEED_DOCX = seed_docx()
with zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as _archive:
    SEED_DOCX_PARTS = {name: _archive.read(name) for name in _archive.namelist()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(SEED_DOCX) - 1), st.binary(min_size=1, max_size=64))
def test_no_damage_to_a_word_file_breaks_the_reader(at: int, junk: bytes) -> None:
    data = SEED_DOCX[:at] + junk + SEED_DOCX[at + len(junk) :]
    with contextlib.suppress(UnreadableFileError):
        read_document_text(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml"]),
    st.integers(min_value=0, max_value=20_000),
    st.binary(min_size=1, max_size=64),
)
def test_no_damage_inside_a_word_document_breaks_the_reader(
    part: str, at: int, junk: bytes
) -> None:
    """Damage behind the zip's checks: the XML Word's parts are made of."""
    parts = dict(SEED_DOCX_PARTS)
    xml = parts[part]
    parts[part] = xml[:at] + junk + xml[at + len(junk) :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with contextlib.suppress(UnreadableFileError):
        read_document_text(out.getvalue())


def test_an_encrypted_document_is_refused() -> None:
    with pytest.raises(UnreadableFileError, match="beveiligd met een wachtwoord"):
        read_document_text(encrypted(SEED_DOCUMENT_PDF))
