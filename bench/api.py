"""API list pages under load: 20 concurrent clients against a real server, on the synthetic
national data set, on SQLite or PostgreSQL (whichever DATABASE_URL names).

    DATABASE_URL=sqlite:////tmp/h_api_bench.sqlite3 python bench/api.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_api_bench python bench/api.py

The first run migrates and fills the database (`bench/national_dataset.py`: 7,500 schools in
150 SWVs over four school years); later runs reuse it. Then, per scenario, it starts gunicorn
on 127.0.0.1 (loopback only), warms it up, and runs `wrk` (Debian package) with --clients
connections for --seconds (bounded), each request a random page of 100 rows. It reports:

- client-side latency (wrk: p50, p95, p99) and requests per second;
- server time per request from gunicorn's access log (%(D)s: from the request read to the
  response written, in the worker), p50/p95/max;
- CPU per request: the CPU time all gunicorn workers used during the run (from /proc),
  divided by the requests they served; on SQLite that includes the database's own work;
- the load average before and after, since the machine is shared.

Goal (issue 8): an API list page of 100 schools or profiles in ≤ 100 ms server time.
Request limits are raised for the run (OPENSOP_API_RATE_PUBLIC), so every request counts.
"""

# A local benchmark: it starts our own gunicorn and wrk on loopback, with fixed arguments.
# ruff: noqa: S603, S607, S310, S311

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT / "src"),
    "DJANGO_SETTINGS_MODULE": "opensop.settings",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-not-secret"),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "OPENSOP_API_RATE_PUBLIC": "100000000/minute",
    "OPENSOP_API_RATE_TOKEN": "100000000/minute",
}
# (name, path, number of pages to pick from at random: filled in after counting)
SCENARIOS = [
    ("schools, 100 per page", "/api/v1/scholen/?per_pagina=100"),
    (
        "schools, need filter (dyslexie ≥ aanwezig)",
        "/api/v1/scholen/?per_pagina=100&behoefte=dyslexie",
    ),
    ("profiles, 100 per page", "/api/v1/profielen/?per_pagina=100"),
    ("profiles, newest per school", "/api/v1/profielen/?per_pagina=100&laatste=true"),
    (
        "profiles, one SWV (with its API key)",
        "/api/v1/profielen/?per_pagina=100&samenwerkingsverband={swv}",
    ),
]
LUA = """
local pages = %d
local path = "%s"
math.randomseed(%d)
request = function()
  local p = math.random(1, pages)
  return wrk.format("GET", path .. "&pagina=" .. p, %s)
end
"""


def manage(*args: str) -> str:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def prepare(schools: int, swvs: int, years: int) -> None:
    manage("migrate", "--verbosity", "0")
    script = (
        "from opensop.organisations.models import Swv; "
        "print(Swv.objects.filter(code__startswith='SYN').exists())"
    )
    if manage("shell", "-c", script).split()[-1] != "True":
        print(f"Generating {schools} schools in {swvs} SWVs over {years} school years…", flush=True)
        started = time.perf_counter()
        made = subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "national_dataset.py"),
                f"--schools={schools}",
                f"--swvs={swvs}",
                f"--years={years}",
            ],
            env=ENV,
            check=True,
            capture_output=True,
            text=True,
        )
        print(made.stdout.strip())
        print(f"  ({time.perf_counter() - started:.0f} s)")
        # The bulk load bypasses publication: store the newest public profile per school
        # (and the search's entries) as after any bulk load.
        manage("rebuild_search_index")
    # Fresh statistics after the bulk load (autovacuum would catch up later): without them
    # PostgreSQL plans the public-profile queries as if the tables were empty.
    manage(
        "shell",
        "-c",
        "from django.db import connection\nwith connection.cursor() as c: c.execute('ANALYZE')",
    )


