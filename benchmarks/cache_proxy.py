"""The deployment on loopback: ``convarith serve --workers N`` and deploy/nginx.conf in front.

nginx runs from a temporary folder (``nginx -p DIR``), unprivileged or not, on a free port;
its access log records, for each request, whether the app was asked (``upstream=`` a time)
or the cache answered (``upstream=-``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.server import ROOT, _wait_until_up, free_port

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
# Several workers each import the app: on a loaded 2-core machine that took over 20 s.
APP_STARTUP_SECONDS = 90.0
PLACEHOLDERS = ("CONVARITH_LISTEN", "CONVARITH_UPSTREAM")
# One line of the template's log_format.
_LOG_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<uri>\S+) [^"]*" (?P<status>\d{3}) \d+ '
    r"cache=(?P<cache>\S+) upstream=(?P<upstream>\S+)"
)


def nginx_binary() -> str:
    """Debian's nginx (in /usr/sbin, off an unprivileged user's PATH), or a loud refusal."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise RuntimeError("nginx is not installed: apt-get install -y nginx (as the README says)")
    return found


def render_conf(template: str, listen: str, upstream: str) -> str:
    """The template with its two placeholders filled, as envsubst fills them in the container;
    nginx's own ``$variables`` are left alone."""
    text = template
    for name, value in zip(PLACEHOLDERS, (listen, upstream), strict=True):
        if "${" + name + "}" not in text:
            raise ValueError(f"{NGINX_CONF.name} has no ${{{name}}}")
        text = text.replace("${" + name + "}", value)
    return text


@dataclass(frozen=True)
class LogLine:
    method: str
    uri: str
    status: int
    cache: str  # $upstream_cache_status: HIT, MISS, ... or "-" (not cacheable by method)
    asked_app: bool


def read_log(path: Path) -> list[LogLine]:
    lines = []
    for text in path.read_text().splitlines():
        match = _LOG_LINE.search(text)
        if match is None:
            raise ValueError(f"an access log line not in the template's format: {text!r}")
        lines.append(
            LogLine(
                match["method"],
                match["uri"],
                int(match["status"]),
                match["cache"],
                match["upstream"] != "-",
            )
        )
    return lines


def app_answers(lines: list[LogLine]) -> Counter[str]:
    """How many times the app was asked for each URI."""
    return Counter(line.uri for line in lines if line.asked_app)


@dataclass(frozen=True)
class CachingProxy:
    base_url: str
    folder: Path
    pid: int

    @property
    def access_log(self) -> Path:
        return self.folder / "logs" / "access.log"

    def log(self) -> list[LogLine]:
        return read_log(self.access_log)


@contextmanager
def caching_proxy(upstream: str) -> Iterator[CachingProxy]:
    """deploy/nginx.conf in front of ``upstream`` (host:port), on a free loopback port."""
    nginx = nginx_binary()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="convarith-nginx-") as name:
        folder = Path(name)
        # Started as root, nginx's workers run as nobody: they must reach the cache inside.
        folder.chmod(0o755)
        (folder / "logs").mkdir()
        (folder / "temp").mkdir()
        conf = folder / "nginx.conf"
        conf.write_text(render_conf(NGINX_CONF.read_text(), f"127.0.0.1:{port}", upstream))
        command = [nginx, "-p", f"{folder}/", "-c", str(conf), "-e", "stderr"]
        process = subprocess.Popen([*command, "-g", "daemon off;"])
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_up(base_url, process)
            yield CachingProxy(base_url, folder, process.pid)
        finally:
            process.send_signal(signal.SIGQUIT)  # nginx's graceful stop
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass(frozen=True)
class ServedApp:
    base_url: str
    address: str  # host:port, as nginx's upstream names it
    pid: int  # uvicorn's supervisor when there are several workers


@contextmanager
def served_app(workers: int) -> Iterator[ServedApp]:
    """``convarith serve --workers N`` on a free loopback port (the command the Dockerfile runs)."""
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    # The access log is uvicorn's default, as deployed; nobody reads it here.
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL)
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_up(base_url, process, APP_STARTUP_SECONDS)
        yield ServedApp(base_url, f"127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
