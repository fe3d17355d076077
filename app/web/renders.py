"""Server-side pictures of a configuration: GIF, PNG and SVG."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/render", tags=["render"])
