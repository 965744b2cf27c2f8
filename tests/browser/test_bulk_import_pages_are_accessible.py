"""The bulk import pages in headless Chromium, checked by axe-core against WCAG 2.1 A and
AA: both upload pages (and a form error), a job while it runs, and a job's report.

Run on its own with `pytest -m browser tests/browser/test_bulk_import_pages_are_accessible.py`.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from opensop.imports.models import BulkImport
from tests.browser.test_overview_pages_are_accessible import _context
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.imports.test_read_filled_forms import seed_form
from tests.web.conftest import Region

__all__ = ["browser"]  # the fixture, shared with the other browser tests
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_uploading_forms_in_bulk_and_following_the_job_is_accessible(
    browser: Browser, live_server: Any, region: Region
) -> None:
    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    swv = region.school.swv_id
    page.goto(f"{live_server.url}/swv/{swv}/profieldocumenten/inlezen/")
    expect(page.locator("h1")).to_contain_text("Oudere profieldocumenten inlezen")
    assert_accessible(page)

    page.goto(f"{live_server.url}/swv/{swv}/formulieren/inlezen/")
    page.get_by_role("button", name="Formulieren inlezen").click()  # no files chosen
    expect(page.get_by_text("Kies een of meer bestanden.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Ingevulde formulieren (PDF)").set_input_files(
        [
            {"name": "sop.pdf", "mimeType": "application/pdf", "buffer": seed_form()},
            {"name": "kapot.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 kapot"},
        ]
    )
    page.get_by_label("Schooljaar voor bestanden zonder schooljaar").fill("2025-2026")
    page.get_by_role("button", name="Formulieren inlezen").click()
    # In development the task runs in the request: the report is there at once.
    expect(page.get_by_role("heading", name="Resultaat: 1 ingelezen")).to_be_visible()
    assert_accessible(page)

    running = BulkImport.objects.create(
        swv_id=swv, kind="documenten", state=BulkImport.RUNNING, done=12, total=150
    )
    page.goto(f"{live_server.url}/swv/{swv}/inlezen/{running.pk}/")
    expect(page.get_by_text("12 van 150 bestanden gelezen")).to_be_visible()
    assert_accessible(page)
    context.close()
