"""The ``convarith`` command parses its arguments and hands them to uvicorn (not started)."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn

from app.cli import DEFAULT_HOST, DEFAULT_PORT, main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


@pytest.mark.parametrize(
    ("argv", "host", "port", "workers"),
    [
        (["serve"], DEFAULT_HOST, DEFAULT_PORT, 1),
        (["serve", "--host", "0.0.0.0", "--port", "9001", "--workers", "4"], "0.0.0.0", 9001, 4),
    ],
)
def test_serve(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]],
    argv: list[str],
    host: str,
    port: int,
    workers: int,
) -> None:
    main(argv)
    assert runs == [
        (
            ("app.main:app",),
            {"host": host, "port": port, "workers": workers, "proxy_headers": True},
        )
    ]


@pytest.mark.parametrize(
    "argv", [[], ["run"], ["serve", "--port", "http"], ["serve", "--workers", "many"]]
)
def test_bad_arguments_exit_with_usage(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]],
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "usage: convarith" in capsys.readouterr().err
    assert runs == []


def test_the_app_path_imports() -> None:
    from app.main import app

    assert app.title == "convarith"
