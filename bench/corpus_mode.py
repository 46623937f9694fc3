"""``python -m bench --corpus``: what happens as a store fills up, through the path users take.

N generated documents are imported one at a time through services.importing.import_text (parse,
quotation linking through the store's indexes, one transaction), into an empty store of each kind.
At each checkpoint (e.g. N = 1, 100, 1000) the bench records the import time per document over the
last stretch, and the latency of the reads that used to grow with the store: /topics, /actors,
search, author resolution, compare, a support chain and the first traversal of a freshly opened
store. Baselines from the same run: parsing the same documents without storing them, the store's
trivial call (ping), and the first stretch of imports (the import ratio is last / first).

Documents: the seeds' text, each copy made distinct by a per-document permutation of the seeds'
rarer words and numbers outside quotation marks (so statements differ from copy to copy), its own
byline and title; text inside quotation marks is kept, so the seeds' quotations are shared by every
copy: the star-not-pairs linking is exercised at every size.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import platform
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from bench.run import log, memory_mb
from bench.timing import Latency, measure
from graph.model import RelationType
from graph.store.base import GraphStore, StatementQuery, all_documents
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from graph.traversal import Direction
from importers import SourceMeta, parse_document
from services import analysis, importing
from services import compare as comparing
from services.settings import PROJECT_ROOT, ServiceSettings

RESULTS = PROJECT_ROOT / "bench" / "results" / "corpus.md"
_FIRST = ("Ada", "Bruno", "Claire", "Dawit", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jomo", "Kofi", "Lina",
          "Musa", "Nadia", "Omar", "Paula", "Quentin", "Rania", "Samuel", "Tara", "Usman", "Vera", "Wale", "Xenia",
          "Yusuf", "Zara", "Amadou", "Binta", "Cheikh", "Dalia")
_LAST = ("Mensah", "Keita", "Diallo", "Bekele", "Sow", "Toure", "Ouedraogo", "Traore", "Kone", "Cisse", "Ba", "Sy",
         "Ndiaye", "Fall", "Diop", "Kante", "Sangare", "Coulibaly", "Camara", "Barry", "Bah", "Sidibe", "Maiga",
         "Toure-Ba", "Dembele", "Sacko", "Doumbia", "Konate", "Fofana", "Tall")
AUTHORS = tuple(f"{first} {last}" for last in _LAST for first in _FIRST)
"""900 bylines, used in turn: an author has a handful of documents (about N / 900) as in a real
collection, so /compare measures two authors' documents, not a share of the whole store."""
_WORD = re.compile(r"\b[a-z]{8,}\b")
_NUMBER = re.compile(r"\b\d+\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

# Targets (issue 13), ratios and times measured in one run.
IMPORT_SLOWDOWN_X = 1.3
READ_MS = 50.0
COMPARE_MS = 1000.0
FIRST_TRAVERSAL_MS = 500.0


@dataclass
class Checkpoint:
    store: str
    documents: int
    statements: int
    quotes_links: int
    import_ms_per_doc: float
    """Mean import time (parse + link + store) of the documents since the previous checkpoint."""
    parse_ms_per_doc: float
    """Baseline: mean parse time of the same documents, not stored."""
    reads: dict[str, Latency]
    first_traversal_ms: float
    """A freshly opened store's first support chain (the embedded store used to load every statement first)."""
    rss_mb: float


@dataclass
class CorpusResults:
    started: str
    sizes: list[int]
    stores: list[str]
    iterations: int
    checkpoints: list[Checkpoint] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _vocabulary() -> list[str]:
    """The seeds' rarer long lower-case words, which carry content but no discourse cue."""
    counts = Counter(w for _, text in corpus_mod.seed_texts() for w in _WORD.findall(text))
    return sorted(w for w, n in counts.items() if n <= 3)


def documents(count: int, seed: int) -> Iterator[tuple[str, SourceMeta]]:
    """``count`` distinct documents (text and metadata) in import order."""
    rng = random.Random(seed)
    seeds = corpus_mod.seed_texts()
    vocabulary = _vocabulary()
    for number in range(count):
        name, text = seeds[number % len(seeds)]
        if number >= len(seeds):  # the first copies are the seeds themselves: the quotations' sources
            shuffled = vocabulary[:]
            rng.shuffle(shuffled)
            swap = dict(zip(vocabulary, shuffled, strict=True))

            def vary(piece: str, swap: dict[str, str] = swap) -> str:
                piece = _WORD.sub(lambda m: swap.get(m.group(0), m.group(0)), piece)
                return _NUMBER.sub(lambda m: str(rng.randrange(10 ** len(m.group(0)))), piece)

            parts, last = [], 0
            for quoted in _QUOTED.finditer(text):
                parts += [vary(text[last:quoted.start()]), quoted.group(0)]
                last = quoted.end()
            text = "".join([*parts, vary(text[last:])])
        author = AUTHORS[number % len(AUTHORS)]
        yield text, SourceMeta(filename=f"corpus-{number:06d}-{name}", title=f"Corpus document {number}",
                               authors=(author,), publisher=corpus_mod.PUBLISHER)


def _reads(store: GraphStore, iterations: int) -> dict[str, Callable[[Any], object]]:
    chain_root, _ = store.search_statements(StatementQuery(text="dialogue", limit=1))
    root = chain_root[0].id if chain_root else None
    calls: dict[str, Callable[[Any], object]] = {
        "ping (baseline)": lambda _: store.ping(),
        "/topics": lambda _: comparing.topics_answer(store),
        "/actors": lambda _: comparing.actors_answer(store),
        "search": lambda word: store.search_statements(StatementQuery(text=word, limit=50)),
        "author resolution": lambda name: store.documents_by_author(name),
    }
    if store.documents_by_author(AUTHORS[1]):  # two authors to compare
        calls["/compare"] = lambda _: comparing.compare(store, AUTHORS[0], AUTHORS[1], "negotiation")
    if root is not None:
        calls["support chain"] = lambda _: analysis.support_chain(store, root, direction=Direction.DOWN, depth=5)
    return calls


ARGS = {"search": ["negotiat", "security", "jihadist", "military"], "author resolution": ["keita", "Ada Mensah"]}


def _checkpoint(store_name: str, store: GraphStore, reopen: Callable[[], GraphStore], documents_so_far: int,
                import_s: list[float], parse_s: list[float], iterations: int) -> Checkpoint:
    reads = {}
    for name, call in _reads(store, iterations).items():
        runs = max(5, iterations // 10) if name == "/compare" else iterations
        reads[name] = measure(call, ARGS.get(name, [None]), iterations=runs, budget_s=20)
    fresh = reopen()
    try:
        root, _ = fresh.search_statements(StatementQuery(text="dialogue", limit=1))
        started = time.perf_counter()
        if root:
            analysis.support_chain(fresh, root[0].id, direction=Direction.DOWN, depth=5)
        first_ms = (time.perf_counter() - started) * 1000
    finally:
        fresh.close()
    statements = store.search_statements(StatementQuery(limit=1))[1]
    quotes_links = sum(1 for summary in all_documents(store) for r in store.get_graph(summary.document.id).relations
                       if r.type is RelationType.QUOTES)
    return Checkpoint(store_name, documents_so_far, statements, quotes_links,
                      1000 * sum(import_s) / len(import_s), 1000 * sum(parse_s) / len(parse_s), reads, first_ms,
                      memory_mb(os.getpid())[0])


def bench_store(store_name: str, sizes: list[int], options: argparse.Namespace, workdir: Path,
                results: CorpusResults) -> None:
    settings = ServiceSettings(_env_file=None, data_dir=workdir / store_name,  # type: ignore[call-arg]
                               neo4j_uri=options.neo4j_uri)

    def open_store() -> GraphStore:
        if store_name == "neo4j":
            return Neo4jStore.connect(settings)
        return EmbeddedStore(settings.embedded_path)

    store = open_store()
    try:
        if store_name == "neo4j":
            summaries, total = store.list_documents(limit=1)
            if total and summaries[0].document.publisher != corpus_mod.PUBLISHER and not options.clear_neo4j:
                raise SystemExit("the Neo4j at --neo4j-uri holds documents the bench did not make; "
                                 "pass --clear-neo4j to clear it anyway")
            store.clear()
        import_s: list[float] = []
        parse_s: list[float] = []
        for number, (text, meta) in enumerate(documents(max(sizes), options.seed), 1):
            started = time.perf_counter()
            parse_document(text, source=meta)
            parse_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            importing.import_text(store, text, settings=settings, meta=meta)
            import_s.append(time.perf_counter() - started)
            if number in sizes:
                checkpoint = _checkpoint(store_name, store, open_store, number, import_s, parse_s, options.iterations)
                results.checkpoints.append(checkpoint)
                log(f"{store_name} {number} documents: import {checkpoint.import_ms_per_doc:.0f} ms/doc "
                    f"(parse {checkpoint.parse_ms_per_doc:.0f}), "
                    + ", ".join(f"{k} p50 {v.p50_ms:.1f}" for k, v in checkpoint.reads.items()))
                import_s, parse_s = [], []
    finally:
        store.close()


def _f(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def render(results: CorpusResults) -> str:
    lines = [
        "# argmap corpus benchmark",
        "",
        f"Run {results.started}; {os.cpu_count()} cores, Python {platform.python_version()}; documents imported "
        f"one at a time through services.importing.import_text; checkpoints at {', '.join(map(str, results.sizes))} "
        f"documents; stores {', '.join(results.stores)}; {results.iterations} timed calls per read "
        "(fewer for /compare), 3 warm-up calls not counted; p50/p99 in ms.",
        "",
        "## Import per document (parse + quotation links + store, one transaction)",
        "",
        "| store | documents | statements | QUOTES links | import ms/doc (since previous) | parse-only ms/doc "
        "(baseline) | import / parse | RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in results.checkpoints:
        lines.append(f"| {c.store} | {c.documents:,} | {c.statements:,} | {c.quotes_links:,} | "
                     f"{_f(c.import_ms_per_doc)} | {_f(c.parse_ms_per_doc)} | "
                     f"{_f(c.import_ms_per_doc / c.parse_ms_per_doc, 2)}x | {_f(c.rss_mb, 0)} |")
    names = list(dict.fromkeys(k for c in results.checkpoints for k in c.reads))
    lines += ["", "## Reads at each size (p50 / p99 ms)", "",
              "| store | documents | " + " | ".join(names) + " | first support chain after reopening |",
              "|---|---|" + "---|" * len(names) + "---|"]
    for c in results.checkpoints:
        cells = [f"{_f(c.reads[n].p50_ms, 2)} / {_f(c.reads[n].p99_ms, 2)}" if n in c.reads else "–" for n in names]
        lines.append(f"| {c.store} | {c.documents:,} | " + " | ".join(cells) + f" | {_f(c.first_traversal_ms, 1)} |")
    lines += ["", "## Targets", "", "| target | store | measured | status |", "|---|---|---|---|"]
    for store in results.stores:
        points = [c for c in results.checkpoints if c.store == store]
        if len(points) >= 2:
            first, last = points[1] if len(points) > 2 else points[0], points[-1]
            ratio = last.import_ms_per_doc / first.import_ms_per_doc
            lines.append(f"| import per document at {last.documents:,} ≤ {IMPORT_SLOWDOWN_X:g}x at "
                         f"{first.documents:,} | {store} | {_f(ratio, 2)}x | {_mark(ratio <= IMPORT_SLOWDOWN_X)} |")
        if points:
            last = points[-1]
            for name, limit in (("/topics", READ_MS), ("/actors", READ_MS), ("search", READ_MS),
                                ("author resolution", READ_MS), ("/compare", COMPARE_MS)):
                if name in last.reads:
                    p50 = last.reads[name].p50_ms
                    lines.append(f"| {name} p50 < {limit:g} ms at {last.documents:,} documents | {store} | "
                                 f"{_f(p50, 2)} ms | {_mark(p50 < limit)} |")
            lines.append(f"| first traversal after reopening < {FIRST_TRAVERSAL_MS:g} ms at {last.documents:,} | "
                         f"{store} | {_f(last.first_traversal_ms, 1)} ms | "
                         f"{_mark(last.first_traversal_ms < FIRST_TRAVERSAL_MS)} |")
    lines += ["", *(f"- {note}" for note in results.notes)]
    return "\n".join(lines) + "\n"


def _mark(ok: bool) -> str:
    return "✅ met" if ok else "❌ missed"


def main(argv: list[str] | None = None) -> CorpusResults:
    parser = argparse.ArgumentParser(prog="python -m bench --corpus", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,100,1000", help="checkpoints: documents imported so far")
    parser.add_argument("--stores", default="embedded,neo4j")
    parser.add_argument("--iterations", type=int, default=50, help="timed calls per read at each checkpoint")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    parser.add_argument("--clear-neo4j", action="store_true")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.WARNING)  # "index already exists" notes at every connect
    sizes = sorted({int(s) for s in options.sizes.split(",") if s.strip()})
    stores = [s.strip() for s in options.stores.split(",") if s.strip()]
    results = CorpusResults(dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), sizes, stores,
                            options.iterations)
    with tempfile.TemporaryDirectory(prefix="argmap-corpus-") as workdir:
        for store_name in stores:
            bench_store(store_name, sizes, options, Path(workdir), results)
    with contextlib.suppress(OSError):
        results.notes.append(f"Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
                             f"(2 cores shared with other jobs).")
    report = render(results)
    print(report)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(report, encoding="utf-8")
    options.out.with_suffix(".json").write_text(json.dumps(asdict(results), default=str, indent=1), encoding="utf-8")
    log(f"wrote {options.out}")
    return results
