"""The example profiles of both formats give the results a school and an SWV expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opensop.cli import main
from opensop.formats.norms import Outcome
from opensop.formats.profile import check_profile_text
from opensop.formats.registry import FormatRegistry
from tests.formats.conftest import EXAMPLES

FORMATS = ["zuid-limburg-po", "zuid-kennemerland-vo"]


def check(registry: FormatRegistry, path: Path):  # type: ignore[no-untyped-def]
    return check_profile_text(path.read_text("utf-8"), registry, str(path))


@pytest.mark.parametrize("format_id", FORMATS)
def test_the_school_that_meets_every_norm(registry: FormatRegistry, format_id: str) -> None:
    result = check(registry, EXAMPLES / format_id / "voldoet.yaml")
    assert result.errors == []
    assert result.missing == []
    assert {r.norm.key: r.outcome for r in result.norms} == {
        r.norm.key: Outcome.VOLDOET for r in result.norms
    }
    assert result.passed


@pytest.mark.parametrize("format_id", FORMATS)
def test_the_school_that_falls_short(registry: FormatRegistry, format_id: str) -> None:
    result = check(registry, EXAMPLES / format_id / "voldoet-niet.yaml")
    assert result.errors == []
    failing = [r for r in result.norms if r.outcome is Outcome.VOLDOET_NIET]
    assert failing, "the example must fail at least one norm"
    assert not result.passed


def test_zuid_limburg_falls_short_on_five_norms(registry: FormatRegistry) -> None:
    result = check(registry, EXAMPLES / "zuid-limburg-po" / "voldoet-niet.yaml")
    outcomes = {r.norm.key: r.outcome for r in result.norms}
    assert outcomes == {
        "basisarrangement": Outcome.VOLDOET_NIET,
        "zorgindicatoren_minimaal_3": Outcome.VOLDOET_NIET,
        "handelingsgericht_minimaal_75_procent": Outcome.VOLDOET_NIET,
        "interventies_passend": Outcome.VOLDOET_NIET,
        "netwerkafspraken_bij_score_onder_4": Outcome.VOLDOET_NIET,
        "ondersteuningsstructuur_verankerd": Outcome.VOLDOET,
        "handelingsgericht_plan_vanaf_niveau_3": Outcome.VOLDOET,
    }


@pytest.mark.parametrize("format_id", FORMATS)
def test_the_incomplete_concept(registry: FormatRegistry, format_id: str) -> None:
    result = check(registry, EXAMPLES / format_id / "onvolledig.yaml")
    assert result.errors == []
    assert result.missing, "a concept misses required answers"
    assert any(r.outcome is Outcome.ONVOLLEDIG for r in result.norms)


@pytest.mark.parametrize(
    ("name", "status"), [("voldoet", 0), ("voldoet-niet", 1), ("onvolledig", 1)]
)
@pytest.mark.parametrize("format_id", FORMATS)
def test_cli_exit_status_follows_the_verdict(
    format_id: str, name: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profile", "check", str(EXAMPLES / format_id / f"{name}.yaml")]) == status
    out = capsys.readouterr().out
    assert "Oordeel:" in out
    assert "Traceback" not in out


def test_cli_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "zuid-limburg-po" / "voldoet-niet.yaml"
    assert main(["profile", "check", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True
    assert report["meets_all_norms"] is False
    norm = next(n for n in report["norms"] if n["key"] == "handelingsgericht_minimaal_75_procent")
    assert norm["outcome"] == "voldoet_niet"
    assert "band 3" in norm["interpretation"]
    levels = {n["code"]: n["level"] for n in report["support_needs"]}
    assert levels["meer_hoogbegaafdheid"] == "in_ontwikkeling"
