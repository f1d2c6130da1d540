"""``lerbridge serve``: the HTTP service (docs/service.md). The server stack (Starlette,
uvicorn) is the optional ``server`` extra and is imported only here, when the command runs."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=max(1, min(4, os.cpu_count() or 1)),
    show_default="CPUs, at most 4",
    type=click.IntRange(1, 64),
    help="Conversion worker processes: the number of conversions run at once.",
)
@click.option(
    "--time-limit",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Seconds per request; a conversion past it is stopped (its worker killed): 504.",
)
@click.option(
    "--max-body",
    default=10 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(1, 50 * 1024 * 1024),
    help="Largest request body in bytes: 413 above it.",
)
@click.option(
    "--queue",
    default=64,
    show_default=True,
    type=click.IntRange(0),
    help="Requests that may wait for a free worker; beyond it, 503.",
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file holding a bearer token: /v1 POST endpoints then refuse requests without it (401).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Allow browser calls from this origin (repeatable). CORS is off without it.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    help="uvicorn's access log (method, path, status; never bodies).",
)
def serve_command(
    host: str,
    port: int,
    workers: int,
    time_limit: float,
    max_body: int,
    queue: int,
    token_file: Path | None,
    cors_origins: tuple[str, ...],
    access_log: bool,
) -> None:
    """Run the HTTP service: the /v1 API, its OpenAPI document, /metrics and a web page."""
    try:
        import uvicorn

        from ..service import Settings, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the server needs the 'server' extra ({exc.name} is missing): "
            "pip install 'lerbridge[server]'"
        ) from None
    token = None
    if token_file is not None:
        token = token_file.read_text(encoding="utf-8").strip()
        if len(token) < 16:
            raise click.BadParameter(
                "the token must be at least 16 characters", param_hint="--token-file"
            )
    settings = Settings(
        workers=workers,
        time_limit=time_limit,
        max_body=max_body,
        queue=queue,
        token=token,
        cors_origins=cors_origins,
    )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=access_log,
        log_level="info",
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )
