"""No malformed definition or answer file makes the command line show a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from opensop.cli import main
from tests.formats.conftest import FORMAT_HEADER

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(8)
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(args)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return status, output


def test_format_list_shows_both_seed_formats(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(["format", "list"], capsys)
    assert status == 0
    assert "zuid-limburg-po  versie 1  PO" in out
    assert "zuid-kennemerland-vo  versie 1  VO" in out


def test_format_check_reports_file_line_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "fout.yaml"
    bad.write_text(
        FORMAT_HEADER
        + "sections:\n  - number: '1'\n    title: T\n    items:\n      - {key: A, kind: text, label: A}\n"
    )
    status, out = run(["format", "check", str(bad)], capsys)
    assert status == 1
    assert f"{bad}:10: sections[0].items[0].key: 'A' is geen geldige sleutel" in out


def test_format_check_of_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(["format", "check", "bestaat-niet.yaml"], capsys)
    assert status == 2
    assert "bestand bestaat niet" in out


def test_format_check_of_binary_rubbish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "rommel.yaml"
    bad.write_bytes(b"\xff\xfe\x00rommel")
    status, out = run(["format", "check", str(bad)], capsys)
    assert status == 1
    assert "kan niet gelezen worden" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            "format: zuid-limburg-po\nversion: 9\nanswers: {}\n",
            "versie 9 bestaat niet (bekende versies: 1)",
        ),
        ("format: onbekend\nversion: 1\n", "dit formaat is onbekend"),
        ("answers: {}\n", "noem het formaat (format) en de versie"),
        ("format: zuid-limburg-po\nversion: 1\nanswers: [\n", "geen geldige YAML"),
        ("- lijst\n", "een antwoordbestand is een mapping"),
        (
            "format: zuid-limburg-po\nversion: 1\nanswers:\n  vastgesteld_datum: 2025-02-30\n",
            "een datum die niet bestaat",
        ),
        (
            "format: zuid-limburg-po\nversion: 1\nanswers:\n  leerlingen_tm8: !!int abc\n",
            "een waarde kan niet gelezen worden",
        ),
        (
            "format: zuid-limburg-po\nversion: 1\nanswers:\n  leerlingen_tm8: 1" + "0" * 400 + "\n",
            "verwacht een geheel getal",
        ),
        (
            "format: zuid-limburg-po\nversion: 1\nschool: [a]\nanswers: {}\n",
            "school moet een mapping zijn",
        ),
        (
            "format: zuid-limburg-po\nversion: 1\nanswers: {<<: {school_naam: 3}}\n",
            "verwacht tekst",
        ),
        (BILLION_LAUGHS, "te groot om te lezen"),
        ("answers: " + "[" * 1200 + "]" * 1200 + "\n", "te diep geneste YAML"),
        (
            "format: zuid-limburg-po\nversion: 1\nschool_year: 2025-2027\nanswers: {}\n",
            "schooljaar",
        ),
        ("format: zuid-limburg-po\nversion: 1\nantwoorden: {}\n", "onbekend veld 'antwoorden'"),
        (
            "format: zuid-limburg-po\nversion: 1\nanswers:\n  leerlingen_tm8: -4\n",
            "answers:4: 2.2 Kengetallen",
        ),
    ],
)
def test_profile_check_of_broken_answer_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content)
    status, out = run(["profile", "check", str(path)], capsys)
    assert status == 1
    assert words in out.replace(str(path), "answers")


def test_negative_count_is_named_by_section_and_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("format: zuid-limburg-po\nversion: 1\nanswers:\n  leerlingen_tm8: -4\n")
    _, out = run(["profile", "check", str(path)], capsys)
    assert (
        "2.2 Kengetallen peildatum 1 oktober › Aantal leerlingen ≤ 8 jr: "
        "-4 is te laag; de waarde moet minstens 0 zijn"
    ) in out


def test_usage_mistake_exits_2_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["format", "verwijder"])
    assert exited.value.code == 2
    assert "opensop: fout:" in capsys.readouterr().err


def test_broken_extra_format_dir_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kapot.yaml").write_text("id: [\n")
    status, out = run(["--formats", str(tmp_path), "format", "list"], capsys)
    assert status == 1
    assert "kapot.yaml" in out
