"""Files per second for the importers, in one process (one core).

Filled forms: 200 generated with the seed-000 field names (varying values), each read
(every AcroForm field) and mapped to the format.
Older documents: the seed-002 text with varied offers (an own offer, a misspelling, a
marker per school), 200 as plain text, 200 as Word documents (python-docx; bullets as Word
lists, one theme as a table) and 20 as PDFs with a text layer (Typst), each read and
its offers matched to the catalogue. Run from the checkout:

    PYTHONPATH=src:. .venv/bin/python bench/imports.py

Goal (issue 6): at least 50 forms per second per core. The documents have no goal.
"""

from __future__ import annotations

import time

from tests.imports.document_maker import docx_of, pdf_of, seed_text
from tests.imports.pdf_maker import filled_form
from tests.imports.test_read_filled_forms import GENERAL, example, seed_fields

from opensop.formats.registry import FormatRegistry
from opensop.imports.document_mapping import map_document, themes
from opensop.imports.document_text import read_document_text
from opensop.imports.form_mapping import map_form
from opensop.imports.pdf_form import read_form_fields

FORMS = 200
TEXTS, PDFS = 200, 20


def forms() -> list[bytes]:
    answers, seed = example(), seed_fields()
    made = []
    for n in range(FORMS):
        general = {name: str(answers[key]) for name, key in GENERAL.items()}
        general["School"] = f"Basisschool {n}"
        made.append(filled_form({**general, **seed}, parent="form1"))
    return made


def documents(count: int) -> list[str]:
    seed = seed_text()
    made = []
    for n in range(count):
        text = seed.replace("• cameratoezicht", f"• cameratoezicht{' (i.o.)' if n % 2 else ''}")
        text = text.replace("• Lift (deels)", f"• Lift (deels)\n• eigen voorziening nummer {n}")
        made.append(
            text.replace("tijdverlenging", "tijdsverlenging" if n % 3 else "tijdverlenging")
        )
    return made


def _rate(label: str, files: list[bytes], read_and_map: object) -> None:
    assert callable(read_and_map)
    start = time.perf_counter()
    for data in files:
        read_and_map(data)
    seconds = time.perf_counter() - start
    count = len(files)
    print(f"{count} {label} in {seconds:.2f} s: {count / seconds:.1f} per second (one core)")


def main() -> None:
    limburg = FormatRegistry.builtin().get("zuid-limburg-po", 1)
    kennemerland = FormatRegistry.builtin().get("zuid-kennemerland-vo", 1)
    assert limburg is not None
    assert kennemerland is not None
    _rate(
        "forms read and mapped",
        forms(),
        lambda data: map_form(limburg, read_form_fields(data), {}),
    )

    def document(data: bytes) -> None:
        map_document(kennemerland, read_document_text(data), {})

    texts = documents(TEXTS)
    _rate("text documents read and matched", [t.encode() for t in texts], document)
    titles = [theme.title for theme in themes(kennemerland)]
    words = [docx_of(t, titles, table_theme=titles[1]) for t in texts]
    _rate("Word documents read and matched", words, document)
    _rate("PDF documents read and matched", [pdf_of(t) for t in texts[:PDFS]], document)


if __name__ == "__main__":
    main()
