"""`export_open_data` writes the public profiles per SWV and nationally as CSV and JSON;
/open-data/ offers them with their date and licence. Nothing unpublished; no formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.api.conftest import Region
from tests.web.test_workflow_steps import bring_to


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8")), delimiter=";"))


def test_the_export_holds_published_profiles_only(
    region: Region, published: Profile, tmp_path: Path
) -> None:
    # The other school has a concept: it must not appear anywhere.
    services.start_profile(region.other_school.pk, "2025-2026", region.user("editor_other_school"))
    region.school.name = '=HYPERLINK("http://kwaad.example")'
    region.school.save()
    call_command("export_open_data", str(tmp_path / "uit"))
    out = tmp_path / "uit"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["licentie"] == "CC0-1.0"
    assert manifest["datum"]
    names = {f["naam"] for f in manifest["bestanden"]}
    assert names == {
        "landelijk-behoeften.csv",
        "landelijk-antwoorden.csv",
        "landelijk-profielen.json",
        "swv-po-31-06-behoeften.csv",
        "swv-po-31-06-antwoorden.csv",
        "swv-po-31-06-profielen.json",
    }
    needs = _csv(out / "landelijk-behoeften.csv")
    assert {row["school"] for row in needs} == {"99XA00"}
    assert len(needs) == len(published.summary.needs)
    # A school name that a spreadsheet would run as a formula is plain text.
    assert {row["schoolnaam"] for row in needs} == {'\'=HYPERLINK("http://kwaad.example")'}
    answers = _csv(out / "swv-po-31-06-antwoorden.csv")
    school = next(row for row in answers if row["sleutel"] == "school_naam")
    assert school["antwoord"] == published.answers["school_naam"]
    assert school["vraag"]
    data = json.loads((out / "landelijk-profielen.json").read_text("utf-8"))
    assert [p["profiel"] for p in data["profielen"]] == [published.pk]
    assert data["profielen"][0]["normuitkomsten"] is None  # the SWV does not publish them
    assert data["licentie"] == "CC0-1.0"


def test_an_unpublished_profile_is_in_no_file(
    region: Region, concept: Profile, tmp_path: Path
) -> None:
    bring_to("adopted", concept, region)
    call_command("export_open_data", str(tmp_path))
    data = json.loads((tmp_path / "landelijk-profielen.json").read_text("utf-8"))
    assert data["profielen"] == []
    assert len(_csv(tmp_path / "landelijk-behoeften.csv")) == 0
    assert not list(tmp_path.glob("swv-*"))


def test_the_download_page_offers_the_files(
    region: Region, published: Profile, media: Path
) -> None:
    page = Client().get("/open-data/").content.decode()
    assert "Er zijn nog geen bestanden" in page
    assert Client().get("/open-data/landelijk-behoeften.csv").status_code == 404
    call_command("export_open_data")
    page = Client().get("/open-data/").content.decode()
    assert "CC0 1.0" in page
    assert "Gegevens van" in page
    assert "swv-po-31-06-profielen.json" in page
    response = Client().get("/open-data/landelijk-behoeften.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    assert b"99XA00" in b"".join(response.streaming_content)  # type: ignore[arg-type]
    # Only what the manifest lists is reachable, even if the storage holds more.
    (media / "open-data" / "geheim.csv").write_text("x")
    assert Client().get("/open-data/geheim.csv").status_code == 404
    assert Client().get("/open-data/manifest.json").status_code == 404
