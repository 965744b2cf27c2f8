"""SWV staff see the schools of their SWV with each latest profile, add schools and change them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensop.accounts.models import Membership, Role
from opensop.organisations import services
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile
from opensop.workflow import services as workflow
from tests.web.conftest import PERSONAS, Region, signed_in

MANAGERS = {"swv_staff", "admin"}


def swv_of(region: Region) -> Swv:
    return region.school.swv


def new_school(region: Region, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Basisschool De Linde",
        "brin": "99XC",
        "location": "00",
        "street": "Lindelaan 4",
        "postcode": "6411 AB",
        "city": "Heerlen",
        "municipality": "Heerlen",
        "board": str(region.school.board_id),
        "new_board_name": "",
        "new_board_number": "",
    }
    return {**data, **changes}


def urls(region: Region) -> dict[str, str]:
    swv = swv_of(region)
    return {
        "list": f"/swv/{swv.pk}/scholen/",
        "add": f"/swv/{swv.pk}/scholen/toevoegen/",
        "edit": f"/swv/{swv.pk}/scholen/{region.school.pk}/wijzigen/",
    }


# ------------------------------------------------------------------ who may


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["list", "add", "edit"])
def test_only_staff_of_the_swv_and_admins_see_the_pages(
    region: Region, page: str, persona: str
) -> None:
    response = signed_in(region, persona).get(urls(region)[page])
    if persona in MANAGERS:
        assert response.status_code == 200
        assert "Heerlen e.o." in response.content.decode()
    else:
        assert response.status_code == 404  # not even shown to exist


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_of_the_swv_and_admins_add_a_school(region: Region, persona: str) -> None:
    response = signed_in(region, persona).post(urls(region)["add"], new_school(region))
    added = School.objects.filter(brin="99XC").first()
    if persona in MANAGERS:
        assert response.status_code == 302
        assert added is not None
        assert added.swv == swv_of(region)
    else:
        assert response.status_code == 404
        assert added is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_of_the_swv_and_admins_change_a_school(region: Region, persona: str) -> None:
    data = new_school(region, name="De Verscheidenheid (nieuw)", brin="99XA")
    response = signed_in(region, persona).post(urls(region)["edit"], data)
    region.school.refresh_from_db()
    if persona in MANAGERS:
        assert response.status_code == 302
        assert region.school.name == "De Verscheidenheid (nieuw)"
    else:
        assert response.status_code == 404
        assert region.school.name == "De Verscheidenheid"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_is_only_read(region: Region, persona: str) -> None:
    assert signed_in(region, persona).post(urls(region)["list"]).status_code == 405


def test_staff_of_the_other_swv_manage_their_own_schools_only(region: Region) -> None:
    other = signed_in(region, "swv_staff_other")
    other_swv = region.other_school.swv
    page = other.get(f"/swv/{other_swv.pk}/scholen/").content.decode()
    assert "Maasoever" in page
    assert "De Verscheidenheid" not in page
    # A school of one SWV cannot be reached through the address of another.
    staff = signed_in(region, "swv_staff")
    swv = swv_of(region)
    assert staff.get(f"/swv/{swv.pk}/scholen/{region.other_school.pk}/wijzigen/").status_code == 404
    assert staff.get(f"/swv/{swv.pk + 1000}/scholen/").status_code == 404


def test_the_service_refuses_staff_of_another_swv(region: Region) -> None:
    school = School(brin="99XC", location="00", name="Stiekem")
    with pytest.raises(services.SchoolError, match="Alleen medewerkers van PO 31-06"):
        services.add_school(
            swv_of(region), school, region.school.board, region.user("swv_staff_other")
        )
    assert not School.objects.filter(brin="99XC").exists()


# ------------------------------------------------------------------ the list


def test_the_list_shows_each_schools_latest_profile(region: Region, concept: Profile) -> None:
    editor = region.user("editor")
    workflow.submit_for_advice(concept, editor)  # type: ignore[arg-type]
    newer = workflow.start_profile(region.school.pk, "2026-2027", editor)
    School.objects.create(
        brin="99XD",
        name="Basisschool Zonder Profiel",
        board=region.school.board,
        swv=swv_of(region),
    )
    page = signed_in(region, "swv_staff").get(urls(region)["list"]).content.decode()
    assert "<caption" in page
    assert '<th scope="col">Laatste profiel</th>' in page
    assert f'<a href="/profielen/{newer.pk}/">2026-2027</a>' in page
    assert f'href="/profielen/{concept.pk}/"' not in page  # only the latest
    assert "99XA00" in page
    assert "Stichting A" in page
    assert "nog geen profiel" in page
    assert "Maasoever" not in page  # another SWV's school


def test_the_list_shows_the_state_in_dutch(region: Region, concept: Profile) -> None:
    workflow.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    page = signed_in(region, "swv_staff").get(urls(region)["list"]).content.decode()
    assert "ter advies bij (G)MR" in page


def add_schools(region: Region, numbers: range) -> None:
    """Schools with two profiles each, and each with a board of its own."""
    for n in numbers:
        school = School.objects.create(
            brin=f"{n:02d}ZZ",
            name=f"School {n}",
            board=Board.objects.create(name=f"Stichting {n}"),
            swv=swv_of(region),
        )
        for year in ("2024-2025", "2025-2026"):
            Profile.objects.create(
                school=school, school_year=year, format_id="zuid-limburg-po", format_version=1
            )


def queries_for_list(region: Region) -> int:
    client = signed_in(region, "swv_staff")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(urls(region)["list"]).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_few_queries_for_any_number_of_schools(
    region: Region, django_assert_max_num_queries: Any
) -> None:
    add_schools(region, range(10, 11))
    few = queries_for_list(region)
    add_schools(region, range(11, 30))
    assert queries_for_list(region) == few
    client = signed_in(region, "swv_staff")
    # One of them reads the SWV's regimes, for each state in the words of its year.
    with django_assert_max_num_queries(9):
        page = client.get(urls(region)["list"]).content.decode()
    assert page.count("2025-2026</a>") == 20


# ------------------------------------------------------------------ adding and changing


def test_adding_a_school_with_an_existing_board(region: Region) -> None:
    response = signed_in(region, "swv_staff").post(
        urls(region)["add"], new_school(region, brin="99xc"), follow=True
    )
    page = response.content.decode()
    assert "Basisschool De Linde is toegevoegd." in page
    school = School.objects.get(name="Basisschool De Linde")
    assert school.code == "99XC00"  # typed in lower case, saved as the register writes it
    assert school.board == region.school.board
    assert school.swv == swv_of(region)
    assert "Basisschool De Linde" in page  # back on the list


def test_a_new_board_is_created_together_with_the_school(region: Region) -> None:
    data = new_school(region, board="", new_board_name="Stichting Nieuw", new_board_number="41234")
    response = signed_in(region, "swv_staff").post(urls(region)["add"], data)
    assert response.status_code == 302
    school = School.objects.select_related("board").get(brin="99XC")
    assert (school.board.name, school.board.number) == ("Stichting Nieuw", "41234")


def test_a_duplicate_brin_and_location_is_refused_beside_the_field(region: Region) -> None:
    boards = Board.objects.count()
    data = new_school(region, brin="99XB", board="", new_board_name="Stichting Dubbel")
    response = signed_in(region, "swv_staff").post(urls(region)["add"], data)
    assert response.status_code == 400
    page = response.content.decode()
    message = "Er is al een school met brinnummer 99XB en vestiging 00: Maasoever."
    assert f'<ul class="field-errors" id="id_brin_error"><li>{message}' in page
    assert 'aria-describedby="id_brin_helptext id_brin_error"' in page
    assert 'aria-invalid="true"' in page
    assert '<a href="#id_brin">Brinnummer:' in page  # the summary at the top links to it
    assert 'value="Basisschool De Linde"' in page  # what was typed stays
    assert School.objects.count() == 2
    assert Board.objects.count() == boards  # the new board is not saved either


def test_another_location_of_the_same_brin_is_fine(region: Region) -> None:
    data = new_school(region, brin="99XA", location="01")
    assert signed_in(region, "swv_staff").post(urls(region)["add"], data).status_code == 302
    assert School.objects.filter(brin="99XA").count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"brin": "9XAB"}, "brin", "Een brinnummer is 2 cijfers en 2 letters, bijv. 12AB."),
        ({"location": "A"}, "location", "Een vestigingsnummer is 2 cijfers, bijv. 00."),
        ({"name": ""}, "name", "Dit veld is verplicht."),
        (
            {"board": ""},
            "board",
            "Kies het bestuur van de school, of vul de naam van een nieuw bestuur in.",
        ),
        (
            {"new_board_name": "Stichting C"},
            "new_board_name",
            "Kies een bestaand bestuur óf vul een nieuw bestuur in, niet allebei.",
        ),
        (
            {"board": "", "new_board_name": "Stichting C", "new_board_number": "123"},
            "new_board_number",
            "Een bevoegd-gezagnummer is 5 cijfers, bijv. 41234.",
        ),
    ],
)
def test_mistakes_are_explained_beside_their_field(
    region: Region, changes: dict[str, str], field: str, message: str
) -> None:
    response = signed_in(region, "swv_staff").post(
        urls(region)["add"], new_school(region, **changes)
    )
    assert response.status_code == 400
    assert f'id="id_{field}_error"><li>{message}' in response.content.decode()
    assert not School.objects.filter(name="Basisschool De Linde").exists()


def test_a_new_board_with_a_known_number_points_to_the_list(region: Region) -> None:
    Board.objects.create(name="Stichting Bekend", number="41234")
    data = new_school(region, board="", new_board_name="Stichting C", new_board_number="41234")
    response = signed_in(region, "swv_staff").post(urls(region)["add"], data)
    assert "Er is al een bestuur met bevoegd-gezagnummer 41234." in response.content.decode()
    assert not Board.objects.filter(name="Stichting C").exists()


def test_the_school_and_its_new_board_are_saved_together_or_not_at_all(region: Region) -> None:
    """Called without the form's checks, the service still saves nothing half."""
    boards = Board.objects.count()
    duplicate = School(brin="99XB", location="00", name="Dubbel")
    with pytest.raises(ValidationError):
        services.add_school(
            swv_of(region), duplicate, services.NewBoard("Stichting Half"), region.user("swv_staff")
        )
    assert Board.objects.count() == boards


