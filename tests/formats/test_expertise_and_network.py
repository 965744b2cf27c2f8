"""Section 3.4 of seed 000 as summable data: FTE per role and level, care hub, network."""

from __future__ import annotations

from opensop.formats.definition import FormatDefinition
from opensop.formats.expertise import Expertise, asks_expertise, expertise_of, network_options
from opensop.formats.profile import evaluate_answers
from opensop.formats.source import load_yaml
from tests.formats.conftest import EXAMPLES


def _values(definition: FormatDefinition, example: str) -> dict[str, object]:
    path = EXAMPLES / definition.id / f"{example}.yaml"
    data, _ = load_yaml(path.read_text("utf-8"))
    return evaluate_answers(definition, data["answers"]).values


def test_fte_hub_and_network_of_a_complete_profile(zuid_limburg: FormatDefinition) -> None:
    found = expertise_of(zuid_limburg, _values(zuid_limburg, "voldoet"))
    assert found.fte["niveau_1/leraar"] == 16.4
    assert found.fte["niveau_3/~gedragsspecialist"] == 0.4
    assert found.hub["knooppunt_structureel.jgz"] is True
    assert found.hub["knooppunt_incidenteel.ivh"] is False
    assert ("ggz", ["jw", "zvw"]) in found.network
    assert Expertise.from_dict(found.as_dict()) == found
    partners, payers = network_options(zuid_limburg)
    assert partners["ggz"] == "GGZ"
    assert payers["zvw"] == "ZVW"


def test_a_format_without_section_3_4_yields_nothing(zuid_kennemerland: FormatDefinition) -> None:
    assert not asks_expertise(zuid_kennemerland)
    assert not expertise_of(zuid_kennemerland, _values(zuid_kennemerland, "voldoet")).asked
