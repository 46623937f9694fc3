"""The `argmap` command: parse, import, export, serve, and every traversal/comparison query.

Modules only some commands need (the stores, networkx, pydantic settings, the services,
FastAPI, uvicorn) are imported inside those commands, so that `argmap parse` starts fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from formats import argmap_json, registry
from formats.text import extract_text
from graph.errors import ArgmapError, InvalidInput
from graph.model import AttackMode, RelationType, StatementKind, Verdict
from importers import IMPORTERS, SourceMeta, parse_document

if TYPE_CHECKING:
    from types import FrameType

    from pydantic import BaseModel

    from api.settings import Settings
    from graph.store.base import GraphStore

SHUTDOWN_MARGIN_S = 2
"""Seconds uvicorn's graceful shutdown waits beyond the budgets' grace period (see _serve)."""

DIRECTIONS = ("down", "up")
"""graph.traversal.Direction's values (spelt out so the parser is built without loading networkx)."""


def get_settings() -> Settings:
    """The settings, with a setting that fails validation as a clear error (inputs are not echoed:
    they may be secrets)."""
    import re

    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from api import settings

    try:
        return settings.get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"setting {_variable(str(e['loc'][0]))}: {e['msg']}" if e["loc"] else e["msg"]
                             for e in exc.errors())
        raise InvalidInput(problems) from None
    except SettingsError as exc:  # a list setting whose value is not JSON
        field = re.search(r'field "(\w+)"', str(exc))
        name = _variable(field.group(1)) if field else "a list setting"
        raise InvalidInput(f"setting {name}: not valid JSON (a JSON list, e.g. [\"a\", \"b\"])") from None


def _variable(field: str) -> str:
    """The environment variable that sets ``field`` (NEO4J_URI for neo4j_uri, else ARGMAP_<FIELD>)."""
    from pydantic import AliasChoices

    from api.settings import Settings

    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return f"ARGMAP_{field.upper()}"


def open_store(settings: Settings) -> GraphStore:
    from graph.store.factory import open_store as open_configured

    return open_configured(settings)


