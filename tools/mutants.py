"""Sampled mutation testing of app/core: does the suite notice a one-token change?

Each mutant is one small edit of one module (a comparison loosened, an operator swapped, a
constant off by one, a return dropped, a pair's index swapped, ``and`` for ``or``). A sample
of them, drawn with a seed, is written into the module one at a time, the non-browser suite
is run against it (stopping at the first failure), and the module is restored. A mutant the
suite fails on is caught; one it passes has survived, and a person judges whether it changes
anything observable: those that do not are listed, with a reason, in
tools/mutants_equivalent.txt and left out of the score.

    python tools/mutants.py --sample 60 --seed 1
    python tools/mutants.py --module app/core/params.py --sample 20 --json out.json
    python tools/mutants.py --list            # every mutant, none run

The mutants are written into a temporary copy of the working tree (its tracked and new
files), never into the tree itself; the copy is removed at the end, also on Ctrl-C or SIGTERM.
The suite must pass on the copy unmutated first (--no-baseline skips that check). One run at a
time: each runs the suite, and the suite is not meant to run twice at once on one machine.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "app" / "core"
EQUIVALENT = Path(__file__).with_name("mutants_equivalent.txt")
PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]

COMPARE: dict[type[ast.cmpop], tuple[type[ast.cmpop], str, str]] = {
    ast.Lt: (ast.LtE, "<", "<="),
    ast.LtE: (ast.Lt, "<=", "<"),
    ast.Gt: (ast.GtE, ">", ">="),
    ast.GtE: (ast.Gt, ">=", ">"),
    ast.Eq: (ast.NotEq, "==", "!="),
    ast.NotEq: (ast.Eq, "!=", "=="),
}
ARITHMETIC: dict[type[ast.operator], tuple[type[ast.operator], str, str]] = {
    ast.Add: (ast.Sub, "+", "-"),
    ast.Sub: (ast.Add, "-", "+"),
    ast.Mult: (ast.FloorDiv, "*", "//"),
    ast.FloorDiv: (ast.Mult, "//", "*"),
}
BOOLEAN: dict[type[ast.boolop], tuple[str, str]] = {ast.And: ("and", "or"), ast.Or: ("or", "and")}


@dataclass(frozen=True)
class Mutant:
    module: str  # relative to the root, e.g. app/core/params.py
    line: int
    col: int
    mutation: str  # e.g. "< -> <="
    start: int  # byte offsets of the replaced text in the module's source
    end: int
    text: str  # what replaces it
    node: int  # the node's index in ast.walk order, to check the edit

    @property
    def key(self) -> str:
        return f"{self.module}:{self.line}:{self.col}: {self.mutation}"


@dataclass
class Result:
    module: str
    line: int
    col: int
    mutation: str
    outcome: str  # caught, survived, timeout, equivalent, skipped
    original: str  # the line as written
    mutated: str  # the line as the mutant has it
    seconds: float
    failed: str  # the first failing test, when caught

    @classmethod
    def of(
        cls,
        m: Mutant,
        outcome: str,
        original: str = "",
        mutated: str = "",
        seconds: float = 0.0,
        failed: str = "",
    ) -> Result:
        return cls(m.module, m.line, m.col, m.mutation, outcome, original, mutated, seconds, failed)


# -- Enumeration ---------------------------------------------------------------------------


def _offsets(source: bytes) -> list[int]:
    """The byte offset where each line starts (ast's columns are UTF-8 byte offsets)."""
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _gap(source: bytes, start: int, end: int, token: str) -> int | None:
    """Where ``token`` stands between two operands, skipping brackets and comments."""
    gap = source[start:end]
    at = 0
    while at < len(gap):
        char = gap[at : at + 1]
        if char == b"#":
            newline = gap.find(b"\n", at)
            at = len(gap) if newline < 0 else newline
        elif gap.startswith(token.encode(), at):
            return start + at
        at += 1
    return None


def _mutations(
    tree: ast.Module, source: bytes
) -> Iterator[tuple[int, ast.AST, str, int, int, str, Callable[[ast.AST], None]]]:
    """(node index, node, mutation, start, end, replacement, the same edit on a tree)."""
    starts = _offsets(source)

    def at(line: int, col: int) -> int:
        return starts[line - 1] + col

    def begin(node: ast.AST) -> int:
        return at(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def finish(node: ast.AST) -> int:
        return at(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    indices = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
    annotations = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign | ast.arg) and node.annotation is not None
        for sub in ast.walk(node.annotation)
    } | {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns
        for sub in ast.walk(node.returns)
    }

    for index, node in enumerate(ast.walk(tree)):
        if id(node) in docstrings or id(node) in annotations:
            continue
        if isinstance(node, ast.Compare):
            left = node.left
            for position, (op, right) in enumerate(zip(node.ops, node.comparators, strict=True)):
                if type(op) in COMPARE:
                    new, old, text = COMPARE[type(op)]
                    where = _gap(source, finish(left), begin(right), old)
                    if where is not None:
                        edit = partial(_set_comparison, position=position, op=new)
                        yield index, node, f"{old} -> {text}", where, where + len(old), text, edit
                left = right
        elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in ARITHMETIC:
            new_op, old, text = ARITHMETIC[type(node.op)]
            left_end = finish(node.left if isinstance(node, ast.BinOp) else node.target)
            where = _gap(
                source,
                left_end,
                begin(node.right if isinstance(node, ast.BinOp) else node.value),
                old,
            )
            if where is not None:
                edit = partial(_set_operator, op=new_op)
                yield index, node, f"{old} -> {text}", where, where + len(old), text, edit
        elif isinstance(node, ast.BoolOp):
            old, text = BOOLEAN[type(node.op)]
            where = _gap(source, finish(node.values[0]), begin(node.values[1]), old)
            if where is not None:
                edit = partial(_first_boolean_swapped)
                yield index, node, f"{old} -> {text}", where, where + len(old), text, edit
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            text = str(not node.value)
            edit = partial(_set_value, value=not node.value)
            yield index, node, f"{node.value} -> {text}", begin(node), finish(node), text, edit
        elif isinstance(node, ast.Constant) and isinstance(node.value, int):
            if id(node) in indices and node.value in (0, 1):
                changes = [1 - node.value]  # a pair's other axis
            else:
                changes = [node.value + 1, node.value - 1]
            for value in changes:
                text = str(value) if value >= 0 else f"({value})"
                edit = partial(_set_value, value=value)
                mutation = f"{node.value} -> {value}"
                yield index, node, mutation, begin(node), finish(node), text, edit
        elif isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Constant) and node.value.value is None:
                continue
            edit = partial(_set_value, value=ast.Constant(None))
            returned = node.value
            yield (
                index,
                node,
                "return x -> return None",
                begin(returned),
                finish(returned),
                "None",
                edit,
            )