def test_the_edit_form_shows_the_current_details(region: Region) -> None:
    page = signed_in(region, "swv_staff").get(urls(region)["edit"]).content.decode()
    assert "<h1>De Verscheidenheid wijzigen" in page
    assert 'value="99XA"' in page
    assert f'<option value="{region.school.board_id}" selected>Stichting A</option>' in page
    assert "verwijder" not in page.replace("Een school verwijderen kan niet", "").lower()


def test_a_school_stays_in_its_swv(region: Region) -> None:
    data = new_school(region, brin="99XA", swv=str(region.other_school.swv_id))
    signed_in(region, "swv_staff").post(urls(region)["edit"], data)
    region.school.refresh_from_db()
    assert region.school.swv == swv_of(region)


def test_changing_to_a_new_board(region: Region) -> None:
    data = new_school(region, brin="99XA", board="", new_board_name="Stichting Fusie")
    assert signed_in(region, "admin").post(urls(region)["edit"], data).status_code == 302
    region.school.refresh_from_db()
    assert region.school.board.name == "Stichting Fusie"
    assert region.school.board.number is None


def test_header_links_for_swv_staff(region: Region) -> None:
    swv = swv_of(region)
    page = signed_in(region, "swv_staff").get("/").content.decode()
    assert f'<a href="/swv/{swv.pk}/scholen/">Scholen</a>' in page
    assert f'<a href="/swv/{swv.pk}/wijzigingen/">Statuswijzigingen</a>' in page
    for persona in ("editor", "board", "inspectorate", "anonymous"):
        assert "/scholen/" not in signed_in(region, persona).get("/").content.decode()


def test_staff_of_two_swvs_see_which_is_which(region: Region) -> None:
    other_swv = region.other_school.swv
    Membership.objects.create(user=region.user("swv_staff"), role=Role.SWV_STAFF, swv=other_swv)
    client = signed_in(region, "swv_staff")
    page = client.get(f"/swv/{other_swv.pk}/scholen/").content.decode()
    assert (
        f'<a href="/swv/{other_swv.pk}/scholen/" aria-current="page">Scholen PO 31-05</a>' in page
    )
    assert "Statuswijzigingen PO 31-06</a>" in page
    assert "Maasoever" in page
