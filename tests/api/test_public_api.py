"""What another system reads without a key: SWVs, schools by BRIN + location, published
profiles with answers in the format's words and the level per need, formats and the
vocabulary; filters by sector, SWV, municipality, need and level; stable order."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.test import Client

from opensop.organisations.models import Board, School, Swv
from opensop.overview.models import ProfileSummary
from opensop.profiles.models import Profile
from tests.api.conftest import Region, api_get
from tests.web.conftest import zuid_kennemerland


def test_a_school_by_brin_and_location_with_its_published_levels(
    region: Region, published: Profile
) -> None:
    school = api_get("/api/v1/scholen/99xa00/").json()
    assert school["id"] == "99XA00"
    assert school["naam"] == "De Verscheidenheid"
    assert school["sector"] == "PO"
    assert school["samenwerkingsverband"] == region.school.swv_id
    summary = ProfileSummary.objects.get(profile=published)
    assert school["gepubliceerd_profiel"]["id"] == published.pk
    assert school["gepubliceerd_profiel"]["niveaus"] == summary.needs
    assert api_get("/api/v1/scholen/99XA01/").status_code == 404
    assert api_get("/api/v1/scholen/99XA01/").json() == {"fout": "Niet gevonden."}


def test_a_published_profile_reads_in_the_formats_words(published: Profile) -> None:
    profile = api_get(f"/api/v1/profielen/{published.pk}/").json()
    assert profile["school"] == "99XA00"
    assert profile["status"] == "published"
    assert profile["formaat"] == {"id": "zuid-limburg-po", "versie": 1}
    answers = {a["sleutel"]: a for a in profile["antwoorden"]}
    school = answers["school_naam"]
    assert school["vraag"]
    assert school["tekst"] == published.answers["school_naam"]
    assert school["persoonsgegeven"] is False
    # Who the director is, is personal data: not for the public (test_personal_data_*).
    assert "directeur" not in answers
    # A choice shows its label, not its stored code.
    choices = [a for a in profile["antwoorden"] if a["soort"] == "choice" and a["waarde"]]
    assert choices
    assert all(a["tekst"] != a["waarde"] for a in choices)
    assert set(profile["niveaus"].values()) <= {
        "geen",
        "in_ontwikkeling",
        "aanwezig",
        "specialistisch",
        None,
    }
    # The list leaves the answers out: they are per profile.
    listed = api_get("/api/v1/profielen/").json()["results"][0]
    assert "antwoorden" not in listed
    assert listed["niveaus"] == profile["niveaus"]


def _school(region: Region, brin: str, swv: Swv, municipality: str) -> School:
    board = Board.objects.create(name=f"Bestuur {brin}")
    return School.objects.create(
        brin=brin, name=f"School {brin}", board=board, swv=swv, municipality=municipality
    )


def test_filters_and_a_stable_order(region: Region, published: Profile) -> None:
    region.school.municipality = "Heerlen"
    region.school.save()
    secondary = zuid_kennemerland()
    _school(region, "11AA", secondary, "Haarlem")
    _school(region, "10AA", region.school.swv, "Heerlen")

    def ids(**params: object) -> list[str]:
        return [s["id"] for s in api_get("/api/v1/scholen/", **params).json()["results"]]

    assert ids() == ["10AA00", "11AA00", "99XA00", "99XB00"]
    assert ids(sector="VO") == ["11AA00"]
    assert ids(samenwerkingsverband=region.school.swv_id) == ["10AA00", "99XA00"]
    assert ids(gemeente="heerlen") == ["10AA00", "99XA00"]
    needs = ProfileSummary.objects.get(profile=published).needs
    offered = next(code for code, level in needs.items() if level in ("aanwezig", "specialistisch"))
    assert ids(behoefte=offered) == ["99XA00"]
    level_of_offered = needs[offered]
    above = {"aanwezig": "specialistisch", "specialistisch": None}[level_of_offered]
    if above:
        assert ids(behoefte=offered, niveau=above) == []
    assert ids(behoefte=offered, niveau="geen") == ["99XA00"]
    scale = ["geen", "in_ontwikkeling", "aanwezig", "specialistisch"]
    for code, level in needs.items():  # found when asking its own level or lower, not higher
        if level in scale:
            for niveau in scale:
                found = ids(behoefte=code, niveau=niveau)
                assert found == (["99XA00"] if scale.index(niveau) <= scale.index(level) else [])
    profiles = api_get("/api/v1/profielen/", behoefte=offered, sector="PO").json()
    assert [p["id"] for p in profiles["results"]] == [published.pk]
    assert api_get("/api/v1/profielen/", gemeente="Haarlem").json()["count"] == 0
    assert api_get("/api/v1/profielen/", school="99XA00", laatste="true").json()["count"] == 1


def test_bad_filters_get_a_dutch_message(region: Region) -> None:
    response = api_get("/api/v1/scholen/", behoefte="vliegen")
    assert response.status_code == 400
    body = response.json()
    assert body["fout"].startswith("De vraag klopt niet")
    assert "behoefte" in body["velden"]
    assert api_get("/api/v1/scholen/", pagina="99").json() == {"fout": "Niet gevonden."}


def test_pages_of_at_most_a_hundred(region: Region) -> None:
    page = api_get("/api/v1/scholen/", per_pagina="100").json()
    assert page["count"] == 2
    assert page["next"] is None
    first = api_get("/api/v1/scholen/", per_pagina="1").json()
    assert len(first["results"]) == 1
    assert "pagina=2" in first["next"]
    too_many = api_get("/api/v1/scholen/", per_pagina="500")
    assert too_many.status_code == 400
    assert too_many.json()["velden"] == {
        "per_pagina": ["Geef een heel getal van 1 tot en met 100."]
    }


def test_swvs_formats_and_the_vocabulary(region: Region) -> None:
    swvs = api_get("/api/v1/samenwerkingsverbanden/").json()["results"]
    assert [s["code"] for s in swvs] == ["PO 31-05", "PO 31-06"]
    assert swvs[0]["publiceert_normuitkomsten"] is False
    formats = api_get("/api/v1/formaten/").json()
    assert {"id": "zuid-limburg-po", "versie": 1} in [
        {"id": f["id"], "versie": f["versie"]} for f in formats
    ]
    detail = api_get("/api/v1/formaten/zuid-limburg-po/1/").json()
    assert detail["secties"]
    assert detail["normen"]
    assert api_get("/api/v1/formaten/zuid-limburg-po/99/").status_code == 404
    needs = api_get("/api/v1/ondersteuningsbehoeften/").json()
    assert any("dyslexie" in n["code"] or "dyslexie" in n["naam"].lower() for n in needs)


def test_cors_is_open_for_public_reads_only(region: Region) -> None:
    origin = {"HTTP_ORIGIN": "https://school.example"}
    assert Client().get("/api/v1/scholen/", **origin).headers["Access-Control-Allow-Origin"] == "*"
    preflight = Client().options(
        "/api/v1/scholen/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
        **origin,
    )
    assert "authorization" not in preflight.headers.get("Access-Control-Allow-Headers", "")
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in Client().get("/open-data/", **origin).headers
    assert "Access-Control-Allow-Origin" not in Client().get("/inloggen/", **origin).headers
    assert Client().post("/api/v1/scholen/", **origin).status_code in (403, 405)


def test_the_docs_page_loads_its_scripts_from_this_site(region: Region) -> None:
    page = Client().get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    schema = Client().get("/api/v1/schema/", {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/scholen/{code}/" in schema["paths"]
