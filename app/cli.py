"""The ``convarith`` command: ``convarith serve`` starts the server."""

from __future__ import annotations

import argparse

DEFAULT_HOST = "127.0.0.1"
# --classroom listens on every interface, so students' devices reach it.
CLASSROOM_HOST = "0.0.0.0"
DEFAULT_PORT = 8000


def say(lines: list[str]) -> None:
    """Print each line the terminal can show: one whose encoding lacks Hangul or the QR
    code's blocks (a console set to a legacy code page) skips those lines, not the server."""
    for line in lines:
        try:
            print(line, flush=True)
        except UnicodeEncodeError:
            continue


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="convarith", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the page and the API")
    serve.add_argument(
        "--host",
        default=None,
        help=f"default {DEFAULT_HOST} ({CLASSROOM_HOST} with --classroom)",
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--classroom",
        action="store_true",
        help="listen on the network and print the address (and a QR code) students open",
    )
    args = parser.parse_args(argv)
    host = args.host or (CLASSROOM_HOST if args.classroom else DEFAULT_HOST)
    if args.classroom:
        from app.web.classroom import classroom_lines, lan_addresses

        say(classroom_lines(lan_addresses(), args.port))
    import uvicorn

    uvicorn.run("app.main:app", host=host, port=args.port, workers=args.workers, proxy_headers=True)


if __name__ == "__main__":
    main()
