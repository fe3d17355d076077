"""A real uvicorn on a free loopback port, for the benchmarks to load."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.app import COMPARISON_DIR_ENV, COMPARISON_PREFIX

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 20.0


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    # Files written here are served at ``comparison_url(name)`` by the same server.
    comparison_dir: Path
    # The server's process, for reading its memory: with one worker uvicorn serves in the
    # process it starts in (no supervisor).
    pid: int

    def comparison_url(self, name: str) -> str:
        return f"{COMPARISON_PREFIX}/{name}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(
    base_url: str, process: subprocess.Popen[bytes], seconds: float = STARTUP_SECONDS
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args!r} exited with {process.returncode} before answering"
            )
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)  # polling a starting server: nothing to wait on but time
    raise RuntimeError(f"{process.args!r} did not answer /healthz within {seconds} s")


@contextmanager
def live_server(workers: int = 1) -> Iterator[LiveServer]:
    """uvicorn with production settings (no reload, no access log) on a free port."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="convarith-bench-") as folder:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "benchmarks.app:comparison_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        env = {**os.environ, COMPARISON_DIR_ENV: folder}
        process = subprocess.Popen(command, cwd=ROOT, env=env)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_up(base_url, process)
            yield LiveServer(base_url, Path(folder), process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