def _set_comparison(node: ast.AST, position: int, op: type[ast.cmpop]) -> None:
    assert isinstance(node, ast.Compare)
    node.ops[position] = op()


def _set_operator(node: ast.AST, op: type[ast.operator]) -> None:
    assert isinstance(node, ast.BinOp | ast.AugAssign)
    node.op = op()


def _set_value(node: ast.AST, value: object) -> None:
    """A constant's value, or a return's expression."""
    assert isinstance(node, ast.Constant | ast.Return)
    node.value = value  # type: ignore[assignment]


def _first_boolean_swapped(node: ast.AST) -> None:
    """The tree of ``a and b and c`` with its first ``and`` written ``or``: ``a or (b and c)``;
    of ``a or b or c`` with its first ``or`` written ``and``: ``(a and b) or c``."""
    assert isinstance(node, ast.BoolOp)
    first, second, *rest = node.values
    if isinstance(node.op, ast.And):
        node.op = ast.Or()
        node.values = [first, ast.BoolOp(ast.And(), [second, *rest]) if rest else second]
    elif rest:
        node.values = [ast.BoolOp(ast.And(), [first, second]), *rest]
    else:
        node.op = ast.And()


def enumerate_mutants(module: Path) -> list[Mutant]:
    source = module.read_bytes()
    tree = ast.parse(source)
    name = module.relative_to(ROOT).as_posix()
    return [
        Mutant(name, node.lineno, node.col_offset, mutation, start, end, text, index)  # type: ignore[attr-defined]
        for index, node, mutation, start, end, text, _ in _mutations(tree, source)
    ]


