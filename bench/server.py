"""The API server the bench measures over HTTP: ``python -m bench.server --store ... --port ...``.

It is the production app (``api.main.create_app``) plus one trivial endpoint,
``GET /_bench/trivial``, added to this process's own app instance only, as the
baseline of what any FastAPI request costs. Loopback only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from api.main import create_app
from api.settings import Settings

TRIVIAL_PATH = "/_bench/trivial"


def bench_app(store: str, data_dir: Path, neo4j_uri: str) -> FastAPI:
    settings = Settings(_env_file=None, store=store, data_dir=data_dir,  # type: ignore[call-arg, arg-type]
                        import_seeds_on_start=False, NEO4J_URI=neo4j_uri)
    app = create_app(settings)

    # A sync endpoint, like the production routes: it pays the same threadpool hop.
    @app.get(TRIVIAL_PATH, include_in_schema=False)
    def trivial() -> dict[str, bool]:
        return {"ok": True}

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=("embedded", "neo4j"), required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--neo4j-uri", default="bolt://127.0.0.1:7687")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    app = bench_app(args.store, args.data_dir, args.neo4j_uri)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
