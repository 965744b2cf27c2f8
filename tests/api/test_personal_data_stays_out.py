"""Names, e-mail addresses and phone numbers of people (the answers a format marks
`personal: true`) are in no anonymous API response and in no open-data file; only the key
of the school's own SWV reads them, marked as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.api.conftest import Keys, Region, api_get
from tests.web.personal_data import (
    DIRECTOR,
    PO_GENERAL,
    PO_SECRETS,
    SECRETS,
    Published,
    leaked,
    published_with_names,
)


@pytest.fixture
def published(region: Region) -> Published:
    return published_with_names(region)


def test_no_anonymous_response_names_a_person(published: Published) -> None:
    urls = ["/api/v1/profielen/", "/api/v1/profielen/?laatste=true", "/api/v1/scholen/"]
    for profile in (published.primary, published.secondary):
        urls += [f"/api/v1/profielen/{profile.pk}/", f"/api/v1/scholen/{profile.school.code}/"]
    for url in urls:
        response = api_get(url)
        assert response.status_code == 200, url
        assert leaked(response.content.decode()) == [], url
    # What is not personal is still there: the school's general phone number.
    detail = api_get(f"/api/v1/profielen/{published.primary.pk}/").json()
    answers = {a["sleutel"]: a for a in detail["antwoorden"]}
    assert answers["telefoon"]["tekst"] == PO_GENERAL["telefoon"]
    assert answers["telefoon"]["persoonsgegeven"] is False
    assert "directeur" not in answers


def test_the_swvs_own_key_reads_the_names_marked_personal(published: Published, keys: Keys) -> None:
    url = f"/api/v1/profielen/{published.primary.pk}/"
    answers = {a["sleutel"]: a for a in api_get(url, keys.own).json()["antwoorden"]}
    assert answers["directeur"]["tekst"] == DIRECTOR
    assert answers["directeur"]["persoonsgegeven"] is True
    assert answers["telefoon"]["persoonsgegeven"] is False
    # Another SWV's key reads the public profile as the public does.
    assert leaked(api_get(url, keys.other).content.decode()) == []
    # And the own key does not read the names of another SWV's school.
    other = f"/api/v1/profielen/{published.secondary.pk}/"
    assert leaked(api_get(other, keys.own).content.decode()) == []


def test_the_formats_say_which_questions_are_personal(region: Region) -> None:
    form = api_get("/api/v1/formaten/zuid-limburg-po/1/").json()
    questions = {q["sleutel"]: q for s in form["secties"] for q in s["vragen"]}
    assert {k for k, q in questions.items() if q["persoonsgegeven"]} == {
        "namens_school",
        "namens_bestuur",
        "directeur",
        "intern_begeleiders",
    }


def test_no_open_data_file_names_a_person(published: Published, tmp_path: Path) -> None:
    call_command("export_open_data", str(tmp_path))
    files = sorted(tmp_path.iterdir())
    # Every file there is: the national and per-SWV CSVs and JSON, and the manifest.
    assert {f.suffix for f in files} == {".csv", ".json"}
    assert len(files) == 10
    for file in files:
        assert leaked(file.read_text("utf-8"), SECRETS) == [], file.name
    data = json.loads((tmp_path / "landelijk-profielen.json").read_text("utf-8"))
    assert {p["schoolnaam"] for p in data["profielen"]} == {"De Verscheidenheid", "Het Lyceum"}
    primary = next(p for p in data["profielen"] if p["schoolnaam"] == "De Verscheidenheid")
    keys = {a["sleutel"] for a in primary["antwoorden"]}
    assert "telefoon" in keys  # the school's general number: not personal
    assert keys.isdisjoint({"directeur", "intern_begeleiders", "namens_school"})
    answers_csv = (tmp_path / "landelijk-antwoorden.csv").read_text("utf-8")
    assert PO_GENERAL["email"] in answers_csv
    assert leaked(answers_csv, PO_SECRETS) == []
