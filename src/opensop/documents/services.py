"""Documents of a profile: built from the answers, and for an adopted profile kept for good.

A concept is rendered on every request (it changes). An adopted or published profile is
rendered once, stored through Django's storage API with its checksum, and from then on
served byte for byte as it was: what the board signed is what everyone reads.
"""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify

from opensop.basisondersteuning.services import InForce, shown_format_of
from opensop.cycle.models import Regime
from opensop.cycle.terms import Terms, terms_for
from opensop.documents import chapter as chapter_model
from opensop.documents import content
from opensop.documents.chapter_docx import chapter_docx
from opensop.documents.models import Kind, StoredDocument
from opensop.documents.pdf import render_pdf
from opensop.formats.definition import FormatDefinition
from opensop.formats.profile import evaluate_answers
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State
from opensop.workflow.models import CouncilDecision

FROZEN = (State.ADOPTED, State.PUBLISHED)
TEMPLATES = {Kind.FULL: "documents/full.html", Kind.SUMMARY: "documents/summary.html"}
FILE_WORDS = {Kind.FULL: "schoolondersteuningsprofiel", Kind.SUMMARY: "in-een-oogopslag"}


def facts_for(profile: Profile) -> content.DocumentFacts:
    school, terms = profile.school, terms_for(profile)
    adoption = None
    if profile.state in FROZEN and profile.adopted_on is not None:
        adoption = content.Adoption(
            advice_date=profile.advice_date,
            advice_text=profile.advice_text,
            adopted_on=profile.adopted_on,
            signatory_school=profile.signatory_school,
            signatory_board=profile.signatory_board,
            council_label=_council_label(profile, terms),
            heading=f"{terms.right.capitalize()} en vaststelling",
        )
    address = ", ".join(
        part for part in (school.street, f"{school.postcode} {school.city}".strip()) if part
    )
    return content.DocumentFacts(
        school_name=school.name,
        school_code=school.code,
        address=address,
        board=school.board.name,
        swv_code=school.swv.code,
        swv_name=school.swv.name,
        school_year=profile.school_year,
        edition=profile.edition,
        state_label=terms.state_label(profile.state),
        concept=profile.state not in FROZEN,
        adoption=adoption,
        full_url=settings.OPENSOP_BASE_URL + reverse("document", args=[profile.pk, "profiel"]),
        logo=_logo(school.swv),
        title=terms.title,
        shows_contact_person=school.shows_contact_person,
    )


def _council_label(profile: Profile, terms: Terms) -> str:
    """The council's recorded outcome, e.g. "Instemming van de oudergeleding van de MR"."""
    if terms.old_step:
        return terms.decision_label
    decision = CouncilDecision.objects.filter(profile=profile).order_by("-recorded_at", "-pk")
    newest = decision.first()
    if newest is None:
        return terms.decision_label
    return terms.outcome_label(newest.get_outcome_display())


def _logo(swv: Swv) -> str:
    """The SWV's logo inline, read through the storage API (local disk or object storage)."""
    if not swv.logo:
        return ""
    with swv.logo.open("rb") as handle:
        data = handle.read()
    kind = "png" if swv.logo.name.lower().endswith(".png") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def document_model(
    profile: Profile, kind: Kind, *, without_personal_data: bool = False
) -> content.FullProfile | content.Summary:
    return _document_model(profile, kind, shown_format_of(profile), without_personal_data)


def _document_model(
    profile: Profile,
    kind: Kind,
    shown: tuple[FormatDefinition, InForce | None],
    without_personal_data: bool,
) -> content.FullProfile | content.Summary:
    (definition, in_force), facts = shown, facts_for(profile)
    if kind == Kind.FULL:
        doc = content.full_profile(
            definition, profile.answers, facts, without_personal_data=without_personal_data
        )
        if in_force is not None:
            version = in_force.version
            doc.base_support_title = (
                f"{version.title}, versie {version.number}, "
                f"geldig vanaf {date_format(version.valid_from, 'j F Y')}"
            )
            doc.base_support_parts = in_force.unplaced
        return doc
    return content.summary(definition, profile.answers, facts)


