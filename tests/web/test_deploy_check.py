"""Production settings from the environment pass Django's deploy check without a warning:
HTTPS redirect, HSTS for a year, secure cookies, a long secret key, allowed hosts. Each run
is a fresh interpreter with only the environment a production server would have (the
settings module reads the environment once, when it is imported)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "sop.example.nl",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://sop.example.nl",
}


def _environment(**extra: str) -> dict[str, str]:
    """This machine's environment without any Django setting the tests made, plus `extra`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OPENSOP_"))}
    return {**kept, **PRODUCTION, **extra}


def _run(arguments: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=_environment(**extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    return _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **extra)


def _settings(**extra: str) -> dict[str, Any]:
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SILENCED_SYSTEM_CHECKS",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    result = _run(["-c", script], DJANGO_SETTINGS_MODULE="opensop.settings", **extra)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


def test_production_settings_pass_the_deploy_check() -> None:
    result = _deploy_check()
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_the_deploy_check_would_say_so_when_https_is_switched_off() -> None:
    """The check above is not empty by accident: turning HSTS and the redirect off shows."""
    result = _deploy_check(DJANGO_SECURE_HSTS_SECONDS="0", DJANGO_SECURE_SSL_REDIRECT="0")
    assert result.returncode == 1
    assert "security.W004" in result.stderr  # HSTS
    assert "security.W008" in result.stderr  # redirect to HTTPS


def test_production_uses_https_only_for_a_year_without_preload() -> None:
    production = _settings()
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is False
    assert production["SECURE_PROXY_SSL_HEADER"] is None


def test_https_settings_come_from_the_environment() -> None:
    behind_proxy = _settings(
        DJANGO_SECURE_HSTS_SECONDS="3600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_SECURE_HSTS_PRELOAD="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    assert behind_proxy["SECURE_HSTS_SECONDS"] == 3600
    assert behind_proxy["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert behind_proxy["SECURE_HSTS_PRELOAD"] is True
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert behind_proxy["SILENCED_SYSTEM_CHECKS"] == []  # with preload nothing is silenced


def test_development_has_no_https_redirect_or_hsts() -> None:
    development = _settings(DJANGO_DEBUG="1")
    assert development["SECURE_SSL_REDIRECT"] is False
    assert development["SECURE_HSTS_SECONDS"] == 0


def test_a_proxy_header_without_its_value_is_refused_in_dutch() -> None:
    result = _run(
        ["-c", "from django.conf import settings; settings.DEBUG"],
        DJANGO_SETTINGS_MODULE="opensop.settings",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    assert result.returncode == 1
    assert "DJANGO_SECURE_PROXY_SSL_HEADER moet een naam en een waarde zijn" in result.stderr