def mutated_source(mutant: Mutant, source: bytes) -> bytes | None:
    """The module with the mutant applied, or None if the text edit is not the AST edit
    (a column that ast reports wrongly, as inside some f-strings)."""
    edited = source[: mutant.start] + mutant.text.encode() + source[mutant.end :]
    expected = ast.parse(source)
    for index, node, mutation, start, _, _, edit in _mutations(expected, source):
        if index == mutant.node and mutation == mutant.mutation and start == mutant.start:
            edit(node)
            break
    else:
        return None
    try:
        # unparse, not dump: "(-1)" parses as a negated 1 where the edit set the constant -1.
        same = ast.unparse(ast.parse(edited)) == ast.unparse(expected)
    except SyntaxError:
        return None
    return edited if same else None


def line_of(source: bytes, line: int) -> str:
    return source.splitlines()[line - 1].decode().strip()


# -- Running -------------------------------------------------------------------------------


def snapshot() -> Path:
    """A copy of the working tree's files (tracked and new, not ignored) to mutate, so the
    tree itself is never edited and work can go on in it meanwhile."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = Path(tempfile.mkdtemp(prefix="convarith-mutants-"))
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / "tmp").mkdir()
    return copy


def test_files(tree: Path, module: str) -> list[str]:
    """Every non-browser test file, those importing the mutated module first, then the ones
    that need no web app (fast), then the rest."""
    dotted = module.removesuffix(".py").replace("/", ".")
    package, _, leaf = dotted.rpartition(".")

    def rank(path: Path) -> int:
        text = path.read_text()
        if f"from {dotted} import" in text or f"from {package} import {leaf}" in text:
            return 0
        web = ("TestClient", "app.main", "app.web", "app.render", "server")
        return 2 if any(word in text for word in web) else 1

    files = sorted((tree / "tests").glob("test_*.py"))
    return [str(p.relative_to(tree)) for p in sorted(files, key=rank)]


def run_suite(tree: Path, module: str, timeout: float) -> tuple[str, str]:
    """('caught' | 'survived' | 'timeout', the first failing test)."""
    env = dict(
        os.environ,
        HYPOTHESIS_PROFILE="mutants",
        # The suite compiles the mutated module afresh and leaves no bytecode behind.
        PYTHONDONTWRITEBYTECODE="1",
        # A temporary directory of its own: a test that compares /tmp before and after must
        # not see other people's files come and go.
        TMPDIR=str(tree / "tmp"),
    )
    process = subprocess.Popen(
        [*PYTEST, *test_files(tree, module)],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the suite's live servers die with it
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return "timeout", ""
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process.returncode == 0:
        return "survived", ""
    lines = output.strip().splitlines() or [""]
    failed = next((ln for ln in lines if ln.startswith(("FAILED", "ERROR"))), lines[-1])
    return "caught", failed


def run_mutant(tree: Path, mutant: Mutant, timeout: float) -> Result:
    path = tree / mutant.module
    source = path.read_bytes()
    original = line_of(source, mutant.line)
    edited = mutated_source(mutant, source)
    if edited is None:
        return Result.of(mutant, "skipped", original=original)
    started = time.monotonic()
    try:
        path.write_bytes(edited)
        Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
        outcome, failed = run_suite(tree, mutant.module, timeout)
    finally:
        path.write_bytes(source)
    seconds = round(time.monotonic() - started, 1)
    mutated = line_of(edited, mutant.line)
    return Result.of(mutant, outcome, original, mutated, seconds, failed)


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # so that the finally clauses kill the suite and remove the copy


# -- Reviewed equivalents ------------------------------------------------------------------


def read_equivalent() -> dict[str, str]:
    """key -> reason, from lines ``app/core/x.py:LINE:COL: MUTATION  # reason``."""
    reviewed = {}
    for raw in EQUIVALENT.read_text().splitlines() if EQUIVALENT.exists() else []:
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, reason = line.partition("  # ")
            reviewed[key.strip()] = reason.strip()
    return reviewed


