"""The format core runs without Django: the CLI, importers and documents share it."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_core_loads_no_django() -> None:
    code = (
        "import sys\n"
        "import opensop.cli, opensop.formats.profile, opensop.formats.carry_over\n"
        "from opensop.formats.registry import FormatRegistry\n"
        "FormatRegistry.builtin()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'rest_framework'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
