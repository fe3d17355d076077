"""``python -m benchmarks [--only NAME ...]``: start a server, run the benchmarks, print tables."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import benchmarks
from benchmarks.registry import BENCHMARKS
from benchmarks.server import live_server


def _import_all() -> None:
    """Every module of the package, so that each ``@register`` has run."""
    for module in pkgutil.iter_modules(benchmarks.__path__):
        if module.name != "__main__":
            importlib.import_module(f"benchmarks.{module.name}")


def main() -> None:
    _import_all()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these")
    args = parser.parse_args()
    chosen = args.only or list(BENCHMARKS)
    with live_server() as server:
        for name in chosen:
            print(BENCHMARKS[name](server).render(), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
