"""The HTTP service (``pip install 'lerbridge[server]'``; ``lerbridge serve``): the library
behind a versioned JSON API with an OpenAPI 3.1 description, problem-details errors,
limits, metrics and a web page. See docs/service.md.

    >>> from lerbridge.service import Settings, create_app
    >>> app = create_app(Settings(workers=2, time_limit=10))   # an ASGI app

Needs Starlette and uvicorn (the ``server`` extra); importing this package without them
raises ImportError."""

from __future__ import annotations

from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
