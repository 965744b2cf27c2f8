"""Roles × URLs: every page and action of the application, for every persona.

Each row says who gets the page (200, or a redirect after a POST that did its work);
everyone else gets 404 when they may not even know the object exists, 403 when they may
read it but not do this, or the login page when they are not logged in. A test at the end
fails when a URL is added to the application without a row here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from opensop.accounts import invitations
from opensop.accounts.models import Invitation, Membership, Role
from opensop.api import services as api_services
from opensop.api.models import ApiKey
from opensop.documents import services
from opensop.documents.models import BatchState, DocumentBatch
from opensop.imports.models import BulkImport
from opensop.profiles.models import Profile, State
from opensop.workflow.models import CouncilDecision
from tests.web.conftest import PERSONAS, Region, signed_in

SCHOOL_SIDE = {"editor", "mr", "board", "swv_staff", "admin"}
LOGGED_IN = set(PERSONAS) - {"anonymous"}


@dataclass(frozen=True)
class World:
    """The objects the URLs point at: a concept of the region's school, an open invitation
    and a role at that school, sent and held by its people."""

    profile: Profile
    invitation: Invitation
    token: str
    membership: Membership
    batch: DocumentBatch  # a finished batch of documents of the concept's SWV
    adopted: Profile  # the same school's adopted profile of the year before
    bulk_import: BulkImport  # a finished bulk import of the concept's SWV
    decision: CouncilDecision  # a council's advice on the concept, with its letter as a file
    api_key: ApiKey  # an API key of the concept's SWV


@pytest.fixture
def world(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> World:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(
            region.user("editor"), "nieuw@example.nl", Role.MR_MEMBER, region.school
        )
    token = re.search(r"/uitnodiging/([^/\s]+)/", mailoutbox[-1].body)
    assert token is not None
    membership = Membership.objects.get(user=region.user("mr"), role=Role.MR_MEMBER)  # type: ignore[misc]
    batch = DocumentBatch.objects.create(
        swv=region.school.swv,
        school_year=concept.school_year,
        kinds="full",
        state=BatchState.READY,
        file=ContentFile(b"PK\x05\x06" + bytes(18), name="pakket.zip"),
    )
    decision = CouncilDecision.objects.create(
        profile=concept,
        body="mr_of_gmr",
        right="advies",
        outcome="positief_advies",
        date=datetime.date(2026, 2, 3),
        document=ContentFile(b"%PDF-1.4 advies", name="advies.pdf"),
    )
    adopted = Profile.objects.create(
        school=concept.school,
        format_id=concept.format_id,
        format_version=concept.format_version,
        school_year="2024-2025",
        state=State.ADOPTED,
        adopted_on=datetime.date(2025, 2, 3),
        answers=concept.answers,
    )

    api_key, _ = api_services.create_key(region.school.swv, "Website", None)
    bulk_import = BulkImport.objects.create(
        swv=region.school.swv, kind="formulieren", state=BulkImport.READY
    )
    return World(
        concept,
        invitation,
        token.group(1),
        membership,
        batch,
        adopted,
        bulk_import,
        decision,
        api_key,
    )


@dataclass(frozen=True)
class Page:
    name: str  # the URL pattern's name
    url: Callable[[World], str]
    allowed: set[str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    # Who may see the object but not do this (403); the rest who are logged in get 404.
    refused: set[str] = field(default_factory=set)
    not_found: bool = True  # False: others who are logged in get 403 instead of 404
    # A concept is not there for the public (404); a page behind the login sends them to it.
    anonymous: int = 404
    # What the allowed get when it is not 200 (GET) or a redirect (POST), e.g. a form error.
    ok: int | None = None


def concept_url(suffix: str) -> Callable[[World], str]:
    return lambda world: f"/profielen/{world.profile.pk}/{suffix}"


PAGES = [
    Page("home", lambda _: "/", set(PERSONAS)),
    Page("profile", concept_url(""), SCHOOL_SIDE),
    Page("revisions", concept_url("revisies/"), SCHOOL_SIDE),
    Page(
        "edit-section",
        concept_url("bewerken/2.1/"),
        {"editor"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "edit-section",
        concept_url("bewerken/2.1/"),
        {"editor"},
        method="post",
        data={"revision": "1", "a-directeur": "mw. X"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "profile-step",
        concept_url("stap/submit_for_advice/"),
        {"editor"},
        method="post",
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "start-next-year",
        concept_url("volgend-schooljaar/"),
        {"editor"},
        method="post",
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "two-factor-setup", lambda _: "/tweestapsverificatie/instellen/", LOGGED_IN, anonymous=302
    ),
    Page(
        "two-factor-verify",
        lambda _: "/tweestapsverificatie/controleren/",
        LOGGED_IN,
        anonymous=302,
    ),
]

# SWV pages: staff of the concept's SWV and site admins; nobody else learns they exist.
SWV_MANAGERS = {"swv_staff", "admin"}
NEW_BOARD = {"name": "De Linde", "location": "00", "new_board_name": "Stichting Nieuw"}


def swv_url(suffix: str) -> Callable[[World], str]:
    return lambda world: f"/swv/{world.profile.school.swv_id}/{suffix}"


PAGES += [
    Page("swv-schools", swv_url("scholen/"), SWV_MANAGERS),
    Page("swv-school-add", swv_url("scholen/toevoegen/"), SWV_MANAGERS),
    Page(
        "swv-school-add",
        swv_url("scholen/toevoegen/"),
        SWV_MANAGERS,
        method="post",
        data={**NEW_BOARD, "brin": "99XC"},
    ),
    Page(
        "swv-school-edit",
        lambda w: f"/swv/{w.profile.school.swv_id}/scholen/{w.profile.school_id}/wijzigen/",
        SWV_MANAGERS,
    ),
    Page(
        "swv-school-edit",
        lambda w: f"/swv/{w.profile.school.swv_id}/scholen/{w.profile.school_id}/wijzigen/",
        SWV_MANAGERS,
        method="post",
        data={**NEW_BOARD, "brin": "99XA"},
    ),
    Page("swv-state-changes", swv_url("wijzigingen/"), SWV_MANAGERS),
    # Reading DUO's register: posting no file is a form error (400) for who may; the
    # confirmation without a waiting file sends them back to the upload.
    Page("import-register", swv_url("scholen/inlezen/"), SWV_MANAGERS),
    Page("import-register", swv_url("scholen/inlezen/"), SWV_MANAGERS, method="post", ok=400),
    Page(
        "import-register-confirm",
        swv_url("scholen/inlezen/bevestigen/"),
        SWV_MANAGERS,
        method="post",
        data={"token": "geen"},
    ),
    # A folder of filled forms at once: posting no files is a form error (400) for who may.
    Page("import-forms-bulk", swv_url("formulieren/inlezen/"), SWV_MANAGERS),
    Page("import-forms-bulk", swv_url("formulieren/inlezen/"), SWV_MANAGERS, method="post", ok=400),
    # The same for older profile documents; both follow the background task on one page.
    Page("import-documents-bulk", swv_url("profieldocumenten/inlezen/"), SWV_MANAGERS),
    Page(
        "import-documents-bulk",
        swv_url("profieldocumenten/inlezen/"),
        SWV_MANAGERS,
        method="post",
        ok=400,
    ),
    Page(
        "import-bulk-job",
        lambda w: f"/swv/{w.bulk_import.swv_id}/inlezen/{w.bulk_import.pk}/",
        SWV_MANAGERS,
    ),
    # The documents of the SWV's schools as one ZIP (the POST starts a batch; its task runs
    # only after a commit, which these tests never reach).
    Page("swv-documents", swv_url("documenten/"), SWV_MANAGERS),
    Page(
        "swv-documents",
        swv_url("documenten/"),
        SWV_MANAGERS,
        method="post",
        data={"school_year": "2025-2026", "kinds": "summary"},
    ),
    Page(
        "swv-document-batch",
        lambda w: f"/swv/{w.batch.swv_id}/documenten/{w.batch.pk}/",
        SWV_MANAGERS,
    ),
    Page(
        "swv-document-batch-zip",
        lambda w: f"/swv/{w.batch.swv_id}/documenten/{w.batch.pk}/zip",
        SWV_MANAGERS,
    ),
]

# The regional overview and its exports: staff of the concept's SWV, site admins, and (read-only,
# the pages change nothing) the SWV's inspectorate; nobody else learns it exists.
OVERVIEW_READERS = {"swv_staff", "inspectorate", "admin"}
OVERVIEW_ACTORS = {"swv_staff", "admin"}

PAGES += [
    Page("overview-status", swv_url("overzicht/"), OVERVIEW_READERS),
    Page("overview-norms", swv_url("overzicht/normen/"), OVERVIEW_READERS),
    Page("overview-coverage", swv_url("overzicht/dekking/"), OVERVIEW_READERS),
    Page("overview-changes", swv_url("overzicht/veranderd/"), OVERVIEW_READERS),
    Page("overview-expertise", swv_url("overzicht/deskundigheid/"), OVERVIEW_READERS),
    Page("overview-export", swv_url("overzicht/status.xlsx"), OVERVIEW_READERS),
    Page("overview-export", swv_url("overzicht/normen.csv"), OVERVIEW_READERS),
    Page("overview-export", swv_url("overzicht/dekking.xlsx"), OVERVIEW_READERS),
    Page("overview-export", swv_url("overzicht/veranderd.csv"), OVERVIEW_READERS),
    Page("overview-export", swv_url("overzicht/deskundigheid.xlsx"), OVERVIEW_READERS),
    # Acting from the overview: its staff and site admins; the inspectorate reads, is refused.
    Page(
        "overview-threshold",
        swv_url("overzicht/dekking/drempel/"),
        OVERVIEW_ACTORS,
        method="post",
        data={"drempel": "2"},
        refused={"inspectorate"},
    ),
    Page(
        "overview-reminders",
        swv_url("overzicht/herinneren/"),
        OVERVIEW_ACTORS,
        refused={"inspectorate"},
    ),
    Page(
        "overview-reminders",
        swv_url("overzicht/herinneren/"),
        OVERVIEW_ACTORS,
        method="post",
        refused={"inspectorate"},
    ),
    # The national overview: site admins only.
    Page("overview-national", lambda _: "/overzicht/", {"admin"}),
    Page("overview-national-export", lambda _: "/overzicht/landelijk.xlsx", {"admin"}),
    Page("overview-national-export", lambda _: "/overzicht/landelijk.csv", {"admin"}),
]

# People and invitations: who may invite for the region's school (its editor, its SWV's staff,
# a site admin) manages its roles and invitations; others who may invite elsewhere are refused.
INVITERS = {"editor", "editor_other_school", "board", "swv_staff", "swv_staff_other", "admin"}
SCHOOL_MANAGERS = {"editor", "swv_staff", "admin"}
MR_HERE = lambda w: f"mr_member:school:{w.profile.school_id}"  # noqa: E731

PAGES += [
    Page("people", lambda _: "/mensen/", INVITERS, anonymous=302),
    Page(
        "people",
        lambda _: "/mensen/",
        SCHOOL_MANAGERS,
        method="post",
        data={"email": "ouder@example.nl", "target": "mr_here"},
        refused=INVITERS - SCHOOL_MANAGERS,
        anonymous=302,
    ),
    Page(
        "membership-remove",
        lambda w: f"/mensen/rollen/{w.membership.pk}/intrekken/",
        SCHOOL_MANAGERS,
        anonymous=302,
    ),
    Page(
        "membership-remove",
        lambda w: f"/mensen/rollen/{w.membership.pk}/intrekken/",
        SCHOOL_MANAGERS,
        method="post",
        anonymous=302,
    ),
    Page(
        "invitation-revoke",
        lambda w: f"/mensen/uitnodigingen/{w.invitation.pk}/intrekken/",
        SCHOOL_MANAGERS,
        method="post",
        anonymous=302,
    ),
    Page(
        "invitation-resend",
        lambda w: f"/mensen/uitnodigingen/{w.invitation.pk}/opnieuw-versturen/",
        SCHOOL_MANAGERS,
        method="post",
        anonymous=302,
    ),
    # The link in the e-mail opens for anyone who has it; what it lets them do is in
    # test_accept_invitation (only the invited address accepts).
    Page("invitation-accept", lambda w: f"/uitnodiging/{w.token}/", set(PERSONAS)),
]

# Reading a filled PDF form into a concept: whoever may edit it (posting no file is a form
# error, 400); the confirmation without a waiting file sends the editor back to the upload.
PAGES += [
    Page("import-form", concept_url("importeren/"), {"editor"}, refused=SCHOOL_SIDE - {"editor"}),
    Page(
        "import-form",
        concept_url("importeren/"),
        {"editor"},
        method="post",
        ok=400,
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "import-form-confirm",
        concept_url("importeren/bevestigen/"),
        {"editor"},
        method="post",
        data={"token": "geen"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
    # An older profile document: the same people, the same steps.
    Page(
        "import-document",
        concept_url("document-inlezen/"),
        {"editor"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "import-document",
        concept_url("document-inlezen/"),
        {"editor"},
        method="post",
        ok=400,
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "import-document-confirm",
        concept_url("document-inlezen/bevestigen/"),
        {"editor"},
        method="post",
        data={"token": "geen"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
]

# Documents: whoever may read the profile (here a concept: the school side).
PAGES += [
    Page("document", concept_url("document/profiel/"), SCHOOL_SIDE),
    Page("document", concept_url("document/samenvatting/"), SCHOOL_SIDE),
    Page("document-pdf", concept_url("document/profiel.pdf"), SCHOOL_SIDE),
    Page("document-pdf", concept_url("document/samenvatting.pdf"), SCHOOL_SIDE),
]


# The yearly cycle: the SWV's regime and deadline per school year (its managers; a post
# without a school year is a form error, 400); the council's letter: whoever reads the history.
PAGES += [
    Page("swv-regime-years", swv_url("schooljaren/"), SWV_MANAGERS),
    Page(
        "swv-regime-years",
        swv_url("schooljaren/"),
        SWV_MANAGERS,
        method="post",
        data={"school_year": "2026-2027", "regime": "schoolgids", "deadline": "2027-03-01"},
    ),
    Page("swv-regime-years", swv_url("schooljaren/"), SWV_MANAGERS, method="post", ok=400),
    # Figures from DUO into a concept: whoever may edit it (posting no file is a form error,
    # 400; a confirmation without a valid proposal sends the editor back to the upload).
    Page("duo-upload", concept_url("duo/"), {"editor"}, refused=SCHOOL_SIDE - {"editor"}),
    Page(
        "duo-upload",
        concept_url("duo/"),
        {"editor"},
        method="post",
        ok=400,
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "duo-confirm",
        concept_url("duo/bevestigen/"),
        {"editor"},
        method="post",
        data={"token": "geen"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
    Page(
        "council-document",
        lambda w: f"/profielen/{w.profile.pk}/medezeggenschap/{w.decision.pk}/",
        SCHOOL_SIDE,
    ),
    # One DUO file for all the SWV's schools: its managers (posting no file is a form
    # error, 400; a confirmation without a valid report sends them back to the upload).
    Page("swv-duo", swv_url("duo/"), SWV_MANAGERS),
    Page("swv-duo", swv_url("duo/"), SWV_MANAGERS, method="post", ok=400),
    Page(
        "swv-duo-confirm",
        swv_url("duo/bevestigen/"),
        SWV_MANAGERS,
        method="post",
        data={"token": "geen"},
    ),
]


# A new basisondersteuning marked as read for the school: its editors only (a post without
# a version says so and returns to the profile, 302).
PAGES += [
    Page(
        "base-support-read",
        concept_url("basisondersteuning/gelezen/"),
        {"editor"},
        method="post",
        refused=SCHOOL_SIDE - {"editor"},
    ),
]


# Whether the school's public pages name its contact person: its editors choose (a site
# admin neither: the school knows whether the person agreed).
PAGES += [
    Page(
        "choose-contact-person",
        concept_url("contactpersoon/"),
        {"editor"},
        method="post",
        data={"tonen": "ja"},
        refused=SCHOOL_SIDE - {"editor"},
    ),
]


# The chapter for the schoolgids: of an adopted profile, for whoever may read it (the
# inspectorate too); of a concept, nobody yet (its readers are refused).
ADOPTED_READERS = SCHOOL_SIDE | {"inspectorate"}


def adopted_url(suffix: str) -> Callable[[World], str]:
    return lambda world: f"/profielen/{world.adopted.pk}/{suffix}"


PAGES += [
    Page("chapter", adopted_url("schoolgids/"), ADOPTED_READERS),
    Page("chapter-download", adopted_url("schoolgids.docx"), ADOPTED_READERS),
    Page("chapter-download", adopted_url("schoolgids.pdf"), ADOPTED_READERS),
    Page("chapter", concept_url("schoolgids/"), set(), refused=SCHOOL_SIDE),
    Page("chapter-download", concept_url("schoolgids.docx"), set(), refused=SCHOOL_SIDE),
]

# The SWV's basisondersteuning (draft, publish) and its ouder- en jeugdsteunpunt: its staff
# and site admins. Publishing without a draft says so and returns to the page (302).
PAGES += [
    Page("swv-base-support", swv_url("basisondersteuning/"), SWV_MANAGERS),
    Page(
        "swv-base-support",
        swv_url("basisondersteuning/"),
        SWV_MANAGERS,
        method="post",
        data={
            "title": "Basisondersteuning",
            "valid_from": "2025-08-01",
            "onderdeel-TOTAL_FORMS": "1",
            "onderdeel-INITIAL_FORMS": "0",
            "onderdeel-0-title": "Veilig klimaat",
            "onderdeel-0-text": "- een pestprotocol",
        },
    ),
    Page(
        "swv-base-support-publish",
        swv_url("basisondersteuning/publiceren/"),
        SWV_MANAGERS,
        method="post",
    ),
    Page("swv-parent-help", swv_url("steunpunt/"), SWV_MANAGERS),
    Page(
        "swv-parent-help",
        swv_url("steunpunt/"),
        SWV_MANAGERS,
        method="post",
        data={"parent_help_name": "Steunpunt", "parent_help_phone": "045 000 11 22"},
    ),
]

# Public pages for parents (portal): everyone, signed in or not. The world's school has only
# a concept, so its school page, document and versions are not there for anyone (404);
# what a published profile shows is in test_public_pages_show_only_published.
EVERYONE = set(PERSONAS)
SCHOOL_CODE = lambda w: w.profile.school.code  # noqa: E731
PAGES += [
    Page("portal-search", lambda _: "/zoeken/", EVERYONE),
    Page("portal-search", lambda _: "/zoeken/?wat=dyslexie&iedereen=on", EVERYONE),
    Page("portal-school", lambda w: f"/scholen/{SCHOOL_CODE(w)}/", set()),
    Page("portal-document", lambda w: f"/scholen/{SCHOOL_CODE(w)}/profiel/", set()),
    Page("portal-version", lambda w: f"/scholen/{SCHOOL_CODE(w)}/versies/{w.profile.pk}/", set()),
    Page("portal-compare", lambda _: "/vergelijken/", EVERYONE),
    Page("portal-swvs", lambda _: "/samenwerkingsverbanden/", EVERYONE),
    Page("portal-swv", lambda w: f"/samenwerkingsverbanden/{w.profile.school.swv_id}/", EVERYONE),
    Page("portal-levels", lambda _: "/niveaus/", EVERYONE),
]

# The REST API reads API keys, never the site's login: every persona gets what the public
# gets (a concept is not there: 404). The SWV's API keys page: its staff and site admins
# (a new key is shown on the page itself: 200). Open data: for everyone; no file has been
# exported in this world, so a file is not found (the download is in tests/api/).
EVERYONE = set(PERSONAS)
PAGES += [
    Page("api-schema", lambda _: "/api/v1/schema/", EVERYONE),
    Page("api-docs", lambda _: "/api/v1/docs/", EVERYONE),
    Page("api-swvs", lambda _: "/api/v1/samenwerkingsverbanden/", EVERYONE),
    Page(
        "api-swv", lambda w: f"/api/v1/samenwerkingsverbanden/{w.profile.school.swv_id}/", EVERYONE
    ),
    Page("api-schools", lambda _: "/api/v1/scholen/", EVERYONE),
    Page("api-school", lambda w: f"/api/v1/scholen/{w.profile.school.code}/", EVERYONE),
    Page("api-profiles", lambda _: "/api/v1/profielen/", EVERYONE),
    Page("api-profile", lambda w: f"/api/v1/profielen/{w.profile.pk}/", set()),
    Page("api-formats", lambda _: "/api/v1/formaten/", EVERYONE),
    Page("api-format", lambda _: "/api/v1/formaten/zuid-limburg-po/1/", EVERYONE),
    Page("api-support-needs", lambda _: "/api/v1/ondersteuningsbehoeften/", EVERYONE),
    Page("swv-api-keys", swv_url("api-sleutels/"), SWV_MANAGERS),
    Page(
        "swv-api-keys",
        swv_url("api-sleutels/"),
        SWV_MANAGERS,
        method="post",
        data={"naam": "Onderzoek"},
        ok=200,
    ),
    Page(
        "swv-api-key-revoke",
        lambda w: f"/swv/{w.api_key.swv_id}/api-sleutels/{w.api_key.pk}/intrekken/",
        SWV_MANAGERS,
        method="post",
    ),
    Page(
        "swv-norm-publication",
        swv_url("api-sleutels/normuitkomsten/"),
        SWV_MANAGERS,
        method="post",
        data={"openbaar": "on"},
    ),
    Page("open-data", lambda _: "/open-data/", EVERYONE),
    Page("open-data-file", lambda _: "/open-data/landelijk-behoeften.csv", set()),
]


@pytest.fixture(autouse=True)
def no_pdf_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Who may download is the question here; the PDFs themselves are tested in tests/documents."""
    monkeypatch.setattr(services, "render_pdf", lambda doc: b"%PDF-1.7 " + doc.title[:20].encode())


