"""The ``convarith`` command parses its arguments and hands them to uvicorn (not started)."""

from __future__ import annotations

import io
import socket
from typing import Any

import pytest
import segno
import uvicorn

from app.cli import DEFAULT_HOST, DEFAULT_PORT, main
from app.web.classroom import is_reachable, lan_addresses


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


@pytest.fixture
def addresses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the address finder answers (a test sets it): the machine's own network varies."""
    found: list[str] = []
    monkeypatch.setattr("app.web.classroom.lan_addresses", lambda: list(found))
    return found


def test_classroom_listens_on_the_network_and_prints_the_students_address(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]],
    addresses: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    addresses.extend(["192.168.1.20", "10.0.0.5"])
    main(["serve", "--classroom", "--port", "8123"])
    assert runs[0][1]["host"] == "0.0.0.0" and runs[0][1]["port"] == 8123
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Students open: http://192.168.1.20:8123/"
    assert lines[1] == "학생들이 열 주소: http://192.168.1.20:8123/"
    assert lines[2] == "  http://10.0.0.5:8123/"
    # The QR code is segno's own drawing of exactly that address (a regular QR code, not a
    # Micro QR code, which phones' cameras do not all read).
    qr = io.StringIO()
    segno.make_qr("http://192.168.1.20:8123/", error="m").terminal(out=qr, compact=True)
    assert out.endswith(qr.getvalue() + "\n")
    assert not segno.make_qr("http://192.168.1.20:8123/").is_micro


def test_classroom_with_no_network_address_says_so(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]],
    addresses: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["serve", "--classroom"])
    out = capsys.readouterr().out
    assert "No network address found on this computer" in out
    assert "네트워크 주소를 찾지 못해" in out
    assert "http://" not in out and "█" not in out
    assert runs[0][1]["host"] == "0.0.0.0"


def test_classroom_keeps_a_host_given(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]], addresses: list[str]
) -> None:
    addresses.append("192.168.1.20")
    main(["serve", "--classroom", "--host", "192.168.1.20"])
    assert runs[0][1]["host"] == "192.168.1.20"


@pytest.mark.parametrize(
    ("address", "reachable"),
    [
        ("192.168.1.20", True),
        ("10.0.0.5", True),
        ("172.16.0.1", True),
        ("127.0.0.1", False),
        ("127.1.2.3", False),
        ("169.254.10.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("not an address", False),
    ],
)
def test_which_addresses_students_can_reach(address: str, reachable: bool) -> None:
    assert is_reachable(address) is reachable


def test_the_address_finder_skips_loopback_and_link_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's answers replaced: the route's own address first, then the host name's,
    each once, loopback and link-local left out."""

    class Probe:
        def __init__(self, *args: object) -> None:
            pass

        def __enter__(self) -> Probe:
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def connect(self, address: tuple[str, int]) -> None:
            pass

        def getsockname(self) -> tuple[str, int]:
            return ("192.168.1.20", 50000)

    def infos(*args: object) -> list[tuple[object, ...]]:
        return [
            (socket.AF_INET, 0, 0, "", (address, 0))
            for address in ("127.0.1.1", "169.254.3.4", "192.168.1.20", "10.0.0.5")
        ]

    monkeypatch.setattr(socket, "socket", Probe)
    monkeypatch.setattr(socket, "getaddrinfo", infos)
    assert lan_addresses() == ["192.168.1.20", "10.0.0.5"]


def test_the_address_finder_without_a_network_finds_none(monkeypatch: pytest.MonkeyPatch) -> None:
    class Unreachable:
        def __init__(self, *args: object) -> None:
            raise OSError("Network is unreachable")

    def loopback_only(*args: object) -> list[tuple[object, ...]]:
        return [(socket.AF_INET, 0, 0, "", ("127.0.0.1", 0))]

    monkeypatch.setattr(socket, "socket", Unreachable)
    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    assert lan_addresses() == []


def test_a_terminal_without_hangul_or_blocks_still_gets_the_address(
    runs: list[tuple[tuple[Any, ...], dict[str, Any]]],
    addresses: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    addresses.append("192.168.1.20")
    raw = io.BytesIO()
    terminal = io.TextIOWrapper(raw, encoding="ascii", newline="\n")
    monkeypatch.setattr("sys.stdout", terminal)
    main(["serve", "--classroom"])
    terminal.flush()
    assert raw.getvalue().decode("ascii") == "Students open: http://192.168.1.20:8000/\n"
    assert runs[0][1]["host"] == "0.0.0.0"
