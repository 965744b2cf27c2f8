"""Server time of the public search and school pages under load, on the synthetic national
data set, with 20 concurrent clients (wrk) against a local gunicorn, loopback only.

    DATABASE_URL=sqlite:////tmp/portal_bench.sqlite3 python bench/portal.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/portal.py

On the first run the database is migrated and filled (bench/national_dataset.py: 7,500
schools in 150 SWVs, four school years; then rebuild_search_index); later runs reuse it.
Then per page group (search, school page, the school's HTML document) gunicorn serves and
wrk sends requests from 20 connections for --seconds, to URLs picked at random from a
realistic mix. Every request's server time is measured inside the WSGI app (wall clock and
the worker thread's CPU time), so queueing behind other requests and the machine's other
load show apart: the goal is p95 ≤ 100 ms server time. wrk's own latency (which includes
waiting for a free worker) is printed beside it, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from urllib.request import urlopen
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault(
    "DJANGO_STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
TIMINGS_DIR = "PORTAL_BENCH_TIMINGS"  # set in the gunicorn workers: where to log each request

StartResponse = Callable[..., Any]


def _timed(app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]]) -> Any:
    """The WSGI app, logging per request: wall ms, CPU ms of the worker thread, path."""
    folder = Path(os.environ[TIMINGS_DIR])

    def timed(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        wall, cpu = time.perf_counter(), time.thread_time()
        body = b"".join(app(environ, start_response))  # the whole response, as served
        wall_ms = (time.perf_counter() - wall) * 1000
        cpu_ms = (time.thread_time() - cpu) * 1000
        with (folder / f"{os.getpid()}.log").open("a") as log:
            path = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
            log.write(f"{wall_ms:.3f} {cpu_ms:.3f} {path}\n")
        return [body]

    return timed


if TIMINGS_DIR in os.environ:  # imported by gunicorn as bench.portal:application
    from opensop.wsgi import application as _django_app

    application = _timed(_django_app)


def prepare() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from opensop.organisations.models import Swv
    from national_dataset import CODE_PREFIX, create
    from opensop.portal.models import SearchEntry

    call_command("migrate", verbosity=0)
    if not Swv.objects.filter(code__startswith=CODE_PREFIX).exists():
        print("Generating 7,500 schools in 150 SWVs over 4 school years…", flush=True)
        print(create(), flush=True)
    if not SearchEntry.objects.exists():
        started = time.perf_counter()
        call_command("rebuild_search_index", stdout=sys.stdout)
        print(f"  search index built in {time.perf_counter() - started:.1f} s", flush=True)
        from django.db import connection

        with connection.cursor() as cursor:  # planner statistics, as after any bulk load
            cursor.execute("ANALYZE")


def url_mix(rng: random.Random) -> dict[str, list[str]]:
    """Realistic URLs: a parent's words, places, SWVs, sectors; schools that are public."""
    from urllib.parse import urlencode

    from opensop.organisations.models import School, Swv
    from opensop.profiles.published import latest_published_profiles

    swvs = list(Swv.objects.values_list("pk", flat=True))
    places = list(School.objects.values_list("municipality", flat=True).distinct()[:300])
    words = ["hoogbegaafd", "dyslectisch", "rolstoel", "ADHD", "autisme", "pesten", "faalangst"]
    full_text = ["leesspecialist", "units", "rekenen plusklas", "Synthetische school 42"]
    codes = [
        f"{brin}{loc}"
        for brin, loc in latest_published_profiles().values_list("school__brin", "school__location")
    ]
    searches = []
    for _ in range(400):
        kind = rng.randrange(6)
        query: dict[str, str] = {}
        if kind == 0:
            query = {"wat": rng.choice(words)}
        elif kind == 1:
            query = {"wat": rng.choice(words), "waar": rng.choice(places)}
        elif kind == 2:
            query = {"wat": rng.choice(words), "swv": str(rng.choice(swvs)), "iedereen": "on"}
        elif kind == 3:
            query = {"waar": rng.choice(places), "sector": rng.choice(["PO", "VO"])}
        elif kind == 4:
            query = {"wat": rng.choice(full_text)}
        else:
            query = {"wat": rng.choice(words), "pagina": str(rng.randint(1, 5))}
        searches.append("/zoeken/?" + urlencode(query))
    schools = [f"/scholen/{code}/" for code in rng.sample(codes, min(400, len(codes)))]
    documents = [f"/scholen/{code}/profiel/" for code in rng.sample(codes, min(400, len(codes)))]
    return {"search": searches, "school": schools, "document": documents}


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter * 7919 + math.random(#paths)) %% #paths + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%d %%d %%.2f %%.2f %%.2f %%.2f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_group(
    name: str, paths: list[str], args: argparse.Namespace, port: int, timings: Path
) -> dict[str, Any]:
    for log in timings.glob("*.log"):
        log.unlink()
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    base = f"http://127.0.0.1:{port}"
    # Warm up every worker (imports, templates, vocabulary, connections: ~1 s of CPU each
    # on the first request), a few requests at a time and waiting for each; then measure.
    with ThreadPoolExecutor(args.workers) as pool:
        list(pool.map(lambda p: urlopen(base + p, timeout=120).read(), paths[: 6 * args.workers]))
    for log in timings.glob("*.log"):
        log.unlink()
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    script.unlink()
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    count, errors, duration_us, c50, c95, c99, cmax = line.split()[1:]
    walls, cpus, rows = [], [], []
    for log in timings.glob("*.log"):
        for row in log.read_text().splitlines():
            wall, cpu, path = row.split(" ", 2)
            walls.append(float(wall))
            cpus.append(float(cpu))
            rows.append((float(cpu), float(wall), path))
    result = {
        "group": name,
        "requests": int(count),
        "errors": int(errors),
        "requests_per_s": round(int(count) / (int(duration_us) / 1e6), 1),
        "server_ms": {
            "p50": round(_percentile(walls, 0.50), 1),
            "p95": round(_percentile(walls, 0.95), 1),
            "p99": round(_percentile(walls, 0.99), 1),
            "max": round(max(walls), 1),
        },
        "server_cpu_ms": {
            "p50": round(_percentile(cpus, 0.50), 1),
            "p95": round(_percentile(cpus, 0.95), 1),
            "mean": round(statistics.fmean(cpus), 1),
        },
        "client_ms_incl_queueing": {
            "p50": float(c50),
            "p95": float(c95),
            "p99": float(c99),
            "max": float(cmax),
        },
        "slowest_by_cpu": [f"{c:.0f} ms CPU, {w:.0f} ms: {p}" for c, w, p in sorted(rows)[-5:]],
        "loadavg_before": load_before,
        "loadavg_after": Path("/proc/loadavg").read_text().split()[:3],
    }
    print(json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="per page group")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--groups", default="search,school,document")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk)")
    prepare()
    from django.db import connection

    vendor = connection.vendor
    mix = url_mix(random.Random(11))
    connection.close()
    timings = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    port = _free_port()
    env = {**os.environ, TIMINGS_DIR: str(timings), "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.portal:application",
        ],
        env=env,
    )
    results = []
    try:
        _wait_for(port)
        for group in args.groups.split(","):
            results.append(run_group(group, mix[group], args, port, timings))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(timings, ignore_errors=True)
    out = ROOT / "bench" / "results" / f"portal-{time.strftime('%Y-%m-%d')}-{vendor}.json"
    out.write_text(
        json.dumps(
            {
                "database": vendor,
                "connections": args.connections,
                "workers": args.workers,
                "seconds": args.seconds,
                "cores": os.cpu_count(),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
