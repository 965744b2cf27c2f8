"""`opensop documents build`: an SWV's documents into a folder, on the demo region."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from opensop import cli
from opensop.demo.data import load_demo


@pytest.fixture
def demo(db: None) -> None:
    load_demo()


def build(*args: str) -> tuple[int, str]:
    out = StringIO()
    return cli.main(["documents", "build", *args], out=out), out.getvalue()


def test_all_schools_adopted_exits_0(
    demo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # PO 31-04 has one school, De Sterrenwacht, with an adopted profile.
    folder = tmp_path / "nieuw" / "map"  # created if missing
    status, summary = build(
        "--swv", "PO 31-04", "--year", "2025-2026", "--kind", "summary", str(folder)
    )
    pdf = "99XD00-basisschool-de-sterrenwacht-in-een-oogopslag-2025-2026.pdf"
    assert status == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted([pdf, "inhoud.txt"])
    assert (folder / pdf).read_bytes().startswith(b"%PDF")
    assert "1 van 1 scholen opgenomen (1 PDF-bestand), 0 overgeslagen" in summary
    assert f"[1/1] Basisschool De Sterrenwacht (99XD00): {pdf}" in capsys.readouterr().err


def test_schools_without_an_adopted_profile_exit_1_and_are_named(
    demo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "uit"  # (tmp_path also holds the media folder)
    # PO 31-06: De Verscheidenheid published, Het Kompas with the council, De Mijnlamp a concept.
    status, summary = build("--swv", "po31-06", "--year", "2025", "--kind", "summary", str(folder))
    assert status == 1
    assert sorted(p.name for p in folder.iterdir()) == [
        "99XA00-basisschool-de-verscheidenheid-in-een-oogopslag-2025-2026.pdf",
        "inhoud.txt",
    ]
    assert "1 van 3 scholen opgenomen (1 PDF-bestand), 2 overgeslagen" in summary
    progress = capsys.readouterr().err.splitlines()
    assert progress[0] == (
        "[1/3] Basisschool De Mijnlamp (99XF00): overgeslagen: het profiel voor 2025-2026 is "
        "nog niet vastgesteld (status: concept)"
    )
    contents = (folder / "inhoud.txt").read_text("utf-8")
    assert "Basisschool Het Kompas (99XB00): het profiel voor 2025-2026 is nog niet" in contents


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--swv", "PO 99-99", "--year", "2025-2026"],
            "Samenwerkingsverband 'PO 99-99' is niet bekend",
        ),
        (["--swv", "PO 31-04", "--year", "2025-2027"], "'2025-2027' is geen schooljaar"),
        (["--swv", "PO 31-04", "--year", "volgend jaar"], "is geen schooljaar"),
    ],
)
def test_bad_input_exits_2_with_a_dutch_message(
    demo: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    status, _ = build(*args, str(tmp_path / "uit"))
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "uit").exists()


def test_a_folder_that_cannot_be_written_exits_2(
    demo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "bestand.txt"
    blocker.write_text("geen map")
    status, _ = build("--swv", "PO 31-04", "--year", "2025-2026", str(blocker / "uit"))
    assert status == 2
    assert f"opensop: kan niet schrijven in {blocker / 'uit'}" in capsys.readouterr().err


def test_without_settings_it_says_so_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opensop.cli",
            "documents",
            "build",
            "--swv",
            "PO 31-04",
            "--year",
            "2025",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "opensop: Django kan niet starten: Zet DJANGO_SECRET_KEY" in result.stderr
