"""Shared fixtures: an in-process client for the API tests, and a real server on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from app.main import app

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30

# tools/mutants.py runs the suite once per mutant: a few fixed examples per property, no
# shrinking (a failure is all it needs to know), and no example database (a mutant's failures
# must not be replayed against the real code).
MUTANT_EXAMPLES = 10
settings.register_profile(
    "mutants",
    max_examples=MUTANT_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under the mutants profile, cap the tests that set their own max_examples too (a
    profile only sets the defaults). Hypothesis reads the settings it attached to the test
    when the test runs, so replacing them here takes effect."""
    if os.environ.get("HYPOTHESIS_PROFILE") != "mutants":
        return
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > MUTANT_EXAMPLES:
            test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
                own, max_examples=MUTANT_EXAMPLES
            )


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    # The uvicorn process itself (one worker, no supervisor), for reading its memory.
    pid: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the server did not start")
        time.sleep(0.1)
    yield LiveServer(base, process.pid)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(live_server: LiveServer) -> str:
    """The live server's base URL, e.g. http://127.0.0.1:PORT."""
    return live_server.base_url