# -- Command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=60, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--module", action="append", help="only these modules (repeatable)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per mutant")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--key", action="append", help="only this mutant, as listed (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants, run none")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the check that the suite passes unmutated"
    )
    args = parser.parse_args(argv)

    modules = [ROOT / m for m in args.module] if args.module else sorted(CORE.glob("*.py"))
    everything = [m for module in modules for m in enumerate_mutants(module)]
    reviewed = read_equivalent()
    stale = set(reviewed) - {m.key for m in everything}
    for key in sorted(stale):
        print(f"warning: {EQUIVALENT.name} names a mutant that no longer exists: {key}")
    if args.list:
        for m in everything:
            print(m.key)
        print(f"{len(everything)} mutants in {len(modules)} modules")
        return 0

    rng = random.Random(args.seed)
    if args.key:
        sample = [m for m in everything if m.key in args.key]
    elif args.sample:
        sample = rng.sample(everything, min(args.sample, len(everything)))
    else:
        sample = everything
    sample.sort(key=lambda m: (m.module, m.line, m.col, m.mutation))

    signal.signal(signal.SIGTERM, _interrupted)
    tree = snapshot()
    try:
        if not args.no_baseline:
            outcome, failed = run_suite(tree, "", args.timeout)
            if outcome != "survived":
                print(f"the suite does not pass unmutated ({outcome}): {failed}")
                return 1
        results: list[Result] = []
        started = time.monotonic()
        for number, mutant in enumerate(sample, 1):
            if mutant.key in reviewed:
                result = Result.of(mutant, "equivalent")
            else:
                result = run_mutant(tree, mutant, args.timeout)
            results.append(result)
            print(
                f"[{number}/{len(sample)}] {result.outcome:10} {result.seconds:6.1f}s  "
                f"{mutant.key}",
                flush=True,
            )
    finally:
        shutil.rmtree(tree)
    elapsed = time.monotonic() - started

    counts = {
        k: sum(r.outcome == k for r in results)
        for k in ("caught", "timeout", "survived", "equivalent", "skipped")
    }
    judged = counts["caught"] + counts["timeout"] + counts["survived"]
    score = (counts["caught"] + counts["timeout"]) / judged if judged else 1.0
    ran = [r for r in results if r.outcome in ("caught", "timeout", "survived")]
    per_mutant = elapsed / len(ran) if ran else 0.0
    print()
    print(
        f"{len(results)} mutants (seed {args.seed}): {counts['caught']} caught, "
        f"{counts['timeout']} timed out, {counts['survived']} survived, "
        f"{counts['equivalent']} reviewed as equivalent, {counts['skipped']} skipped"
    )
    print(
        f"score {score:.1%} of {judged} behaviour-changing mutants caught, in "
        f"{elapsed / 60:.1f} min ({per_mutant:.1f} s per mutant)"
    )
    survivors = [r for r in results if r.outcome == "survived"]
    if survivors:
        print("\nsurvivors, to review (add equivalent ones to tools/mutants_equivalent.txt):")
        for r in survivors:
            print(f"  {r.module}:{r.line}:{r.col}: {r.mutation}")
            print(f"      - {r.original}")
            print(f"      + {r.mutated}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "seed": args.seed,
                    "sampled": len(results),
                    **counts,
                    "score": score,
                    "seconds": round(elapsed, 1),
                    "seconds_per_mutant": round(per_mutant, 1),
                    "mutants": [asdict(r) for r in results],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
