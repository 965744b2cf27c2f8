"""Two published profiles that name people, for the tests of what the public sees of them.

- De Verscheidenheid (99XA, PO 31-06, the Zuid-Limburg format): its director and IB'ers by
  name, the names of who signed in section 1 and at adoption; its phone number and e-mail
  address are the school's general ones (not personal in this format).
- Het Lyceum (99ZK, VO 27-05, the Zuid-Kennemerland format): its zorgcoördinator with her
  own e-mail address and phone number (all three personal in this format).

Every name, address and number below is made up and appears nowhere else in the test data,
so finding one in a response means it leaked.
"""

from __future__ import annotations

from dataclasses import dataclass

from opensop.accounts.access import forget_roles
from opensop.accounts.models import Membership, Role
from opensop.demo.data import example_answers
from opensop.organisations.models import School
from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.formats.conftest import EXAMPLES
from tests.web.conftest import Region, zuid_kennemerland
from tests.web.test_workflow_steps import DATE

DIRECTOR = "mw. Quirina Zwartkop"
IB = "dhr. Bartholomeus Vlierboom"
BOARD_SIGNATORY = "dhr. Hieronymus Appelmans"
PO_PERSONAL = {
    "directeur": DIRECTOR,
    "intern_begeleiders": IB,
    "namens_school": DIRECTOR,
    "namens_bestuur": BOARD_SIGNATORY,
}
PO_GENERAL = {"telefoon": "045 123 45 67", "email": "info@deverscheidenheid.nl"}

COORDINATOR = "mw. Ermengarde Klaproos"
COORDINATOR_EMAIL = "e.klaproos@lyceum.example"
COORDINATOR_PHONE = "023 987 65 43"
VO_PERSONAL = {
    "zorgcoordinator": COORDINATOR,
    "contact_email": COORDINATOR_EMAIL,
    "contact_telefoon": COORDINATOR_PHONE,
}

# What must never reach the public API, the open data, the search or the school page.
PO_SECRETS = [DIRECTOR, IB, BOARD_SIGNATORY]
VO_SECRETS = [COORDINATOR, COORDINATOR_EMAIL, COORDINATOR_PHONE]
SECRETS = PO_SECRETS + VO_SECRETS


@dataclass(frozen=True)
class Published:
    primary: Profile  # De Verscheidenheid
    secondary: Profile  # Het Lyceum


def _through_the_workflow(region: Region, school: School, answers: dict[str, object]) -> Profile:
    editor, mr, board = region.user("editor"), region.user("mr"), region.user("board")
    profile = services.start_profile(school.pk, "2025-2026", editor)
    profile = services.save_answers(profile, editor, answers, profile.revision)
    profile = services.submit_for_advice(profile, editor)
    profile = services.record_advice(profile, mr, DATE, "Positief advies.")
    signatory = str(answers.get("namens_school", answers.get("zorgcoordinator")))
    profile = services.adopt(profile, board, DATE, signatory, BOARD_SIGNATORY)
    return services.publish(profile, board)


def published_with_names(region: Region) -> Published:
    """Both schools' profiles, published by their own people through the workflow."""
    po = example_answers(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml") | PO_PERSONAL | PO_GENERAL
    primary = _through_the_workflow(region, region.school, po)
    lyceum = School.objects.create(
        brin="99ZK", name="Het Lyceum", board=region.school.board, swv=zuid_kennemerland()
    )
    for persona, role in (("editor", Role.SCHOOL_EDITOR), ("mr", Role.MR_MEMBER)):
        Membership.objects.create(user=region.user(persona), role=role, school=lyceum)  # type: ignore[misc]
        forget_roles(region.user(persona))
    vo = example_answers(EXAMPLES / "zuid-kennemerland-vo" / "voldoet.yaml") | VO_PERSONAL
    secondary = _through_the_workflow(region, lyceum, vo)
    return Published(primary, secondary)


def leaked(text: str, secrets: list[str] = SECRETS) -> list[str]:
    """The names, addresses and numbers of people that `text` holds."""
    return [secret for secret in secrets if secret in text]