# Pages for everyone, and Django's own: login, logout, password reset, the admin (its own
# login; covered in test_login_and_password and below).
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def expected_status(page: Page, persona: str) -> int:
    if persona in page.allowed and page.ok is not None:
        return page.ok
    if persona in page.allowed:
        return 302 if page.method == "post" else 200
    if persona == "anonymous":
        return page.anonymous
    if persona in page.refused or not page.not_found:
        return 403
    return 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.method}-{p.name}")
def test_every_persona_gets_exactly_what_it_may(
    region: Region, world: World, page: Page, persona: str
) -> None:
    client: Client = signed_in(region, persona)
    url = page.url(world)
    data = dict(page.data)
    if "revision" in data:
        data["revision"] = str(world.profile.revision)
    if data.get("target") == "mr_here":
        data["target"] = MR_HERE(world)
    response = client.get(url) if page.method == "get" else client.post(url, data)
    assert response.status_code == expected_status(page, persona), (persona, url)


def test_the_admin_is_for_site_admins_only(region: Region) -> None:
    for persona in PERSONAS:
        response = signed_in(region, persona).get("/beheer/")
        assert response.status_code == (200 if persona == "admin" else 302), persona


def _names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_of_the_application_has_a_row() -> None:
    """A new page without a row in this matrix fails here (the admin has its own test)."""
    ours = _names(get_resolver().url_patterns)
    assert ours - PUBLIC - {page.name for page in PAGES} == set()
