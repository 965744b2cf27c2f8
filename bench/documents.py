"""How long a document takes: Open SOP end to end against the bare PDF engine, warm.

Run from the root of a checkout (see bench/README.md for the goals and the findings):

    .venv/bin/python bench/documents.py                   # 15 runs per document, batch of 150
    .venv/bin/python bench/documents.py --batch 0 --repeat 5

It always measures the source tree it lives in (src/ goes first on sys.path), whatever the
virtualenv has installed. Only files under bench/ are written.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import functools
import io
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout, not whatever the venv has installed
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")  # nothing is signed here

import django  # noqa: E402

django.setup()

import typst  # noqa: E402

from opensop.demo.data import example_answers  # noqa: E402
from opensop.documents import content, pdf  # noqa: E402
from opensop.formats.definition import FormatDefinition  # noqa: E402
from opensop.formats.registry import FormatRegistry  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# Seed 000: the Zuid-Limburg PO format, filled in as the example that meets every norm.
FORMAT = ("zuid-limburg-po", 1)
SWV_CODE = "PO 31-06"
EXAMPLE = ROOT / "examples" / "zuid-limburg-po" / "voldoet.yaml"
GOALS = {"full_s": 0.5, "full_ratio": 1.5, "summary_s": 0.2, "batch_s": 90.0, "batch_size": 150}
KINDS = ("full", "summary")
Timings = dict[str, float]


# --- The inputs: the seed-000 profile and any number of schools like it ---------------------


@functools.cache
def definition() -> FormatDefinition:
    found = FormatRegistry.builtin().get(*FORMAT)
    assert found is not None
    return found


@functools.cache
def _seed_answers() -> dict[str, Any]:
    return example_answers(EXAMPLE)


def seed_answers() -> dict[str, Any]:
    return copy.deepcopy(_seed_answers())


def facts(*, concept: bool = False, **extra: Any) -> content.DocumentFacts:
    """The front matter as in tests/documents/conftest.py: adopted unless `concept`."""
    adoption = None
    if not concept:
        adoption = content.Adoption(
            advice_date=datetime.date(2026, 1, 20),
            advice_text="Positief advies.",
            adopted_on=datetime.date(2026, 2, 3),
            signatory_school="dhr. K. Janssen",
            signatory_board="mw. P. Hendriks",
        )
    values: dict[str, Any] = {
        "school_name": "Basisschool De Verscheidenheid",
        "school_code": "99XA00",
        "address": "Kloosterweg 12, 6411 AB Heerlen",
        "board": "Stichting Voorbeeldonderwijs Parkstad",
        "swv_code": SWV_CODE,
        "swv_name": "Passend Onderwijs Zuid-Limburg",
        "school_year": "2025-2026",
        "edition": 1,
        "state_label": "concept" if concept else "vastgesteld door bestuur",
        "concept": concept,
        "adoption": adoption,
        "full_url": "https://sop.example.nl/profielen/1/document/profiel/",
        **extra,
    }
    return content.DocumentFacts(**values)


NAMES = ("De Regenboog", "Het Palet", "De Wegwijzer", "Sint-Jozef", "De Kameleon", "Op de Berg")
FILLER = (
    " Daarnaast werken we nauw samen met de peuterspeelzaal en de buitenschoolse opvang in"
    " de wijk, zodat kinderen een doorgaande lijn ervaren."
)


def variant(i: int) -> tuple[dict[str, Any], content.DocumentFacts]:
    """School number i: another name, address, numbers and texts (and so other line breaks
    and page breaks), so no two documents in a batch are the same."""
    answers = seed_answers()
    name = f"Basisschool {NAMES[i % len(NAMES)]} {i + 1}"
    street = f"Kerkstraat {i + 1}"
    answers.update(
        school_naam=name,
        adres_straat=street,
        telefoon=f"045 {100 + i % 900:03d} 45 67",
        leerlingen_tm8=120 + (i * 7) % 300,
        leerlingen_niveau_3=5 + i % 30,
    )
    for n in range(1, 24):
        answers[f"zorgindicator_{n:02d}"] = 3 + (i + n) % 2
    answers["onderwijsconcept_kern"] = (
        f"{name} staat midden in de wijk." + answers["onderwijsconcept_kern"] + FILLER * (i % 4)
    )
    answers["ambities"][0]["tijdpad"] = f"schooljaar 2025-2026, fase {i % 5 + 1}"
    code = f"{10 + i % 90:02d}{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}00"
    return answers, facts(school_name=name, school_code=code, address=f"{street}, 6411 AB Heerlen")


# --- Open SOP end to end: model, its JSON, documents/pdf.py -----------------------------------


def end_to_end(
    kind: str, answers: dict[str, Any], document_facts: content.DocumentFacts
) -> tuple[Timings, bytes]:
    """What a download does: the document model, its data for the template, the engine."""
    build = content.full_profile if kind == "full" else content.summary
    c0, t0 = time.process_time(), time.perf_counter()
    doc = build(definition(), answers, document_facts)
    t1 = time.perf_counter()
    prepared = pdf.prepare(doc)
    c2, t2 = time.process_time(), time.perf_counter()
    made = pdf.compile_prepared(prepared)
    c3, t3 = time.process_time(), time.perf_counter()
    return {
        "model": t1 - t0,
        "template": t2 - t1,  # the model as JSON for the Typst template
        "engine": t3 - t2,
        "total": t3 - t0,
        "own_cpu": c2 - c0,
        "engine_cpu": c3 - c2,
        "cpu": c3 - c0,
    }, made


def prepared_input(kind: str, document_facts: content.DocumentFacts | None = None) -> pdf.Prepared:
    build = content.full_profile if kind == "full" else content.summary
    return pdf.prepare(build(definition(), seed_answers(), document_facts or facts()))


# --- The bare engine: typst.compile on the same prepared template and JSON -------------------


class BareEngine:
    """Typst with the same template, data, fonts, PDF/UA-1 and timestamp as
    opensop.documents.pdf, called here directly: what no Open SOP layer can go below."""

    def __init__(self) -> None:
        self.fonts = typst.Fonts(
            include_system_fonts=False,
            include_embedded_fonts=False,
            font_paths=[str(folder) for folder in pdf.FONT_FOLDERS],
        )

    def run(self, prepared: pdf.Prepared) -> tuple[Timings, bytes, int]:
        c0, t0 = time.process_time(), time.perf_counter()
        made: bytes = typst.compile(
            prepared.template,
            root=pdf.TEMPLATES,
            font_paths=self.fonts,
            ignore_system_fonts=True,
            sys_inputs={"document": prepared.document},
            pdf_standards=["ua-1"],
            timestamp=prepared.timestamp,
        )
        c1, t1 = time.process_time(), time.perf_counter()
        return {"total": t1 - t0, "cpu": c1 - c0}, made, made.count(b"/Type /Page\n")


# --- Statistics -------------------------------------------------------------------------------


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "n": len(samples),
    }


def collect(runs: list[Timings]) -> dict[str, dict[str, float]]:
    return {key: stats([run[key] for run in runs]) for key in runs[0]}


def paired(base: list[Timings], changed: list[Timings], key: str) -> float:
    return statistics.median([b[key] - v[key] for b, v in zip(base, changed, strict=True)])


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def page_count(made: bytes) -> int:
    import pikepdf  # noqa: PLC0415 - only to count pages

    with pikepdf.open(io.BytesIO(made)) as document:
        return len(document.pages)


# --- 1. Each document, many times, warm ------------------------------------------------------


def measure_documents(
    engine: BareEngine, repeat: int, warmup: int, *, fresh: bool
) -> dict[str, Any]:
    """Open SOP and the bare engine in turns, so a busy neighbour hurts both alike.

    Typst memoises its work within a process: the same input a second time costs a few
    milliseconds. `fresh` gives every run its own school name (on every page, in the running
    header), for Open SOP and the bare engine alike, so neither reuses a previous layout:
    that is what a new download costs. Without it, every run repeats the seed document.
    """
    answers = seed_answers()
    results: dict[str, Any] = {}
    for kind in KINDS:
        for n in range(warmup):
            end_to_end(kind, answers, run_facts(fresh, f"warm a{n}"))
            engine.run(prepared_input(kind, run_facts(fresh, f"warm b{n}")))
        ours: list[Timings] = []
        bare: list[Timings] = []
        for n in range(repeat):
            timings, made = end_to_end(kind, answers, run_facts(fresh, f"a{n}"))
            ours.append(timings)
            prepared = prepared_input(kind, run_facts(fresh, f"b{n}"))  # not timed
            times, bare_pdf, _ = engine.run(prepared)
            bare.append(times)
        sizes = {
            "pages": page_count(made),
            "pdf_bytes": len(made),
            "bare_pdf_bytes": len(bare_pdf),
        }
        results[kind] = {**summarise(ours, bare), **sizes, "json_chars": len(prepared.document)}
        print(f"  {kind}{' (fresh)' if fresh else ''}: done ({repeat} runs)", file=sys.stderr)
    return results


def run_facts(fresh: bool, run: str) -> content.DocumentFacts:
    if not fresh:
        return facts()
    return facts(school_name=f"Basisschool De Verscheidenheid {run}")


def summarise(ours: list[Timings], bare: list[Timings]) -> dict[str, Any]:
    a, b = collect(ours), collect(bare)
    total = a["total"]["median"]
    own = statistics.median([run["model"] + run["template"] for run in ours])
    return {
        "opensop": a,
        "bare": b,
        "ratio": total / b["total"]["median"],
        "ratio_cpu": a["cpu"]["median"] / b["cpu"]["median"],
        "own_layers_s": own,
        "own_share": own / total,
        "engine_share": a["engine"]["median"] / total,
    }


# --- 2. A batch of schools, sequential and in a pool ------------------------------------------


def render_school(i: int) -> dict[str, Any]:
    answers, document_facts = variant(i)
    result: dict[str, Any] = {"pid": os.getpid(), "ready_s": _WORKER.get("ready_s", 0.0)}
    for kind in KINDS:
        timings, made = end_to_end(kind, answers, document_facts)
        result[kind] = timings["total"]
        result[f"{kind}_cpu"] = timings["cpu"]
        result[f"{kind}_bytes"] = len(made)
    return result


_WORKER: dict[str, float] = {}


def warm_worker() -> None:
    """Pool initialiser: import and warm the engine before the first school arrives."""
    t0 = time.perf_counter()
    for kind in KINDS:
        end_to_end(kind, seed_answers(), facts())
    _WORKER["ready_s"] = time.perf_counter() - t0


def batch_figures(results: list[dict[str, Any]], wall: float) -> dict[str, Any]:
    return {
        "wall_s": wall,
        "per_school_s": wall / len(results),
        "full": stats([r["full"] for r in results]),
        "summary": stats([r["summary"] for r in results]),
        "full_cpu": stats([r["full_cpu"] for r in results]),
        "summary_cpu": stats([r["summary_cpu"] for r in results]),
        "distinct_full_pdfs": len({r["full_bytes"] for r in results}),
        "cpu_s": sum(r["full_cpu"] + r["summary_cpu"] for r in results),
    }


def measure_batch(size: int, workers: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"size": size, "workers": workers}
    figures["load_before"] = load()
    t0 = time.perf_counter()
    sequential = [render_school(i) for i in range(size)]
    figures["sequential"] = batch_figures(sequential, time.perf_counter() - t0)
    print(f"  sequential: {figures['sequential']['wall_s']:.1f} s", file=sys.stderr)
    figures["load_between"] = load()
    # spawn, not fork: each worker starts cold as a real one would, and warms up on its own.
    context = multiprocessing.get_context("spawn")
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_worker) as pool:
        parallel = list(pool.map(render_school, range(size), chunksize=1))
    wall = time.perf_counter() - t0
    figures["parallel"] = batch_figures(parallel, wall)
    ready = {r["pid"]: r["ready_s"] for r in parallel}
    figures["parallel"]["worker_warmup_s"] = sorted(ready.values())
    figures["parallel"]["speedup"] = figures["sequential"]["wall_s"] / wall
    figures["load_after"] = load()
    print(f"  parallel ({workers} workers): {wall:.1f} s", file=sys.stderr)
    return figures


# --- Reporting ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f}"


def print_documents(documents: dict[str, Any]) -> None:
    print("Each document, warm (ms: median / min / max)")
    print(f"{'':26}{'median':>8}{'min':>8}{'max':>8}")
    for kind, r in documents.items():
        print(f"{kind} ({r['pages']} p., {r['pdf_bytes'] // 1024} KiB)")
        for label, part in (
            ("  Open SOP end to end", r["opensop"]["total"]),
            ("    model", r["opensop"]["model"]),
            ("    model as JSON", r["opensop"]["template"]),
            ("    typst (pdf.py)", r["opensop"]["engine"]),
            ("    CPU time", r["opensop"]["cpu"]),
            ("  bare typst.compile", r["bare"]["total"]),
            ("    CPU time", r["bare"]["cpu"]),
        ):
            print(f"{label:26}{ms(part['median'])} {ms(part['min'])} {ms(part['max'])}")
        print(
            f"  ratio Open SOP / bare: {r['ratio']:.3f} (CPU {r['ratio_cpu']:.3f});"
            f" own layers {r['own_layers_s'] * 1000:.1f} ms ({r['own_share']:.1%}),"
            f" engine {r['engine_share']:.1%}"
        )


def print_batch(batch: dict[str, Any]) -> None:
    print(f"\nBatch of {batch['size']} schools, full profile + summary each")
    for mode in ("sequential", "parallel"):
        r = batch[mode]
        label = mode if mode == "sequential" else f"pool of {batch['workers']}"
        print(
            f"  {label:12} wall {r['wall_s']:7.1f} s  ({r['per_school_s']:.2f} s a school;"
            f" full median {r['full']['median']:.2f} s, summary {r['summary']['median']:.2f} s;"
            f" CPU {r['cpu_s']:.1f} s in all)"
        )
    warm = ", ".join(f"{s:.1f}" for s in batch["parallel"]["worker_warmup_s"])
    print(f"  speed-up {batch['parallel']['speedup']:.2f}x; worker warm-up {warm} s")
    print(
        f"  load before {batch['load_before']}, between {batch['load_between']},"
        f" after {batch['load_after']}"
    )


def print_goals(report: dict[str, Any]) -> None:
    documents = report.get("documents")
    print("\nGoals")
    if documents:
        full, summary = documents["full"], documents["summary"]
        check(
            f"full profile ≤ {GOALS['full_s']} s",
            full["opensop"]["total"]["median"] <= GOALS["full_s"],
        )
        check(
            f"full profile ≤ {GOALS['full_ratio']}x bare engine",
            full["ratio"] <= GOALS["full_ratio"],
        )
        check(
            f"summary ≤ {GOALS['summary_s']} s",
            summary["opensop"]["total"]["median"] <= GOALS["summary_s"],
        )
    batch = report.get("batch")
    if batch:
        scale = GOALS["batch_size"] / batch["size"]
        for mode in ("sequential", "parallel"):
            wall = batch[mode]["wall_s"] * scale
            goal = f"{GOALS['batch_size']} profiles ≤ {GOALS['batch_s']} s, {mode}"
            check(goal, wall <= GOALS["batch_s"])


def check(goal: str, met: bool) -> None:
    print(f"  [{'met' if met else 'NOT met'}] {goal}")


def machine() -> dict[str, Any]:
    def git(*args: str) -> str:
        command = ["git", *args]
        result = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True)  # noqa: S603
        return result.stdout.strip()

    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--", "src")),
        "python": platform.python_version(),
        "typst": typst.__version__,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


# --- Main --------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per document (15)")
    parser.add_argument("--warmup", type=int, default=2, help="runs before measuring (2)")
    parser.add_argument("--batch", type=int, default=150, help="schools in the batch; 0: none")
    parser.add_argument("--workers", type=int, default=2, help="processes in the pool (2)")
    parser.add_argument("--skip-documents", action="store_true", help="no per-document figures")
    parser.add_argument("--output", type=Path, help="JSON file (bench/results/documents-DATE.json)")
    parser.add_argument("--no-save", action="store_true", help="print only, write no JSON")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    report: dict[str, Any] = {"machine": machine(), "goals": GOALS, "settings": vars(args).copy()}
    report["settings"]["output"] = str(args.output or "")
    report["load_before"] = load()
    engine = BareEngine()
    if not args.skip_documents:
        report["documents"] = measure_documents(engine, args.repeat, args.warmup, fresh=True)
        print("\nEvery run a new school name: nothing memoised from an earlier run")
        print_documents(report["documents"])
        report["repeated_documents"] = measure_documents(
            engine, args.repeat, args.warmup, fresh=False
        )
        print("\nThe same document again and again (Typst reuses its memoised layout)")
        print_documents(report["repeated_documents"])
    if args.batch:
        report["batch"] = measure_batch(args.batch, args.workers)
        print_batch(report["batch"])
    report["load_after"] = load()
    before, after = report["load_before"], report["load_after"]
    print(f"\nLoad average (1, 5, 15 min): before {before}, after {after}")
    print_goals(report)
    if not args.no_save:
        save(report, args.output)


def save(report: dict[str, Any], output: Path | None) -> None:
    if output is None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        output = RESULTS / f"documents-{datetime.date.today().isoformat()}-typst.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(f"\nFigures written to {shown}")


if __name__ == "__main__":
    main()