def bench_key() -> tuple[int, str]:
    """A fresh API key of the largest synthetic SWV (the old bench keys are revoked)."""
    script = """
from django.db.models import Count
from opensop.api.models import ApiKey
from opensop.api.services import create_key
from opensop.organisations.models import Swv
from django.utils import timezone
ApiKey.objects.filter(name="bench").update(revoked_at=timezone.now())
swv = Swv.objects.annotate(n=Count("schools")).order_by("-n", "pk").first()
key, plain = create_key(swv, "bench", None)
print(swv.pk, plain)
"""
    swv, plain = manage("shell", "-c", script).split()[-2:]
    return int(swv), plain


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    workers_count: int

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / ticks

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def start_server(workers: int, log: Path) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [
            GUNICORN,
            "opensop.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(s)s %(D)s %(U)s",
            "--log-level=warning",
        ],
        env=ENV,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/formaten/", timeout=2)
            return Server(process, port, log, workers)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def count(server: Server, path: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(json.load(response)["count"])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(
    server: Server, path: str, headers: dict[str, str], *, pages: int, clients: int, seconds: int
) -> dict[str, float]:
    lua_headers = "{" + ", ".join(f'["{k}"] = "{v}"' for k, v in headers.items()) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % (pages, path, random.randrange(1 << 30), lua_headers or "nil"))
    for _ in range(2 * server.workers_count):  # warm every worker (imports, caches, connections)
        urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{server.port}{path}&pagina=1", headers=headers
            ),
            timeout=60,
        ).read()
    server.log.write_text("")
    load_before = Path("/proc/loadavg").read_text().split()[0]
    cpu_before = server.cpu_seconds()
    output = subprocess.run(
        [
            "wrk",
            f"--threads={min(2, clients)}",
            f"--connections={clients}",
            f"--duration={seconds}s",
            "--timeout=30s",
            "--latency",
            "--script",
            script.name,
            f"http://127.0.0.1:{server.port}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cpu = server.cpu_seconds() - cpu_before
    time.sleep(0.5)  # let the workers flush their access log
    lines = [line.split() for line in server.log.read_text().splitlines() if line.strip()]
    statuses = [line[0] for line in lines]
    server_ms = [int(line[1]) / 1000 for line in lines]
    Path(script.name).unlink()
    wrk = {m.group(1): m.group(2) for m in re.finditer(r"^\s+(50|90|99)%\s+(\S+)", output, re.M)}
    return {
        "requests": len(lines),
        "non_200": sum(1 for s in statuses if s != "200"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "server_p50_ms": statistics.median(server_ms),
        "server_p95_ms": percentile(server_ms, 0.95),
        "server_max_ms": max(server_ms),
        "cpu_per_request_ms": 1000 * cpu / max(1, len(lines)),
        "client_p50": wrk.get("50", "?"),
        "client_p90": wrk.get("90", "?"),
        "client_p99": wrk.get("99", "?"),
        "load_before": float(load_before),
        "load_after": float(Path("/proc/loadavg").read_text().split()[0]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=7500)
    parser.add_argument("--swvs", type=int, default=150)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--out", help="write the figures as JSON here")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    database = os.environ.get("DATABASE_URL", "sqlite")
    print(f"Database: {database.split(':')[0]}", flush=True)
    prepare(options.schools, options.swvs, options.years)
    if options.prepare_only:
        return
    swv, key = bench_key()
    log = Path(tempfile.mkdtemp()) / "access.log"
    server = start_server(options.workers, log)
    results = {}
    try:
        for name, template in SCENARIOS:
            path = template.format(swv=swv)
            headers = {"Authorization": f"Bearer {key}"} if "{swv}" in template else {}
            pages = max(1, -(-count(server, path, headers) // 100))
            figures = run(
                server, path, headers, pages=pages, clients=options.clients, seconds=options.seconds
            )
            results[name] = {"pages": pages, **figures}
            print(
                f"{name:45} {figures['requests']:5.0f} req {figures['rps']:6.1f}/s "
                f"server p50 {figures['server_p50_ms']:6.1f} p95 {figures['server_p95_ms']:6.1f} "
                f"max {figures['server_max_ms']:6.1f} ms "
                f"| cpu/req {figures['cpu_per_request_ms']:5.1f} ms "
                f"| client p50 {figures['client_p50']} p99 {figures['client_p99']} "
                f"| non-200 {figures['non_200']:.0f} "
                f"| load {figures['load_before']}→{figures['load_after']}",
                flush=True,
            )
    finally:
        server.stop()
    if options.out:
        Path(options.out).write_text(
            json.dumps(
                {
                    "database": database.split(":")[0],
                    "clients": options.clients,
                    "seconds": options.seconds,
                    "workers": options.workers,
                    "results": results,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
