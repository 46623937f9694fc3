"""The `argmap` command: parse, import, export, serve, and every traversal/comparison query."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel

from graph import exports, records
from graph.errors import ArgmapError
from graph.model import StatementKind
from graph.settings import get_settings
from graph.store import GraphStore, open_store
from graph.traversal import Direction
from importers import IMPORTERS, SourceMeta, parse_document
from importers.formats import extract_text


def _parse(args: argparse.Namespace) -> int:
    path = Path(args.file)
    text = extract_text(path.read_bytes(), filename=path.name)
    graph = parse_document(text, source=SourceMeta(filename=path.name), importer=args.importer)
    json.dump(records.graph_record(graph), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from importers.mining import evaluate

    settings = ("predicted", "gold") if args.units == "both" else (args.units,)
    as_json, as_markdown = evaluate.run(Path(args.corpus), args.format, settings)
    if args.json:
        Path(args.json).write_text(as_json + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(as_markdown + "\n", encoding="utf-8")
    print(as_json if args.print == "json" else as_markdown)
    return 0


def _import(args: argparse.Namespace) -> int:
    from api import service

    settings = get_settings()
    store = open_store(settings)
    try:
        paths = [Path(p) for p in args.files]
        for number, path in enumerate(paths, 1):
            meta = SourceMeta(filename=path.name)
            result = service.import_bytes(store, path.read_bytes(), settings=settings, meta=meta,
                                          importer=args.importer)
            summary = result.summary
            state = "imported" if result.created else "already stored"
            bar = "#" * (20 * number // len(paths))
            print(f"[{bar:<20}] {number}/{len(paths)} {path.name}: {state} as {summary.document.id} "
                  f"({summary.statement_count} statements, {summary.relation_count} relations)", flush=True)
    finally:
        store.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    store = open_store(get_settings())
    try:
        graph = store.get_graph(args.document)
    finally:
        store.close()
    content = exports.export(graph, args.format)
    if args.output:
        Path(args.output).write_bytes(content)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_app

    settings = get_settings()
    if args.no_seeds:
        settings = settings.model_copy(update={"import_seeds_on_start": False})
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def _query(args: argparse.Namespace) -> int:
    """Run the HTTP route function itself on the configured store, so the CLI prints
    exactly what the API answers."""
    from api.routes import compare, statements, traversal

    calls: dict[str, Callable[[GraphStore], BaseModel]] = {
        "support-chain": lambda s: traversal.support_chain(args.statement, s, Direction(args.direction), args.depth),
        "rebuttal-chain": lambda s: traversal.rebuttal_chain(args.statement, s, args.depth),
        "status": lambda s: traversal.document_status(args.document, s, args.scope),
        "paths": lambda s: traversal.paths(s, args.source, args.target, args.max),
        "search": lambda s: statements.search_statements(
            s, StatementKind(args.kind) if args.kind else None, args.document, args.q, args.topic, args.actor,
            args.author, args.limit, args.offset),
        "compare": lambda s: compare.compare(s, args.a, args.b, args.topic),
        "topics": compare.topics,
        "actors": compare.actors,
    }
    store = open_store(get_settings())
    try:
        answer = calls[args.command](store)
    finally:
        store.close()
    sys.stdout.write(answer.model_dump_json(indent=2, by_alias=True) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="argmap", description="Argument maps of policy writing.")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse a file and print its graph (nothing is stored)")
    parse.add_argument("file")
    parse.add_argument("--importer", choices=sorted(IMPORTERS))
    parse.add_argument("--format", choices=["json"], default="json")
    parse.set_defaults(run=_parse)

    load = commands.add_parser("import", help="import files into the configured store")
    load.add_argument("files", nargs="+")
    load.add_argument("--importer", choices=sorted(IMPORTERS))
    load.set_defaults(run=_import)

    score = commands.add_parser("eval", help="score the argument mining on an annotated corpus (CDCP or AIF gold)")
    score.add_argument("corpus", help="a CDCP folder (NNNNN.txt + NNNNN.ann.json) or AIF JSON file/folder")
    score.add_argument("--format", choices=["auto", "cdcp", "aif"], default="auto")
    score.add_argument("--units", choices=["predicted", "gold", "both"], default="both",
                       help="segment the text (as imports do) or give the gold units")
    score.add_argument("--json", help="also write the JSON scores to this file")
    score.add_argument("--markdown", help="also write the Markdown table to this file")
    score.add_argument("--print", choices=["markdown", "json"], default="markdown")
    score.set_defaults(run=_eval)

    export = commands.add_parser("export", help="print a stored document's graph (json, graphml, cypher, svg, ...)")
    export.add_argument("document", help="document id")
    export.add_argument("--format", choices=list(exports.FORMATS), default="json",
                        help="svg and png need Graphviz's `dot`; png is binary (use -o FILE or redirect)")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(run=_export)

    chain = commands.add_parser("support-chain", help="what supports a statement (down) or what it supports (up)")
    chain.add_argument("statement", help="statement id")
    chain.add_argument("--direction", choices=[d.value for d in Direction], default="down")
    chain.add_argument("--depth", type=int, default=5)
    chain.set_defaults(run=_query)

    rebuttal = commands.add_parser("rebuttal-chain", help="attackers of a statement, the replies, ... with statuses")
    rebuttal.add_argument("statement", help="statement id")
    rebuttal.add_argument("--depth", type=int, default=5)
    rebuttal.set_defaults(run=_query)

    status = commands.add_parser("status", help="which statements of a document stand (grounded labelling)")
    status.add_argument("document", help="document id")
    status.add_argument("--scope", choices=["document", "global"], default="global")
    status.set_defaults(run=_query)

    paths = commands.add_parser("paths", help="SUPPORTS/ATTACKS paths from one statement to another")
    paths.add_argument("source", help="start statement id")
    paths.add_argument("target", help="end statement id")
    paths.add_argument("--max", type=int, default=4)
    paths.set_defaults(run=_query)

    search = commands.add_parser("search", help="find statements")
    search.add_argument("-q", help="text to find (case-insensitive)")
    search.add_argument("--kind", choices=[k.value for k in StatementKind])
    for name in ("document", "topic", "actor", "author"):
        search.add_argument(f"--{name}")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--offset", type=int, default=0)
    search.set_defaults(run=_query)

    comparison = commands.add_parser("compare", help="two authors or documents on a topic")
    comparison.add_argument("a", help="author name or document id")
    comparison.add_argument("b", help="author name or document id")
    comparison.add_argument("--topic", required=True)
    comparison.set_defaults(run=_query)

    for name, text in (("topics", "topics with stances per document"), ("actors", "actors with mentions")):
        commands.add_parser(name, help=text).set_defaults(run=_query)

    serve = commands.add_parser("serve", help="run the HTTP API (imports seeds/ into an empty store)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-seeds", action="store_true", help="do not import seeds/ into an empty store")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ArgmapError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
