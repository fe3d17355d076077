"""/static: the page's ES modules and CSS, with a short freshness and ETag revalidation."""

from __future__ import annotations

import os

from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

# File names carry no content hash, so a browser may reuse a file only briefly; after that
# StaticFiles' ETag and Last-Modified make the check a bodiless 304.
STATIC_CACHE_CONTROL = "public, max-age=300"


class CachedStaticFiles(StaticFiles):
    """StaticFiles whose answers (200 and 304 alike) say how long they may be reused."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.setdefault("Cache-Control", STATIC_CACHE_CONTROL)
        return response
