"""Server time of the overview pages and their Excel export, on a synthetic national data set.

    DATABASE_URL=sqlite:////tmp/overview_bench.sqlite3 python bench/overview.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overview_bench python bench/overview.py

The database is migrated and filled (bench/national_dataset.py: 7,500 schools in 150 SWVs,
four school years) on the first run; later runs reuse it. Each URL is requested through
Django's test client (every middleware, the session, the two-factor check, the template),
a few times to warm up and then --runs times; the median and the slowest are printed,
with the number of queries. Goals: 50 ms for an SWV's page, 200 ms for the national view.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
# No collectstatic for a benchmark: plain static storage, as in the tests.
os.environ.setdefault(
    "DJANGO_STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from opensop.organisations.models import Swv  # noqa: E402
from national_dataset import CODE_PREFIX, create  # noqa: E402


def prepare(schools: int, swvs: int, years: int) -> None:
    call_command("migrate", verbosity=0)
    if not Swv.objects.filter(code__startswith=CODE_PREFIX).exists():
        print(f"Generating {schools} schools in {swvs} SWVs over {years} school years…")
        print(create(schools, swvs, years))


def admin_client() -> Client:
    user, created = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure(
    client: Client, url: str, runs: int, cold: bool = False
) -> tuple[float, float, float, int, int]:
    """Median wall time, slowest wall time, median CPU time of this process (on SQLite the
    database's work too; a busy machine inflates wall time more than CPU time), queries, size.
    `cold`: Django's cache emptied before every request, so each is a first request (a miss
    of what the pages keep per stamp of writes)."""
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    times, cpu = [], []
    for _ in range(runs):
        if cold:
            cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    median_cpu = statistics.median(cpu)
    return statistics.median(times), max(times), median_cpu, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--schools", type=int, default=7500)
    parser.add_argument("--swvs", type=int, default=150)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--only", metavar="TEXT", help="only the URLs whose label holds TEXT")
    parser.add_argument(
        "--profile",
        metavar="TEXT",
        help="only profile (pyinstrument) the URLs whose label holds TEXT, e.g. 'changed'",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty Django's cache before every request: first requests, nothing kept",
    )
    args = parser.parse_args()
    prepare(args.schools, args.swvs, args.years)
    largest = (
        Swv.objects.filter(code__startswith=CODE_PREFIX)
        .annotate(n=Count("schools"))
        .order_by("-n")
        .first()
    )
    assert largest is not None
    base = f"/swv/{largest.pk}/overzicht/"
    urls = [
        (f"SWV ({largest.n} schools): status", base),
        (f"SWV ({largest.n} schools): norms", base + "normen/"),
        (f"SWV ({largest.n} schools): coverage", base + "dekking/"),
        (
            f"SWV ({largest.n} schools): coverage, one municipality",
            base + "dekking/?gemeente=" + f"Gemeente%20{largest.pk}-1",
        ),
        (f"SWV ({largest.n} schools): what changed", base + "veranderd/"),
        (f"SWV ({largest.n} schools): expertise and network", base + "deskundigheid/"),
        (f"SWV ({largest.n} schools): status to Excel", base + "status.xlsx"),
        (f"SWV ({largest.n} schools): coverage to Excel", base + "dekking.xlsx"),
        (f"SWV ({largest.n} schools): norms to CSV", base + "normen.csv"),
        ("National: page", "/overzicht/"),
        ("National: to Excel", "/overzicht/landelijk.xlsx"),
    ]
    urls = [(label, url) for label, url in urls if not args.only or args.only in label]
    client = admin_client()
    if args.profile:
        profile([(label, url) for label, url in urls if args.profile in label], client)
        return
    load = os.getloadavg()[0]
    kept = "cache emptied before each request" if args.cold else "warm cache"
    print(
        f"Database: {connection.vendor}; {args.runs} runs per URL; {kept}; load average {load:.1f}"
    )
    print(f"{'what':<52} {'median':>9} {'slowest':>9} {'cpu':>9} {'queries':>7} {'kB':>5}")
    for label, url in urls:
        median, slowest, cpu, queries, size = measure(client, url, args.runs, args.cold)
        times = f"{median:7.1f}ms {slowest:7.1f}ms {cpu:7.1f}ms"
        print(f"{label:<52} {times} {queries:7d} {size // 1000:5d}")


def profile(urls: list[tuple[str, str]], client: Client) -> None:
    """Where the server time of each URL goes (pyinstrument; a test-only dependency)."""
    from pyinstrument import Profiler  # noqa: PLC0415

    for label, url in urls:
        for _ in range(3):
            client.get(url)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(5):
                client.get(url)
        print(f"== {label} (5 requests)")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