def public_school_parts(profile: Profile) -> tuple[list[tuple[str, str]], str]:
    """What the public school page shows of a profile: whom parents contact about support
    (the school's general contact, its contact person only where the school chose so), and
    the full document as a part of the page: its headings one level deeper, under that
    page's h1, without the answers that name a person nor the names of who signed. The
    document on its own page and as PDF is the one the board adopted, names and all
    (docs/privacy.md says why)."""
    shown = shown_format_of(profile)
    definition = shown[0]
    values = evaluate_answers(definition, profile.answers).values
    contact = content.contact_lines(
        definition, values, with_person=profile.school.shows_contact_person
    )
    doc = _document_model(profile, Kind.FULL, shown, without_personal_data=True)
    return contact, render_to_string("documents/embedded.html", {"doc": doc})


def html_for(doc: content.FullProfile | content.Summary) -> str:
    """The web page of a document (the PDF is typeset from the same model: documents/pdf.py)."""
    kind = Kind.FULL if isinstance(doc, content.FullProfile) else Kind.SUMMARY
    return render_to_string(TEMPLATES[kind], {"doc": doc})


def document_html(profile: Profile, kind: Kind) -> str:
    return html_for(document_model(profile, kind))


def file_name(profile: Profile, kind: Kind) -> str:
    edition = f"-versie-{profile.edition}" if profile.edition > 1 else ""
    school = slugify(profile.school.name)
    words = FILE_WORDS[kind]
    if kind == Kind.FULL and terms_for(profile).regime == Regime.SCHOOLGIDS:
        words = "ondersteuningsaanbod"
    return f"{profile.school.code}-{school}-{words}-{profile.school_year}{edition}.pdf"


def document_pdf(profile: Profile, kind: Kind) -> bytes:
    """The PDF: fresh for a concept, the stored one for an adopted or published profile."""
    if profile.state not in FROZEN:
        return render_pdf(document_model(profile, kind))
    stored = StoredDocument.objects.filter(profile=profile, kind=kind).first()
    if stored is not None:
        return _read(stored)
    return _store(profile, kind, render_pdf(document_model(profile, kind)))


def _store(profile: Profile, kind: Kind, pdf: bytes) -> bytes:
    try:
        with transaction.atomic():
            StoredDocument.objects.create(
                profile=profile,
                kind=kind,
                file=ContentFile(pdf, name=file_name(profile, kind)),
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
            )
    except IntegrityError:
        # Someone else stored it first (two downloads at once): theirs is the one that counts.
        return _read(StoredDocument.objects.get(profile=profile, kind=kind))
    return pdf


def _read(stored: StoredDocument) -> bytes:
    with stored.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


# ------------------------------------------------------------------ the schoolgids chapter
# Rendered on each request from the adopted answers and the basisondersteuning in force on
# the adoption date, so it is the same every time; nothing is stored.


def chapter_of(profile: Profile) -> chapter_model.Chapter:
    (definition, in_force), swv = shown_format_of(profile), profile.school.swv
    base = (
        chapter_model.BaseSupportInForce(in_force.text, in_force.version.number)
        if in_force is not None
        else None
    )
    help_at_swv = chapter_model.ParentHelp(
        name=swv.parent_help_name,
        phone=swv.parent_help_phone,
        email=swv.parent_help_email,
        website=swv.parent_help_website,
        text=swv.parent_help_text,
    )
    return chapter_model.chapter(definition, profile.answers, facts_for(profile), base, help_at_swv)


def chapter_html(profile: Profile) -> str:
    return render_to_string("documents/chapter.html", {"doc": chapter_of(profile)})


def chapter_pdf(profile: Profile) -> bytes:
    """Typeset from the same model as the web page and the Word file (typst/chapter.typ)."""
    return render_pdf(chapter_of(profile))


def chapter_word(profile: Profile) -> bytes:
    return chapter_docx(chapter_of(profile))


def chapter_file_name(profile: Profile, extension: str) -> str:
    edition = f"-versie-{profile.edition}" if profile.edition > 1 else ""
    school = slugify(profile.school.name)
    year = profile.school_year
    return f"{profile.school.code}-{school}-schoolgids-ondersteuning-{year}{edition}.{extension}"
