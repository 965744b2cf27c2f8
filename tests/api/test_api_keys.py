"""SWV staff make a key on their SWV's page, see it once, and revoke it; only its hash is
kept; a revoked or unknown key is refused with a Dutch message."""

from __future__ import annotations

import re

from opensop.accounts.invitations import hash_token
from opensop.api.models import ApiKey
from opensop.profiles.models import Profile
from tests.api.conftest import Keys, Region, api_get
from tests.web.conftest import signed_in


def test_staff_make_a_key_and_see_it_only_once(region: Region, concept: Profile) -> None:
    client = signed_in(region, "swv_staff")
    page = f"/swv/{region.school.swv_id}/api-sleutels/"
    made = client.post(page, {"naam": "Website SWV"})
    assert made.status_code == 200
    assert made.headers["Cache-Control"].startswith("max-age=0")
    shown = re.search(r'value="(sop_[^"]+)"', made.content.decode())
    assert shown is not None
    plain = shown.group(1)
    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_token(plain)
    assert plain not in stored.key_hash
    assert stored.created_by == region.user("swv_staff")
    again = client.get(page).content.decode()
    assert plain not in again
    assert "Website SWV" in again
    assert "nog nooit" in again
    # The key works for the SWV's own concept, and its use is noted.
    assert api_get(f"/api/v1/profielen/{concept.pk}/", plain).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_key_needs_a_name(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    response = client.post(f"/swv/{region.school.swv_id}/api-sleutels/", {"naam": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_a_revoked_key_is_refused(region: Region, concept: Profile, keys: Keys) -> None:
    key = ApiKey.objects.get(swv=region.school.swv)
    client = signed_in(region, "swv_staff")
    revoked = client.post(f"/swv/{region.school.swv_id}/api-sleutels/{key.pk}/intrekken/")
    assert revoked.status_code == 302
    response = api_get("/api/v1/scholen/", keys.own)
    assert response.status_code == 401
    assert response.json() == {"fout": "Deze API-sleutel bestaat niet of is ingetrokken."}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (
        "ingetrokken op"
        in client.get(f"/swv/{region.school.swv_id}/api-sleutels/").content.decode()
    )


def test_a_made_up_or_malformed_key_is_refused(region: Region) -> None:
    assert api_get("/api/v1/scholen/", "sop_verzonnen").status_code == 401
    response = api_get("/api/v1/scholen/", "twee delen")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["fout"]


def test_staff_of_another_swv_cannot_revoke_a_key(region: Region, keys: Keys) -> None:
    key = ApiKey.objects.get(swv=region.school.swv)
    client = signed_in(region, "swv_staff_other")
    response = client.post(f"/swv/{region.other_school.swv_id}/api-sleutels/{key.pk}/intrekken/")
    assert response.status_code == 404
    key.refresh_from_db()
    assert key.active


def test_staff_choose_to_publish_norm_outcomes(region: Region, published: Profile) -> None:
    path = f"/api/v1/profielen/{published.pk}/"
    assert api_get(path).json()["normuitkomsten"] is None
    client = signed_in(region, "swv_staff")
    setting = f"/swv/{region.school.swv_id}/api-sleutels/normuitkomsten/"
    assert client.post(setting, {"openbaar": "on"}).status_code == 302
    outcomes = api_get(path).json()["normuitkomsten"]
    assert outcomes
    assert {o["uitkomst"] for o in outcomes} <= {
        "voldoet",
        "voldoet_niet",
        "onvolledig",
    }
    assert all(o["titel"] for o in outcomes)
    assert client.post(setting, {}).status_code == 302
    assert api_get(path).json()["normuitkomsten"] is None
