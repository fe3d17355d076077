"""Liveness for containers and load balancers."""

from __future__ import annotations

from fastapi import APIRouter, Response

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the app answers")
def healthz(response: Response) -> dict[str, str]:
    # Asked through a cache in front, the answer must come from the app itself.
    response.headers["Cache-Control"] = "no-store"
    return {"status": "ok"}
