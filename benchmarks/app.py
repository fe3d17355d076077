"""The app under benchmark: the real one plus the comparison files, mounted the way /static is.

The comparison files hold byte-for-byte what an API answer holds, so the throughput benchmark
compares computing an answer with reading the same bytes from disk, through the same server,
middleware (security headers, gzip, 304s) and static-file class as /static.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from app.main import create_app
from app.web.static import CachedStaticFiles

# Set by benchmarks.server for the subprocess; a folder of files written for this run only.
COMPARISON_DIR_ENV = "CONVARITH_BENCH_FILES"
COMPARISON_PREFIX = "/bench-files"


def comparison_app() -> FastAPI:
    """A factory (uvicorn --factory), so that importing this module builds nothing."""
    app = create_app()
    app.mount(COMPARISON_PREFIX, CachedStaticFiles(directory=os.environ[COMPARISON_DIR_ENV]))
    return app
