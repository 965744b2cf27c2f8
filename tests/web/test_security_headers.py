"""What every response tells the browser: a Content-Security-Policy that allows scripts and
styles only from this site, a Permissions-Policy that switches off camera, microphone and
the like, and over HTTPS: HSTS; plain HTTP is sent to HTTPS when production asks for it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.web.conftest import Region, signed_in

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "opensop" / "templates"
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(header: str) -> dict[str, str]:
    """Directive → its sources; the order of the directives does not matter."""
    pairs = (d.strip().partition(" ") for d in header.split(";") if d.strip())
    return {name: sources for name, _, sources in pairs}


@pytest.mark.parametrize(
    "url",
    ["/inloggen/", "/zoeken/", "/api/v1/docs/", "/api/v1/ondersteuningsbehoeften/", "/niveaus/"],
)
def test_every_response_carries_the_content_security_policy(region: Region, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert _policy(response.headers["Content-Security-Policy"]) == POLICY


def test_pages_of_signed_in_people_carry_it_too(region: Region) -> None:
    response = signed_in(region, "editor").get("/")
    assert _policy(response.headers["Content-Security-Policy"]) == POLICY


def test_the_permissions_policy_switches_off_what_no_page_uses(region: Region) -> None:
    header = Client().get("/inloggen/").headers["Permissions-Policy"]
    features = dict(f.strip().split("=") for f in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_over_https_browsers_are_told_to_keep_to_https_for_a_year(region: Region) -> None:
    response = Client().get("/inloggen/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in Client().get("/inloggen/")  # never over HTTP


def test_plain_http_is_sent_to_https_when_production_asks(settings: Any, region: Region) -> None:
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/zoeken/?wat=dyslexie")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/zoeken/?wat=dyslexie"


def test_behind_a_proxy_its_header_says_the_request_was_https(
    settings: Any, region: Region
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get("/inloggen/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def test_the_api_docs_start_their_script_from_a_url_not_inline(region: Region) -> None:
    page = Client().get("/api/v1/docs/").content.decode()
    assert '<script src="/api/v1/docs/?script="></script>' in page
    assert "<style" not in page
    script = Client().get("/api/v1/docs/?script=")
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in script.content


# A template with any of these would be blocked by the policy (or need 'unsafe-inline').
INLINE = {
    "style attribute": re.compile(r"\sstyle\s*="),
    "style element": re.compile(r"<style"),
    "script without src": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>"),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']"),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx hx-on (needs eval)": re.compile(r"\s(data-)?hx-on"),
}


def test_no_template_has_inline_script_or_style() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}: {what}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text("utf-8"))
    ]
    assert found == []
