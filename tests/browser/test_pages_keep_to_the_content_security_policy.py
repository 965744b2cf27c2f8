"""The main pages in headless Chromium with the Content-Security-Policy in force: login, a
school editor's home, a profile, a section filled in with autosave (htmx), the two-factor
setup with its QR code, the SWV overview with its bar charts, the public search, a school's
page with its document, compare, and the API docs (Swagger UI). The browser reports no
violation of the policy, neither in the console nor as a `securitypolicyviolation` event,
nor a complaint about the Permissions-Policy, and autosave still saves what is typed.

Run on its own with
`pytest -m browser tests/browser/test_pages_keep_to_the_content_security_policy.py`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from opensop.accounts.models import Membership, Role
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.browser.test_overview_pages_are_accessible import _context
from tests.browser.test_profile_from_concept_to_published import browser, log_in, log_out, saved
from tests.browser.test_public_pages_are_accessible import world
from tests.web.portal_world import PublicWorld

__all__ = ["browser", "world"]  # fixtures
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation the page's own code sees, handed to the test through a binding (which the
# policy does not govern, unlike an inline script or a request to the server would be).
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolation({
    page: document.location.pathname + document.location.search,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
  });
});
"""


class Violations(list[str]):
    """What the browser reported while the context was open, as readable lines."""

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.expose_function("cspViolation", lambda v: self.append(f"event: {v}"))
        context.add_init_script(script=LISTEN)
        context.on("console", self._console)
        return context

    def _console(self, message: ConsoleMessage) -> None:
        # The browser's own word on a policy: a violation, or a feature it does not know.
        if any(
            policy in message.text
            for policy in (
                "Content Security Policy",
                "Content-Security-Policy",
                "Permissions-Policy",
            )
        ):
            self.append(
                f"console {message.type} on {message.page and message.page.url}: {message.text}"
            )


@pytest.fixture
def lyceum(world: PublicWorld) -> Profile:
    """An empty concept of a secondary school in the world's Zuid-Kennemerland (seed 002),
    for the region's editor."""
    board = Board.objects.create(name="Stichting C")
    swv = Swv.objects.get(code="VO 27-05")
    school = School.objects.create(brin="99ZK", name="Het Lyceum", board=board, swv=swv)
    editor = User.objects.get(username="editor")  # fresh: its roles are read once per object
    Membership.objects.create(user=editor, role=Role.SCHOOL_EDITOR, school=school)
    return services.start_profile(school.pk, "2025-2026", User.objects.get(pk=editor.pk))


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url}: {response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("h1").first).to_be_visible()


def test_the_main_pages_cause_no_violation_and_autosave_works(
    browser: Browser, live_server: Any, world: PublicWorld, lyceum: Profile
) -> None:
    base = live_server.url
    seen = Violations()

    # A school editor: login, home, a profile, a section filled in with autosave.
    context = seen.watch(browser.new_context(locale="nl-NL"))
    page = context.new_page()
    log_in(page, base, "editor")
    expect(page.get_by_role("heading", name="Uw profielen")).to_be_visible()
    page.get_by_role("link", name="Het Lyceum").click()
    page.get_by_role("link", name="Profiel invullen").click()
    page.get_by_role("link", name="3.8 Fysieke toegankelijkheid van schoolgebouwen").click()
    page.get_by_label("Stand van Lift").select_option("deels")
    page.get_by_role("textbox", name="Eigen aanbod 1").press_sequentially("Invalidentoilet")
    saved(page)
    page.reload()  # what autosave sent is stored
    expect(page.get_by_role("textbox", name="Eigen aanbod 1")).to_have_value("Invalidentoilet")
    page.get_by_role("link", name="← Terug naar het profiel").click()
    expect(page.get_by_text("Invalidentoilet (eigen aanbod)")).to_be_visible()
    _visit(page, f"{base}/profielen/{world.verscheidenheid.pk}/document/profiel/")
    _visit(page, f"{base}/profielen/{world.verscheidenheid.pk}/")
    log_out(page)

    # SWV staff: the two-factor setup (an inline SVG QR code) at the first login.
    log_in_page = context.new_page()
    log_in_page.goto(f"{base}/inloggen/")
    log_in_page.get_by_label("Gebruikersnaam").fill("swv_staff")
    log_in_page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    log_in_page.get_by_role("button", name="Inloggen").click()
    expect(log_in_page.locator("svg").first).to_be_visible()
    context.close()
    assert seen == []

    # The SWV's overview, past two-factor: the bars' widths come from the stylesheet.
    staff = seen.watch(_context(browser, live_server, world.region, "swv_staff"))
    page = staff.new_page()
    overview = f"{base}/swv/{world.region.school.swv_id}/overzicht/"
    for suffix in ["", "normen/", "dekking/"]:
        _visit(page, overview + suffix)
    expect(page.locator(".bar-chart .part").first).to_be_visible()
    widths = page.locator(".bar-chart .part").evaluate_all(
        "parts => parts.map(p => p.getBoundingClientRect().width)"
    )
    assert all(w > 0 for w in widths)
    staff.close()
    assert seen == []

    # The public: search, a school and its document, compare, and the API docs.
    public = seen.watch(browser.new_context(locale="nl-NL"))
    page = public.new_page()
    a, b = world.verscheidenheid.school, world.maasoever.school
    for url in [
        "/",
        "/zoeken/?wat=hoogbegaafd&iedereen=on",
        f"/scholen/{a.code}/",
        f"/scholen/{a.code}/profiel/",
        f"/vergelijken/?school={a.code}&school={b.code}",
        "/samenwerkingsverbanden/",
    ]:
        _visit(page, base + url)
    assert seen == []
    page.goto(f"{base}/api/v1/docs/")
    expect(page.get_by_role("heading", name="Open SOP API")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/v1/scholen/{code}/")).to_be_visible()
    page.get_by_text("/api/v1/ondersteuningsbehoeften/").click()  # an operation opens
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    public.close()

    assert seen == []


def test_the_watch_itself_catches_an_inline_script_and_style(
    browser: Browser, live_server: Any, world: PublicWorld
) -> None:
    seen = Violations()
    context = seen.watch(browser.new_context(locale="nl-NL"))
    page = context.new_page()
    _visit(page, f"{live_server.url}/zoeken/")
    page.evaluate(
        """() => {
        document.body.setAttribute("style", "color: red");
        const script = document.createElement("script");
        script.textContent = "document.title = 'ingevoegd'";
        document.body.append(script);
    }"""
    )
    page.wait_for_timeout(200)
    assert page.title() != "ingevoegd"  # blocked
    events = [v for v in seen if v.startswith("event:")]
    assert any("'style-src-attr'" in v for v in events), seen
    assert any("'script-src-elem'" in v for v in events), seen
    assert any(v.startswith("console") for v in seen), seen
    context.close()
