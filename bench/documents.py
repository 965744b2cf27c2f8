"""How long a document takes: Open SOP end to end against the bare PDF engine, warm.

Run from the root of a checkout (see bench/README.md for the goals and the findings):

    .venv/bin/python bench/documents.py                   # 15 runs per document, batch of 150
    .venv/bin/python bench/documents.py --batch 0 --experiment all
    .venv/bin/python bench/documents.py --batch 0 --repeat 3 --profile

It always measures the source tree it lives in (src/ goes first on sys.path), whatever the
virtualenv has installed. Only files under bench/ are written.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime
import functools
import io
import json
import multiprocessing
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout, not whatever the venv has installed
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")  # nothing is signed here

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

from opensop.demo.data import example_answers  # noqa: E402
from opensop.documents import content  # noqa: E402
from opensop.documents.pdf import STATIC, render_pdf  # noqa: E402
from opensop.documents.services import html_for  # noqa: E402
from opensop.formats.definition import FormatDefinition  # noqa: E402
from opensop.formats.registry import FormatRegistry  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# Seed 000: the Zuid-Limburg PO format, filled in as the example that meets every norm.
FORMAT = ("zuid-limburg-po", 1)
SWV_CODE = "PO 31-06"
EXAMPLE = ROOT / "examples" / "zuid-limburg-po" / "voldoet.yaml"
VARIANT = "pdf/ua-1"  # as in opensop.documents.pdf
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


# --- Open SOP end to end: model, template, render_pdf ----------------------------------------


def end_to_end(
    kind: str, answers: dict[str, Any], document_facts: content.DocumentFacts
) -> tuple[Timings, bytes]:
    build = content.full_profile if kind == "full" else content.summary
    c0, t0 = time.process_time(), time.perf_counter()
    doc = build(definition(), answers, document_facts)
    t1 = time.perf_counter()
    html = html_for(doc, for_print=True)
    c2, t2 = time.process_time(), time.perf_counter()
    pdf = render_pdf(html)
    c3, t3 = time.process_time(), time.perf_counter()
    return {
        "model": t1 - t0,
        "template": t2 - t1,
        "engine": t3 - t2,
        "total": t3 - t0,
        "own_cpu": c2 - c0,
        "engine_cpu": c3 - c2,
        "cpu": c3 - c0,
    }, pdf


def prepared_html(kind: str, document_facts: content.DocumentFacts | None = None) -> str:
    build = content.full_profile if kind == "full" else content.summary
    return html_for(build(definition(), seed_answers(), document_facts or facts()), for_print=True)


# --- The bare engine: the same stylesheets, fonts and PDF variant, on prepared HTML ----------


class BareEngine:
    """WeasyPrint as opensop.documents.pdf calls it, but set up here on its own."""

    def __init__(self) -> None:
        self.fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self.fonts = FontConfiguration()
        self.stylesheets = [
            self.css(filename=STATIC / name) for name in ("document.css", "print.css")
        ]

    def css(self, *, filename: Path | None = None, string: str | None = None) -> Any:
        if filename is not None:
            return CSS(filename=str(filename), font_config=self.fonts, url_fetcher=self.fetcher)
        return CSS(string=string, font_config=self.fonts, url_fetcher=self.fetcher)

    def run(
        self,
        html: str,
        extra: Iterable[Any] = (),
        render_options: dict[str, Any] | None = None,
        write_options: dict[str, Any] | None = None,
    ) -> tuple[Timings, bytes, int]:
        render_options = {"pdf_variant": VARIANT, **(render_options or {})}
        write_options = {"pdf_variant": VARIANT, **(write_options or {})}
        c0, t0 = time.process_time(), time.perf_counter()
        source = HTML(string=html, base_url=str(STATIC), url_fetcher=self.fetcher)
        c1, t1 = time.process_time(), time.perf_counter()
        document = source.render(
            stylesheets=[*self.stylesheets, *extra], font_config=self.fonts, **render_options
        )
        c2, t2 = time.process_time(), time.perf_counter()
        pdf: bytes = document.write_pdf(**write_options)
        c3, t3 = time.process_time(), time.perf_counter()
        times = {
            "parse": t1 - t0,
            "layout": t2 - t1,
            "write": t3 - t2,
            "total": t3 - t0,
            "parse_cpu": c1 - c0,
            "layout_cpu": c2 - c1,
            "write_cpu": c3 - c2,
            "cpu": c3 - c0,
        }
        return times, pdf, len(document.pages)


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


# --- 1. Each document, many times, warm ------------------------------------------------------


def measure_documents(engine: BareEngine, repeat: int, warmup: int) -> dict[str, Any]:
    """Open SOP and the bare engine in turns, so a busy neighbour hurts both alike."""
    answers, document_facts = seed_answers(), facts()
    results: dict[str, Any] = {}
    for kind in KINDS:
        html = prepared_html(kind)
        for _ in range(warmup):
            end_to_end(kind, answers, document_facts)
            engine.run(html)
        ours: list[Timings] = []
        bare: list[Timings] = []
        for _ in range(repeat):
            timings, pdf = end_to_end(kind, answers, document_facts)
            ours.append(timings)
            times, bare_pdf, pages = engine.run(html)
            bare.append(times)
        sizes = {"pages": pages, "pdf_bytes": len(pdf), "bare_pdf_bytes": len(bare_pdf)}
        results[kind] = {**summarise(ours, bare), **sizes, "html_chars": len(html)}
        print(f"  {kind}: done ({repeat} runs)", file=sys.stderr)
    return results


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
        timings, pdf = end_to_end(kind, answers, document_facts)
        result[kind] = timings["total"]
        result[f"{kind}_cpu"] = timings["cpu"]
        result[f"{kind}_bytes"] = len(pdf)
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


# --- 3. Experiments: the same HTML with one thing changed, on the bare engine ----------------


def _without_toc(html: str) -> str:
    return re.sub(r'<nav class="toc".*?</nav>', "", html, count=1, flags=re.DOTALL)


@dataclass(frozen=True)
class Experiment:
    name: str
    what: str
    css: str = ""
    html: Callable[[str], str] | None = None
    render: dict[str, Any] = field(default_factory=dict)
    write: dict[str, Any] = field(default_factory=dict)
    kinds: tuple[str, ...] = ("full",)


# A light solid rule looks like the dotted one at reading distance.
TOC_SOLID = ".document .toc li { border-bottom-style: solid; border-bottom-color: #c8c8c8; }"
# WeasyPrint lays out and draws a leader as one text box per copy of its string: a space
# makes ~180 boxes a line, four em spaces ~12. The page number stays flush right either way.
TOC_WIDE_LEADER = (
    '.document .toc a::after { content: leader("\\2003\\2003\\2003\\2003")'
    " target-counter(attr(href url), page); }"
)
TOC_FLOAT = (
    ".document .toc a::after { content: target-counter(attr(href url), page); float: right;"
    " margin-left: 1em; }"
)
FACTS_FLOAT = (
    ".document .facts { display: flow-root; }"
    " .document .facts dt { float: left; clear: left; width: 15rem; }"
    " .document .facts dd { margin-left: 16rem; }"
    # A term on two lines must not pull the next pair up beside it.
    ' .document .facts dd::after { content: ""; display: block; clear: left; }'
)

# Our stylesheets reach WeasyPrint as user style sheets (stylesheets=...), the <style> in the
# document as author style: to beat the latter an override needs !important.
EXPERIMENTS = [
    Experiment(
        "toc-solid-rule",
        "contents lines: a solid rule under each entry instead of a dotted one",
        css=TOC_SOLID,
    ),
    Experiment(
        "toc-dashed-rule",
        "contents lines: a dashed rule under each entry instead of a dotted one",
        css=".document .toc li { border-bottom-style: dashed; }",
    ),
    Experiment(
        "toc-no-rule",
        "contents lines: no rule under the entries",
        css=".document .toc li { border-bottom: none; }",
    ),
    Experiment(
        "toc-no-page-numbers",
        "contents without leader and target-counter page numbers",
        css=".document .toc a::after { content: none; }",
    ),
    Experiment(
        "toc-no-leader",
        "contents page numbers without the leader (target-counter kept)",
        css='.document .toc a::after { content: " " target-counter(attr(href url), page); }',
    ),
    Experiment(
        "toc-wide-leader",
        "contents leader of four em spaces instead of one space (fewer filler boxes)",
        css=TOC_WIDE_LEADER,
    ),
    Experiment(
        "toc-float-numbers",
        "contents page numbers floated right instead of after a leader (the number then"
        " comes first in the text layer)",
        css=TOC_FLOAT,
    ),
    Experiment("no-toc", "no table of contents at all", html=_without_toc),
    Experiment(
        "no-counter-pages",
        "footer 'Pagina n' without 'van N' (no counter(pages))",
        css='@page { @bottom-right { content: "Pagina " counter(page); } }',
    ),
    Experiment(
        "no-margin-boxes",
        "no running header and footer at all",
        css="@page { @top-left { content: none !important; }"
        " @bottom-left { content: none !important; } @bottom-right { content: none; } }",
        kinds=KINDS,
    ),
    Experiment(
        "facts-float",
        "front-matter lists (dl.facts) with floats instead of CSS grid",
        css=FACTS_FLOAT,
    ),
    Experiment(
        "combined",
        "toc-solid-rule + toc-wide-leader + facts-float together",
        css=TOC_SOLID + TOC_WIDE_LEADER + FACTS_FLOAT,
    ),
    Experiment(
        "table-layout-auto",
        "tables with table-layout: auto (what the fixed layout in print.css saves)",
        css=".document table { table-layout: auto; }",
        kinds=KINDS,
    ),
    Experiment(
        "no-cell-borders",
        "tables without cell borders",
        css=".document th, .document td { border: none; }",
        kinds=KINDS,
    ),
    Experiment(
        "no-break-avoid",
        "no break-inside/break-after: avoid (rows, questions, headings)",
        css=".document tr, .document .qa, .document .adoption { break-inside: auto; }"
        " .document h2, .document h3, .document .question { break-after: auto; }",
    ),
    Experiment(
        "one-font",
        "Open Sans only: the marks (■□) and every fallback in Open Sans's family list",
        css="html, .document, .document .marks { font-family: 'Open Sans'; }",
        kinds=KINDS,
    ),
    Experiment(
        "no-pdf-ua",
        "untagged PDF (no pdf/ua-1): what tagging costs, for information only",
        render={"pdf_variant": None},
        write={"pdf_variant": None},
        kinds=KINDS,
    ),
    Experiment(
        "uncompressed",
        "PDF streams left uncompressed (bigger file), for information only",
        write={"uncompressed_pdf": True},
    ),
    Experiment(
        "full-fonts",
        "whole font files embedded instead of subsets (bigger file)",
        write={"full_fonts": True},
        kinds=KINDS,
    ),
    Experiment(
        "concept",
        "the concept document (banner, 'missing' marks, CONCEPT box on every page)",
        html=lambda _html: prepared_html("full", facts(concept=True)),
    ),
]


def measure_experiment(
    engine: BareEngine, experiment: Experiment, kind: str, repeat: int, warmup: int
) -> dict[str, Any]:
    """Baseline and variant in turns on the bare engine; the difference is the feature."""
    html = prepared_html(kind)
    changed = experiment.html(html) if experiment.html else html
    extra = [engine.css(string=experiment.css)] if experiment.css else []

    def variant_run() -> tuple[Timings, bytes, int]:
        return engine.run(changed, extra, experiment.render, experiment.write)

    for _ in range(warmup):
        engine.run(html)
        variant_run()
    base: list[Timings] = []
    changed_runs: list[Timings] = []
    for _ in range(repeat):
        times, base_pdf, base_pages = engine.run(html)
        base.append(times)
        times, pdf, pages = variant_run()
        changed_runs.append(times)
    b, v = collect(base), collect(changed_runs)
    # Paired: each variant run against the baseline run just before it, so load that comes
    # and goes on this shared machine shifts both; CPU time leaves out waiting for a core.
    saved = paired(base, changed_runs, "total")
    saved_cpu = paired(base, changed_runs, "cpu")
    return {
        "what": experiment.what,
        "baseline": b,
        "variant": v,
        "saved_s": saved,
        "saved_cpu_s": saved_cpu,
        "saved_share": saved_cpu / b["cpu"]["median"],
        "pages": [base_pages, pages],
        "pdf_bytes": [len(base_pdf), len(pdf)],
        "same_pdf": base_pdf == pdf,
    }


def measure_experiments(
    engine: BareEngine, names: list[str], repeat: int, warmup: int
) -> dict[str, Any]:
    chosen = EXPERIMENTS if "all" in names else [e for e in EXPERIMENTS if e.name in names]
    unknown = set(names) - {e.name for e in EXPERIMENTS} - {"all"}
    if unknown:
        raise SystemExit(f"unknown experiment(s): {', '.join(sorted(unknown))}")
    results: dict[str, Any] = {}
    for experiment in chosen:
        for kind in experiment.kinds:
            key = f"{experiment.name}/{kind}"
            results[key] = measure_experiment(engine, experiment, kind, repeat, warmup)
            saved = results[key]["saved_cpu_s"] * 1000
            print(f"  {key}: {saved:+.0f} ms CPU", file=sys.stderr)
    return results


# --- 4. Where the engine spends its time (cProfile) --------------------------------------------

STAGES = {
    "style cascade": "css/__init__.py:1866(get_all_computed_styles)",
    "box tree": "formatting_structure/build.py:52(build_formatting_structure)",
    "layout (pages, incl. re-layout)": "layout/__init__.py:104(layout_document)",
    "  of which tables": "layout/table.py:13(table_layout)",
    "  of which grid": "layout/grid.py:575(grid_layout)",
    "  of which margin boxes": "layout/page.py:355(make_margin_boxes)",
    "  of which line breaking": "layout/inline.py:24(iter_line_boxes)",
    "drawing pages": "draw/__init__.py:19(draw_page)",
    "  of which borders": "draw/border.py:56(draw_border)",
    "  of which text": "draw/text.py:18(draw_text)",
    "PDF tags (structure tree)": "pdf/tags.py:",
    "fonts (subset, embed)": "pdf/fonts.py:",
    "serialise PDF (pydyf)": "pydyf/__init__.py:524(write)",
    "  of which zlib": "'compress' of 'zlib.Compress'",
}


def profile(engine: BareEngine, repeat: int) -> dict[str, Any]:
    """cProfile the bare engine on the full profile; overhead inflates the absolute figures,
    so the shares count, not the seconds."""
    html = prepared_html("full")
    engine.run(html)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        engine.run(html)
    profiler.disable()
    table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in table.values())
    shares: dict[str, float] = {}
    for stage, pattern in STAGES.items():
        found = [
            (ct, func)
            for func, (_cc, _nc, _tt, ct, _callers) in table.items()
            if pattern in f"{func[0]}:{func[1]}({func[2]})"
        ]
        top = _outermost(found)
        shares[stage] = sum(ct for ct, _ in top) / total
    layouts = sum(nc for func, (_cc, nc, *_rest) in table.items() if func[2] == "make_page")
    pages = engine.run(html)[2]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
    return {
        "shares": shares,
        "profiled_s": total / repeat,
        "page_layouts_per_run": layouts / repeat,
        "pages": pages,
        "top_tottime": text.getvalue(),
    }


def _outermost(found: list[tuple[float, tuple[str, int, str]]]) -> list[tuple[float, Any]]:
    """For patterns matching a module (pdf/tags.py:), the largest cumulative time stands for
    the lot; cumulative times of nested calls in one module would count twice."""
    if len(found) <= 1:
        return found
    return [max(found)]


# --- Reporting ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f}"


def print_documents(documents: dict[str, Any]) -> None:
    print("\nEach document, warm (ms: median / min / max)")
    print(f"{'':26}{'median':>8}{'min':>8}{'max':>8}")
    for kind, r in documents.items():
        print(f"{kind} ({r['pages']} p., {r['pdf_bytes'] // 1024} KiB)")
        for label, part in (
            ("  Open SOP end to end", r["opensop"]["total"]),
            ("    model", r["opensop"]["model"]),
            ("    template", r["opensop"]["template"]),
            ("    render_pdf", r["opensop"]["engine"]),
            ("    CPU time", r["opensop"]["cpu"]),
            ("  bare engine", r["bare"]["total"]),
            ("    parse HTML", r["bare"]["parse"]),
            ("    layout: render()", r["bare"]["layout"]),
            ("    writing: write_pdf()", r["bare"]["write"]),
            ("    CPU time", r["bare"]["cpu"]),
            ("    CPU layout", r["bare"]["layout_cpu"]),
            ("    CPU writing", r["bare"]["write_cpu"]),
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
            f" full median {r['full']['median']:.2f} s, summary {r['summary']['median']:.2f} s)"
        )
    warm = ", ".join(f"{s:.1f}" for s in batch["parallel"]["worker_warmup_s"])
    print(f"  speed-up {batch['parallel']['speedup']:.2f}x; worker warm-up {warm} s")
    print(
        f"  load before {batch['load_before']}, between {batch['load_between']},"
        f" after {batch['load_after']}"
    )


def print_experiments(experiments: dict[str, Any]) -> None:
    print("\nExperiments on the bare engine: CPU ms, medians; saved = median of paired")
    print("differences (baseline - variant) in CPU time, and in wall time for comparison")
    print(f"{'':30}{'base':>7}{'variant':>8}{'saved':>7}{'':>8}{'wall':>7}  pages  KiB")
    for key, r in experiments.items():
        base, var = r["baseline"]["cpu"]["median"], r["variant"]["cpu"]["median"]
        pages = "→".join(str(p) for p in r["pages"])
        size = "→".join(str(b // 1024) for b in r["pdf_bytes"])
        print(
            f"{key:30}{ms(base)}{ms(var):>8}{ms(r['saved_cpu_s']):>7}{r['saved_share']:>8.1%}"
            f"{ms(r['saved_s']):>7}  {pages:6} {size}"
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
        "weasyprint": weasyprint.__version__,
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
    parser.add_argument(
        "--experiment",
        action="append",
        default=[],
        metavar="NAME",
        help=f"'all' or one of: {', '.join(e.name for e in EXPERIMENTS)} (repeatable)",
    )
    parser.add_argument(
        "--experiment-repeat", type=int, help="runs per experiment (default: --repeat)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the full profile")
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
        report["documents"] = measure_documents(engine, args.repeat, args.warmup)
        print_documents(report["documents"])
    if args.experiment:
        report["experiments"] = measure_experiments(
            engine, args.experiment, args.experiment_repeat or args.repeat, args.warmup
        )
        print_experiments(report["experiments"])
    if args.profile:
        report["profile"] = profile(engine, args.repeat)
        print("\nWhere the bare engine spends the full profile's time (cProfile shares)")
        for stage, share in report["profile"]["shares"].items():
            print(f"  {stage:34}{share:7.1%}")
        found = report["profile"]
        laid_out = found["page_layouts_per_run"]
        print(f"  pages laid out per run: {laid_out:.0f} for {found['pages']} pages")
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
        output = RESULTS / f"documents-{datetime.date.today().isoformat()}.json"
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(f"\nFigures written to {shown}")


if __name__ == "__main__":
    main()
