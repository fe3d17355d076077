"""HTML pages: the interactive figure (/) and, later, the embed view."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
