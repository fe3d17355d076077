"""The page's DOM-free modules (static/js), through their node tests (tests/js), so that
``python -m pytest`` runs them too. Node is required: CI installs it (see the README)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_TIMEOUT_SECONDS = 120
TESTS = list((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node is not None, "node is missing: apt-get install -y nodejs (see the README)"
    result = subprocess.run(
        [node, "--test", *sorted(str(p.relative_to(ROOT)) for p in TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Node passes a run that found no tests: count them.
    passed = [line for line in result.stdout.splitlines() if line.startswith("# pass ")]
    assert passed and int(passed[0].split()[-1]) >= len(TESTS), result.stdout
