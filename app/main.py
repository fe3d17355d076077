"""Builds the ASGI app: wiring only."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from app.core.limits import LIMITS
from app.core.params import ConfigError
from app.web import api, health, pages, renders
from app.web.assets import STATIC_DIR
from app.web.responses import config_error_handler, validation_error_handler


def create_app() -> FastAPI:
    app = FastAPI(
        title="convarith",
        version="0.1.0",
        summary="Convolution arithmetic as Dumoulin & Visin draw it, with PyTorch's semantics.",
        description=LIMITS.describe(),
    )
    app.add_exception_handler(ConfigError, config_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.include_router(api.router)
    app.include_router(health.router)
    app.include_router(renders.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


app = create_app()