def _parse(args: argparse.Namespace) -> int:
    path = Path(args.file)
    text = extract_text(path.read_bytes(), filename=path.name)
    graph = parse_document(text, source=SourceMeta(filename=path.name), importer=args.importer)
    json.dump(argmap_json.graph_record(graph), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from importers.mining import evaluate

    settings = ("predicted", "gold") if args.units == "both" else (args.units,)
    against = Path(args.against) if args.against else None
    try:
        as_json, as_markdown = evaluate.run(Path(args.corpus), args.format, settings, against, args.importers)
    except ValueError as error:
        print(f"argmap eval: {error}", file=sys.stderr)
        return 2
    if args.json:
        Path(args.json).write_text(as_json + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(as_markdown + "\n", encoding="utf-8")
    print(as_json if args.print == "json" else as_markdown)
    return 0


def _import(args: argparse.Namespace) -> int:
    from services import importing, intake

    settings = get_settings()
    store = open_store(settings)

    def aif_round_trip(path: Path, text: str) -> str | None:
        """An AIF export of a stored document comes back as corrections to it (services.intake)."""
        if args.importer not in (None, "aif") or intake.exported_from(store, text) is None:
            return None
        return intake.import_text(store, text, settings=settings, meta=SourceMeta(filename=path.name),
                                  importer=args.importer, analyst=args.analyst).message

    def show(progress: importing.BulkProgress) -> None:
        bar = "#" * (20 * progress.done // max(progress.total, 1))
        rate = f" ({progress.documents_per_s:.1f} documents/s)" if progress.documents_per_s else ""
        print(f"[{bar:<20}] {progress.done}/{progress.total} {progress.path.name}: {progress.message}{rate}",
              flush=True)

    try:
        failed = importing.import_files(store, [Path(p) for p in args.files], settings=settings,
                                        importer=args.importer, workers=args.workers, report=show,
                                        instead=aif_round_trip)
    finally:
        store.close()
    return 2 if failed else 0


def _export(args: argparse.Namespace) -> int:
    store = open_store(get_settings())
    try:
        graph = store.get_graph(args.document)
    finally:
        store.close()
    content = registry.export(graph, args.format)
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
    from graph import budget

    class Server(uvicorn.Server):
        """On SIGTERM/SIGINT, running reads are cancelled (they answer 503 at their next check)
        once the grace period is over, so the process exits within seconds."""

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            super().handle_exit(sig, frame)
            cancel = threading.Timer(settings.shutdown_grace_s, budget.cancel_all, ("the server is shutting down",))
            cancel.daemon = True
            cancel.start()

    settings = get_settings()
    if args.no_seeds:
        settings = settings.model_copy(update={"import_seeds_on_start": False})
    # uvicorn cancels what still runs a little after the budgets are cancelled: a read stopped by
    # its budget answers 503; one cancelled by uvicorn first (the two timers raced) answered 500.
    config = uvicorn.Config(create_app(settings), host=args.host, port=args.port, log_level="info",
                            timeout_graceful_shutdown=settings.shutdown_grace_s + SHUTDOWN_MARGIN_S)
    Server(config).run()
    return 0


def _query(args: argparse.Namespace) -> int:
    """Run the use case the HTTP route runs, on the configured store, and print its answer
    as the API serialises it (by alias), so the CLI prints exactly what the API answers."""
    from graph.traversal import Direction
    from services import analysis, corrections, statements
    from services import compare as comparing

    calls: dict[str, Callable[[GraphStore], BaseModel]] = {
        "support-chain": lambda s: analysis.support_chain_answer(s, args.statement, direction=Direction(args.direction),
                                                                 depth=args.depth),
        "rebuttal-chain": lambda s: analysis.rebuttal_chain_answer(s, args.statement, depth=args.depth),
        "status": lambda s: analysis.document_status_answer(s, args.document, scope=args.scope),
        "paths": lambda s: analysis.paths_answer(s, args.source, args.target, max_length=args.max),
        "search": lambda s: statements.search_answer(
            s, kind=StatementKind(args.kind) if args.kind else None, document=args.document, q=args.q,
            topic=args.topic, actor=args.actor, author=args.author, limit=args.limit, offset=args.offset),
        "compare": lambda s: comparing.compare_answer(s, args.a, args.b, args.topic),
        "topics": comparing.topics_answer,
        "actors": comparing.actors_answer,
        "edit-statement": lambda s: corrections.edit_statement(
            s, args.statement, kind=StatementKind(args.kind) if args.kind else None, start=args.start, end=args.end,
            verdict=Verdict(args.verdict) if args.verdict else None, speaker=args.speaker, analyst=args.analyst),
        "add-relation": lambda s: corrections.add_relation(
            s, args.source, args.target, RelationType(args.type), AttackMode(args.mode) if args.mode else None,
            analyst=args.analyst),
        "remove-relation": lambda s: corrections.remove_relation(s, args.relation, analyst=args.analyst),
        "split-statement": lambda s: corrections.split_statement(s, args.statement, args.at, analyst=args.analyst),
        "merge-statements": lambda s: corrections.merge_statements(s, args.statement, args.other,
                                                                   analyst=args.analyst),
        "not-argumentative": lambda s: corrections.mark_not_argumentative(s, args.statement, analyst=args.analyst),
        "history": lambda s: corrections.history_answer(s, args.document),
        "undo": lambda s: corrections.undo(s, args.document, analyst=args.analyst),
        "reimport": lambda s: corrections.reimport(s, args.document, importer=args.importer),
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

    load = commands.add_parser("import", help="import files or directories into the configured store (parsed in "
                                              "parallel; already stored documents are skipped, so a run resumes)")
    load.add_argument("files", nargs="+", help="files, or directories of .txt/.md/.html/.pdf files")
    load.add_argument("--workers", type=int, default=None, help="parsing processes (default: one per core)")
    load.add_argument("--importer", choices=sorted(IMPORTERS))
    load.add_argument("--analyst", help="who made the edits, when an AIF export of a stored document comes back")
    load.set_defaults(run=_import)

    score = commands.add_parser("eval", help="score the argument mining on an annotated corpus (CDCP or AIF gold)")
    score.add_argument("corpus", help="a CDCP folder (NNNNN.txt + NNNNN.ann.json) or AIF JSON file/folder")
    score.add_argument("--format", choices=["auto", "cdcp", "aif"], default="auto")
    score.add_argument("--units", choices=["predicted", "gold", "both"], default="both",
                       help="segment the text (as imports do) or give the gold units")
    score.add_argument("--json", help="also write the JSON scores to this file")
    score.add_argument("--markdown", help="also write the Markdown table to this file")
    score.add_argument("--print", choices=["markdown", "json"], default="markdown")
    score.add_argument("--against", help="a second annotation of the same texts (AIF, same ids): score it against "
                                         "the corpus instead of the pipeline, for inter-annotator agreement")
    score.add_argument("--importers", action="store_true",
                       help="also score what `argmap import` makes of each text (the detected importer's statements "
                            "and links, headings and lists read), on predicted units")
    score.set_defaults(run=_eval)

    export = commands.add_parser("export", help="print a stored document's graph (json, graphml, cypher, svg, ...)")
    export.add_argument("document", help="document id")
    export.add_argument("--format", choices=list(registry.FORMATS), default="json",
                        help="svg and png need Graphviz's `dot`; png is binary (use -o FILE or redirect)")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(run=_export)

    chain = commands.add_parser("support-chain", help="what supports a statement (down) or what it supports (up)")
    chain.add_argument("statement", help="statement id")
    chain.add_argument("--direction", choices=DIRECTIONS, default="down")
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

    # Corrections (services.corrections): the same use cases as PATCH /statements/{id}, POST /relations, ...
    edit = commands.add_parser("edit-statement", help="correct a statement's kind, span, verdict or speaker")
    edit.add_argument("statement", help="statement id")
    edit.add_argument("--kind", choices=[k.value for k in StatementKind])
    edit.add_argument("--start", type=int, help="new span start (the quote becomes source[start:end])")
    edit.add_argument("--end", type=int, help="new span end")
    edit.add_argument("--verdict", choices=[v.value for v in Verdict], help="assumption checks only")
    edit.add_argument("--speaker")
    add = commands.add_parser("add-relation", help="add SOURCE SUPPORTS|ATTACKS TARGET")
    add.add_argument("source", help="statement id")
    add.add_argument("target", help="statement id")
    add.add_argument("--type", choices=["SUPPORTS", "ATTACKS"], required=True)
    add.add_argument("--mode", choices=[m.value for m in AttackMode], help="ATTACKS only (default rebut)")
    remove = commands.add_parser("remove-relation", help="remove a relation (id SOURCE:TYPE:TARGET)")
    remove.add_argument("relation", help="relation id, e.g. st-1:ATTACKS:st-2")
    noise = commands.add_parser("not-argumentative", help="take a statement and its relations off the map")
    noise.add_argument("statement", help="statement id")
    split = commands.add_parser("split-statement", help="split a statement in two at a source offset")
    split.add_argument("statement", help="statement id")
    split.add_argument("--at", type=int, required=True, help="source offset where the second part starts")
    merge = commands.add_parser("merge-statements", help="merge OTHER into STATEMENT (one span over both)")
    merge.add_argument("statement", help="statement id (kept)")
    merge.add_argument("other", help="statement id (merged into the first)")
    undo = commands.add_parser("undo", help="undo the latest correction of a document")
    undo.add_argument("document", help="document id")
    for command in (edit, add, remove, noise, split, merge, undo):
        command.add_argument("--analyst", help="who makes the change (kept in the history)")
        command.set_defaults(run=_query)
    history = commands.add_parser("history", help="a document's log: import, corrections, undos, re-imports")
    history.add_argument("document", help="document id")
    history.set_defaults(run=_query)
    again = commands.add_parser("reimport", help="parse a stored document again, re-applying its corrections")
    again.add_argument("document", help="document id")
    again.add_argument("--importer", choices=sorted(IMPORTERS))
    again.set_defaults(run=_query)

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
    except BrokenPipeError:
        # The reader went away (`argmap parse ... | head`): stop quietly, as a program killed by
        # SIGPIPE would, instead of an "[Errno 32] Broken pipe" line and a flush error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except OSError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
