"""Which council takes part, with which right, is format data; the default is the SOP's
(G)MR advice and the law's consent of the parents' section for the schoolgids."""

from __future__ import annotations

import pytest

from opensop.formats.definition import CouncilBody, CouncilRight
from opensop.formats.loader import DefinitionError, parse_definition
from tests.formats.conftest import FORMAT_HEADER

SECTIONS = """\
sections:
  - number: "1"
    title: Proef
    items:
      - {key: naam, kind: text, label: Naam}
"""


def test_a_format_without_a_participation_step_keeps_the_g_mr_advice() -> None:
    participation = parse_definition(FORMAT_HEADER + SECTIONS).participation
    sop = participation.schoolondersteuningsprofiel
    assert (sop.body, sop.right, sop.body_label) == ("mr_of_gmr", "advies", "(G)MR")
    gids = participation.schoolgids
    assert (gids.body, gids.right) == ("oudergeleding", "instemming")


def test_a_format_asks_consent_of_the_mr_for_its_profile() -> None:
    text = (
        FORMAT_HEADER
        + SECTIONS
        + ("participation:\n  schoolondersteuningsprofiel: {body: mr, right: instemming}\n")
    )
    step = parse_definition(text).participation.schoolondersteuningsprofiel
    assert (step.body, step.right) == (CouncilBody.MR, CouncilRight.INSTEMMING)


def test_an_unknown_body_is_named_with_the_choices() -> None:
    text = FORMAT_HEADER + SECTIONS + "participation:\n  schoolgids: {body: ouderraad}\n"
    with pytest.raises(DefinitionError) as caught:
        parse_definition(text, "fout.yaml")
    [problem] = [p.render() for p in caught.value.problems]
    assert "participation.schoolgids.body" in problem
    assert "'oudergeleding'" in problem
