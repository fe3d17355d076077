"""Liveness for containers and load balancers."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the app answers")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
