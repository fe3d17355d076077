"""The deployment, exercised: two app workers behind deploy/nginx.conf, and a classroom burst.

The app says what a shared cache may keep (its headers, checked in-process first); nginx,
started from a temporary folder on loopback, keeps exactly that. The burst's students ask at
once, half of them in Korean and half in English (Accept-Language, no ``lang=``), so the cache
must keep one copy per language and never hand one language's answer to the other. nginx is
required, not skipped: the README's test command installs it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from PIL import Image

from benchmarks.burst import page_assets
from benchmarks.cache_proxy import (
    NGINX_CONF,
    PLACEHOLDERS,
    CachingProxy,
    LogLine,
    app_answers,
    caching_proxy,
    read_log,
    render_conf,
    served_app,
)

QUERY = "op=conv&i=5&k=3&s=2&p=1"
PAGE = f"/?{QUERY}"
# A few answers a page asks for, the same for every student: the link's and two slider moves.
API = [
    f"/api/ranges?{QUERY}",
    f"/api/frames?{QUERY}",
    "/api/frames?op=conv&i=6&k=3&s=2&p=1",
    "/api/ranges?op=conv&i=6&k=3&s=2&p=1",
    f"/api/arithmetic?{QUERY}",
]
# The answers with sentences (notes, relationship titles), which Accept-Language chooses the
# language of; /api/ranges has none, so one copy serves both.
SAID = {PAGE, API[1], API[2], API[4]}
# Said in the link's language: one copy for every reader.
API_KOREAN = f"/api/frames?{QUERY}&lang=ko"
STUDENTS = 30
LANGUAGES = {"ko": "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "en": "en-US,en;q=0.9"}
# A refusal: i=5 with k=30 and no padding has no output.
REFUSED = "/api/frames?op=conv&i=5&k=30"


# -- What the app says a cache may keep (in-process) ---------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        PAGE,
        "/embed",
        "/network",
        "/tour",
        "/tour/1",
        "/causal",
        "/practice?seed=7",
        "/practice/sheet?seed=7",
    ],
)
def test_a_page_chosen_by_accept_language_is_kept_one_copy_per_language(
    client: TestClient, path: str
) -> None:
    r = client.get(path, headers={"Accept-Language": "ko"})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=60"
    assert r.headers["content-language"] == "ko"
    assert "accept-language" in r.headers["vary"].lower()
    assert '<html lang="ko">' in r.text


def test_a_page_whose_link_names_the_language_is_one_copy_for_all(client: TestClient) -> None:
    r = client.get(f"{PAGE}&lang=ko", headers={"Accept-Language": "en"})
    assert r.headers["cache-control"] == "public, max-age=60"
    assert r.headers["content-language"] == "ko"
    assert "accept-language" not in r.headers.get("vary", "").lower()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/healthz"),
        ("GET", REFUSED),
        ("GET", "/no-such-page"),
        ("GET", "/tour/999"),
        # A bare practice link picks a fresh seed each time: never kept.
        ("GET", "/practice"),
        ("GET", "/practice?seed=abc"),
    ],
)
def test_health_and_refusals_are_not_for_caches(client: TestClient, method: str, path: str) -> None:
    r = client.request(method, path, follow_redirects=False)
    assert r.status_code in (200, 302, 404, 422)
    cache_control = r.headers.get("cache-control", "")
    assert "public" not in cache_control and "max-age" not in cache_control
    if path == "/healthz":
        assert cache_control == "no-store"


# -- The template -----------------------------------------------------------------------------


def test_the_template_fills_only_its_own_placeholders() -> None:
    conf = render_conf(NGINX_CONF.read_text(), "127.0.0.1:1", "127.0.0.1:2")
    assert "listen 127.0.0.1:1;" in conf and "server 127.0.0.1:2;" in conf
    assert "${" not in conf
    assert "$host$request_uri" in conf  # nginx's own variables untouched
    with pytest.raises(ValueError):
        render_conf("events {}", "127.0.0.1:1", "127.0.0.1:2")


def test_compose_runs_two_workers_behind_the_template() -> None:
    """docker compose cannot run here: what it would run is read instead."""
    deploy = NGINX_CONF.parent
    compose = yaml.safe_load((deploy / "docker-compose.yml").read_text())
    app, cache = compose["services"]["app"], compose["services"]["cache"]
    assert (deploy / app["build"]["context"] / app["build"]["dockerfile"]).is_file()
    assert app["command"][:2] == ["convarith", "serve"]
    assert app["command"][app["command"].index("--workers") + 1] == "2"
    assert cache["environment"]["CONVARITH_UPSTREAM"] == "app:" + app["expose"][0]
    assert set(cache["environment"]) == set(PLACEHOLDERS)
    dockerfile = (deploy / cache["build"]["context"] / cache["build"]["dockerfile"]).read_text()
    assert "COPY nginx.conf " in dockerfile
    # envsubst fills exactly the placeholders: nginx's own $variables stay.
    listed = re.search(r"envsubst '([^']*)'", dockerfile)
    assert listed is not None
    assert listed.group(1).split() == ["${" + name + "}" for name in PLACEHOLDERS]


def test_the_access_log_parser_reads_the_templates_format(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        '127.0.0.1 [29/Nov/2026:02:38:02 +0000] "GET /static/css/page.css HTTP/1.1" 200 27284 '
        "cache=HIT upstream=-\n"
        '127.0.0.1 [29/Nov/2026:02:38:02 +0000] "POST /api/filter?w=box_blur HTTP/1.1" 200 '
        "86 cache=- upstream=0.010\n"
    )
    assert read_log(log) == [
        LogLine("GET", "/static/css/page.css", 200, "HIT", False),
        LogLine("POST", "/api/filter?w=box_blur", 200, "-", True),
    ]


# -- Through nginx ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deployment:
    proxy: CachingProxy
    app_url: str
    app_pid: int


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    with served_app(workers=2) as app, caching_proxy(app.address) as proxy:
        yield Deployment(proxy, app.base_url, app.pid)


@dataclass
class Answer:
    url: str
    lang: str
    status: int
    content_language: str | None
    body: bytes


def _student(http: httpx.Client, n: int, assets: list[str]) -> list[Answer]:
    lang = "ko" if n % 2 else "en"
    headers = {"Accept-Language": LANGUAGES[lang]}
    answers = []
    for url in [PAGE, *assets, *API, API_KOREAN]:
        r = http.get(url, headers=headers)
        answers.append(
            Answer(url, lang, r.status_code, r.headers.get("content-language"), r.content)
        )
    return answers


@pytest.fixture(scope="module")
def burst(deployment: Deployment) -> list[Answer]:
    """Every student at once, each asking for the page, its files and the answers in turn."""
    with httpx.Client(base_url=deployment.app_url, timeout=30) as direct:
        assets = page_assets(direct, PAGE)  # from the app: nginx's cache stays cold
    limits = httpx.Limits(max_connections=STUDENTS)
    with (
        httpx.Client(base_url=deployment.proxy.base_url, timeout=30, limits=limits) as http,
        ThreadPoolExecutor(max_workers=STUDENTS) as pool,
    ):
        done = pool.map(lambda n: _student(http, n, assets), range(STUDENTS))
        return [answer for answers in done for answer in answers]


def test_the_app_runs_two_worker_processes(deployment: Deployment) -> None:
    pid = deployment.app_pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    commands = [Path(f"/proc/{child}/cmdline").read_bytes() for child in children]
    # uvicorn's supervisor spawns each worker with multiprocessing (besides its tracker).
    assert sum(b"spawn_main" in command for command in commands) == 2


def test_the_burst_has_no_errors(burst: list[Answer]) -> None:
    assert len(burst) > STUDENTS * (len(API) + 2)
    assert [(a.url, a.status) for a in burst if a.status != 200] == []


def test_the_app_answers_each_url_once_per_language(
    deployment: Deployment, burst: list[Answer]
) -> None:
    burst_urls = {a.url for a in burst}
    asked = app_answers([line for line in deployment.proxy.log() if line.uri in burst_urls])
    # One copy per language of what Accept-Language chose the language of, one of the rest.
    assert asked == {url: 2 if url in SAID else 1 for url in burst_urls}
    assert sum(asked.values()) < len(burst) / 10


def test_no_student_gets_the_other_languages_answer(
    deployment: Deployment, burst: list[Answer]
) -> None:
    pages = [a for a in burst if a.url == PAGE]
    assert pages and all(f'<html lang="{a.lang}">'.encode() in a.body for a in pages)
    with httpx.Client(base_url=deployment.app_url, timeout=30) as direct:
        for lang, accept in LANGUAGES.items():
            for url in API:
                truth = direct.get(url, headers={"Accept-Language": accept})
                said = truth.headers.get("content-language")
                assert said == (lang if url in SAID else None), url
                vary = truth.headers.get("vary", "").lower()
                assert ("accept-language" in vary) == (url in SAID), url
                served = [a for a in burst if a.url == url and a.lang == lang]
                assert served and all(
                    a.content_language == said and a.body == truth.content for a in served
                ), url
    korean = [a for a in burst if a.url == API_KOREAN]
    assert {a.content_language for a in korean} == {"ko"}


def _log_for(proxy: CachingProxy, method: str, uri: str) -> list[LogLine]:
    return [line for line in proxy.log() if line.method == method and line.uri == uri]


def test_uploads_refusals_and_health_always_reach_the_app(deployment: Deployment) -> None:
    picture = io.BytesIO()
    Image.new("L", (16, 16), 128).save(picture, "PNG")
    upload = "/api/filter?w=box_blur"
    with httpx.Client(base_url=deployment.proxy.base_url, timeout=30) as http:
        for _ in range(2):
            r = http.post(upload, files={"image": ("p.png", picture.getvalue(), "image/png")})
            assert r.status_code == 200 and r.headers["content-type"] == "image/png"
            assert r.headers["cache-control"] == "no-store"
            assert http.get(REFUSED).status_code == 422
            assert http.get("/healthz").status_code == 200
    for method, uri in [("POST", upload), ("GET", REFUSED), ("GET", "/healthz")]:
        lines = _log_for(deployment.proxy, method, uri)
        # /healthz also answered nginx's start-up check.
        assert len(lines) >= 2 and all(line.asked_app for line in lines), uri


def test_a_repeat_is_served_by_the_cache_without_the_app(deployment: Deployment) -> None:
    url = "/api/frames?op=conv&i=7&k=3"
    with httpx.Client(base_url=deployment.proxy.base_url, timeout=30) as http:
        first, again = (http.get(url, params={"lang": "en"}) for _ in range(2))
    assert first.headers["x-cache-status"] == "MISS"
    assert again.headers["x-cache-status"] == "HIT"
    assert again.content == first.content
    assert re.fullmatch(r'"[0-9a-f]+"', again.headers["etag"])


def test_the_readme_test_command_installs_nginx() -> None:
    """CI runs the README's command (.ci/run), and this file requires nginx rather than
    skipping without it."""
    readme = (NGINX_CONF.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- readme-test-command -->", 1)[1].split("```")[1]
    install = re.search(r"apt-get install -y ([^&]+)&&", block)
    assert install is not None and "nginx" in install.group(1).split()
