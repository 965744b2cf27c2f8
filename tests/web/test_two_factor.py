"""SWV staff and admins log in with a second step; school staff may choose to."""

from __future__ import annotations

import re

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.web.conftest import Region


def login(persona: str) -> tuple[Client, str]:
    client = Client()
    response = client.post(
        "/inloggen/", {"username": persona, "password": "wachtwoord-123"}, follow=True
    )
    return client, response.content.decode()


def current_code(device: TOTPDevice) -> str:
    return (
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"
    )


def set_up_app(client: Client, persona: str) -> list[str]:
    device = TOTPDevice.objects.get(user__username=persona, confirmed=False)
    page = client.post(
        "/tweestapsverificatie/instellen/", {"code": current_code(device)}
    ).content.decode()
    assert "Tweestapsverificatie staat aan" in page
    return re.findall(r"<code>(\d{8})</code>", page)


def test_swv_staff_must_set_up_an_app_before_anything_else(region: Region, concept: object) -> None:
    client, page = login("swv_staff")
    assert "Tweestapsverificatie instellen" in page
    assert "<svg" in page  # the QR code
    assert client.get("/").status_code == 302  # nothing else until the second step is done
    codes = set_up_app(client, "swv_staff")
    assert len(codes) == 10
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(region: Region) -> None:
    client, _ = login("admin")
    response = client.post("/tweestapsverificatie/instellen/", {"code": "000000"})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()


def test_next_login_asks_for_the_code_and_a_recovery_code_works_once(region: Region) -> None:
    client, _ = login("swv_staff")
    codes = set_up_app(client, "swv_staff")
    client, page = login("swv_staff")
    assert "Tweede stap: code uit uw app" in page
    assert client.get("/").status_code == 302
    page = client.post(
        "/tweestapsverificatie/controleren/", {"code": codes[0]}, follow=True
    ).content.decode()
    assert "nog 9 over" in page
    client, _ = login("swv_staff")
    reused = client.post("/tweestapsverificatie/controleren/", {"code": codes[0]})
    assert reused.status_code == 400


def test_the_app_code_works_at_login(region: Region) -> None:
    client, _ = login("swv_staff")
    set_up_app(client, "swv_staff")
    device = TOTPDevice.objects.get(user__username="swv_staff", confirmed=True)
    device.last_t = -1  # django-otp refuses a code twice in one time step; this is a new login
    device.save()
    client, _ = login("swv_staff")
    response = client.post("/tweestapsverificatie/controleren/", {"code": current_code(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_school_staff_are_not_forced(region: Region) -> None:
    _, page = login("editor")
    assert "Ingelogd als editor" in page
    assert "Tweestapsverificatie</a>" in page  # offered, not required
