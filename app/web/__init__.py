"""The web layer: FastAPI routers, templates wiring. Thin: the work is in app/core."""
