"""What `make run` starts until the web app lands: the command line on the example profiles."""

from __future__ import annotations

import sys
from pathlib import Path

from opensop.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run() -> int:
    print("Open SOP — bekende formaten:\n")
    main(["format", "list"])
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        print("\n" + "=" * 78)
        status = main(["profile", "check", str(path)])
        verdict = "in orde" if status == 0 else "ongeldig of norm niet gehaald"
        print(f"(exitstatus {status}: {verdict})")
    example = "examples/zuid-limburg-po/voldoet.yaml"
    print(f"\nProbeer zelf: .venv/bin/opensop profile check --json {example}")
    return 0


if __name__ == "__main__":
    sys.exit(run())
