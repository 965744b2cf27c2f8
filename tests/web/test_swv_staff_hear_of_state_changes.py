"""Every state change is mailed to the staff of the school's SWV, once it is saved for good."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from opensop.accounts.models import Membership, Role
from opensop.profiles.models import Profile
from opensop.workflow import notifications, services
from tests.web.conftest import Region, signed_in
from tests.web.test_workflow_steps import bring_to


@pytest.fixture
def addresses(region: Region, settings: Any) -> None:
    """Everyone has an e-mail address, except a second staff member of the same SWV."""
    settings.OPENSOP_BASE_URL = "https://sop.example.nl"
    for persona, user in region.users.items():
        if isinstance(user, User):
            User.objects.filter(pk=user.pk).update(email=f"{persona}@example.nl")
    no_mail = User.objects.create_user("swv_staff_no_mail")
    Membership.objects.create(user=no_mail, role=Role.SWV_STAFF, swv=region.school.swv)


@pytest.mark.usefixtures("addresses")
def test_the_swvs_staff_get_one_plain_dutch_mail(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    [mail] = mailoutbox
    assert mail.to == ["swv_staff@example.nl"]  # not the other SWV, the inspectorate or the school
    assert mail.subject == "Profiel De Verscheidenheid 2025-2026: nu ter advies bij (G)MR"
    assert "De Verscheidenheid (99XA00), schooljaar 2025-2026" in mail.body
    assert "Van: concept\nNaar: ter advies bij (G)MR\nDoor: editor\n" in mail.body
    assert "Toelichting" not in mail.body  # no reason given for this step
    assert f"Bekijk het profiel: https://sop.example.nl/profielen/{concept.pk}/" in mail.body
    assert "medewerker bent van samenwerkingsverband Heerlen e.o. (PO 31-06)." in mail.body


@pytest.mark.usefixtures("addresses")
def test_the_reason_is_in_the_mail(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    profile = bring_to("advice", concept, region)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_concept(profile, region.user("board"), "Sectie 5 aanvullen.")  # type: ignore[arg-type]
    [mail] = mailoutbox
    assert "Van: ter advies bij (G)MR\nNaar: concept\nDoor: board\n" in mail.body
    assert "Toelichting: Sectie 5 aanvullen." in mail.body


@pytest.mark.usefixtures("addresses")
def test_the_other_swvs_staff_hear_of_their_own_schools(
    region: Region, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    editor = region.user("editor_other_school")
    profile = services.start_profile(region.other_school.pk, "2025-2026", editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_advice(profile, editor)  # type: ignore[arg-type]
    assert [m.to for m in mailoutbox] == [["swv_staff_other@example.nl"]]


@pytest.mark.usefixtures("addresses")
def test_sent_only_after_the_change_is_saved(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    assert mailoutbox == []  # still inside the transaction
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("addresses")
def test_nothing_is_sent_when_the_change_is_rolled_back(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    def submit_then_fail() -> None:
        with transaction.atomic():
            services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
            raise RuntimeError("the surrounding work fails")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        submit_then_fail()
    assert callbacks == []
    assert mailoutbox == []
    concept.refresh_from_db()
    assert concept.state == "concept"


@pytest.mark.usefixtures("addresses")
def test_a_refused_step_sends_nothing(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(region, "mr").post(f"/profielen/{concept.pk}/stap/submit_for_advice/")
    assert response.status_code == 403
    assert mailoutbox == []


@pytest.mark.usefixtures("addresses")
def test_a_step_on_the_page_sends_the_mail(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(region, "editor").post(f"/profielen/{concept.pk}/stap/submit_for_advice/")
    assert [m.to for m in mailoutbox] == [["swv_staff@example.nl"]]


@pytest.mark.usefixtures("addresses")
def test_every_staff_member_gets_their_own_mail(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    colleague = User.objects.create_user("tweede_medewerker", email="tweede@example.nl")
    Membership.objects.create(user=colleague, role=Role.SWV_STAFF, swv=region.school.swv)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    assert sorted(m.to for m in mailoutbox) == [["swv_staff@example.nl"], ["tweede@example.nl"]]


@pytest.mark.usefixtures("addresses")
def test_muted_changes_send_nothing(
    region: Region, concept: Profile, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    assert mailoutbox == []
