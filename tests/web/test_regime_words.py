"""The words of the regime everywhere a state or the council's step is named: under the
schoolgids regime (consent of the MR's parents' section) no page, history, document or
overview says "Advies (G)MR"; a region in the old regime reads exactly as before."""

from __future__ import annotations

import datetime
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import Client

from opensop.cycle.models import Regime, RegimeYear
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from tests.documents.conftest import PDFTOTEXT
from tests.web.conftest import Region, signed_in
from tests.web.test_workflow_steps import bring_to

DATE = datetime.date(2026, 2, 3)
WAITING = "ter instemming bij de oudergeleding van de MR"


@pytest.fixture
def schoolgids_year(region: Region) -> RegimeYear:
    return RegimeYear.objects.create(
        swv=region.school.swv, school_year="2025-2026", regime=Regime.SCHOOLGIDS
    )


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _pdf_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(response.content)
        out = subprocess.run(
            [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    return re.sub(r"\s+", " ", out)


def _consented(profile: Profile, region: Region) -> Profile:
    profile = bring_to("advice", profile, region)
    profile = services.record_advice(
        profile,
        region.user("mr"),  # type: ignore[arg-type]
        DATE,
        "Wij stemmen in.",
        outcome="instemming",
    )
    return services.adopt(
        profile,
        region.user("board"),  # type: ignore[arg-type]
        DATE,
        "dhr. D",
        "mw. B",
    )


def test_a_profile_waiting_for_consent_says_so_on_its_page_history_and_overview(
    region: Region, concept: Profile, schoolgids_year: RegimeYear
) -> None:
    profile = bring_to("advice", concept, region)
    page = _text(signed_in(region, "editor"), f"/profielen/{profile.pk}/")
    assert f"Status {WAITING}" in page
    assert f"concept → {WAITING}" in page  # the history
    assert "(G)MR" not in page
    staff = signed_in(region, "swv_staff")
    swv = region.school.swv_id
    overview = _text(staff, f"/swv/{swv}/overzicht/?jaar=2025-2026")
    assert WAITING in overview
    assert "ter advies" not in overview
    assert "(G)MR" not in overview
    for url in (f"/swv/{swv}/wijzigingen/", f"/swv/{swv}/scholen/", "/"):
        shown = _text(staff if url != "/" else signed_in(region, "editor"), url)
        assert WAITING in shown, url
        assert "ter advies bij (G)MR" not in shown, url


def test_a_consented_profile_names_the_consent_in_its_documents(
    region: Region, concept: Profile, schoolgids_year: RegimeYear
) -> None:
    profile = _consented(concept, region)
    client = signed_in(region, "editor")
    page = _text(client, f"/profielen/{profile.pk}/")
    assert "Instemming van de oudergeleding van de MR" in page
    assert "Advies (G)MR" not in page
    html = _text(client, f"/profielen/{profile.pk}/document/profiel/")
    assert "Instemming en vaststelling" in html
    assert "Instemming van de oudergeleding van de MR 3 februari 2026: Wij stemmen in." in html
    assert "Advies (G)MR" not in html
    assert "Advies en vaststelling" not in html
    pdf = _pdf_text(client, f"/profielen/{profile.pk}/document/profiel.pdf")
    assert "Instemming en vaststelling" in pdf
    assert "Instemming van de oudergeleding van de MR" in pdf
    assert "Advies (G)MR" not in pdf
    response = client.get(f"/profielen/{profile.pk}/document/profiel.pdf")
    assert "ondersteuningsaanbod-2025-2026.pdf" in response["Content-Disposition"]


def test_flash_messages_follow_the_regime(
    region: Region, concept: Profile, schoolgids_year: RegimeYear
) -> None:
    response = signed_in(region, "editor").post(
        f"/profielen/{concept.pk}/stap/submit_for_advice/", follow=True
    )
    assert f"Het ondersteuningsaanbod ligt nu {WAITING}." in response.content.decode()


def test_the_old_regime_reads_exactly_as_before(region: Region, concept: Profile) -> None:
    waiting = bring_to("advice", concept, region)
    client = signed_in(region, "editor")
    page = _text(client, f"/profielen/{waiting.pk}/")
    assert "Status ter advies bij (G)MR" in page
    assert "concept → ter advies bij (G)MR" in page
    overview = _text(signed_in(region, "swv_staff"), f"/swv/{region.school.swv_id}/overzicht/")
    assert "ter advies bij (G)MR" in overview
    assert "instemming" not in overview
    recorded = services.record_advice(waiting, region.user("mr"), DATE, "Positief advies.")  # type: ignore[arg-type]
    adopted = services.adopt(recorded, region.user("board"), DATE, "dhr. D", "mw. B")  # type: ignore[arg-type]
    assert adopted.state == State.ADOPTED
    html = _text(client, f"/profielen/{adopted.pk}/document/profiel/")
    assert "Advies en vaststelling" in html
    assert "Advies (G)MR 3 februari 2026" in html
    pdf = _pdf_text(client, f"/profielen/{adopted.pk}/document/profiel.pdf")
    assert "Advies en vaststelling" in pdf
    assert "Advies (G)MR" in pdf
    assert "instemming" not in pdf.lower()
