"""``python -m bench``: import throughput, parse throughput, latency (in-process and HTTP),
load and memory, for each store at each size, with every target and baseline measured
in the same run. Prints a Markdown report and writes it to bench/results/latest.md.

The Neo4j store benchmarked is cleared first (and at every size): the bench refuses to
do that when the database holds documents it did not generate, unless --clear-neo4j.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import logging
import math
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from api.settings import Settings
from bench import corpus as corpus_mod
from bench.naive import save_naive
from bench.server import TRIVIAL_PATH
from bench.timing import MIN_SAMPLES, Latency, measure, percentile, summarise
from graph.errors import StoreUnavailable
from graph.model import RelationType
from graph.store.base import GraphStore, StatementQuery
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from graph.traversal import Direction
from importers import IMPORTERS, parse_document
from importers.mining.units import segment
from importers.structure import blocks
from services import analysis
from services import compare as comparing
from services.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results" / "latest.md"
OPERATIONS = ("support-chain", "rebuttal-chain", "search", "compare")
PARSE_IMPORTERS = ("csis_brief", "oped", "generic")
"""The prose importers (the seeds are prose; other importers, e.g. for JSON formats, are not timed on them)."""
SEARCH_WORDS = ("negotiat", "security", "jihadist", "dialogue", "military", "governance", "civilian", "election")

# Targets (issue "Speed, measured").
EMBEDDED_CHAIN_P99_MS = 5.0
NEO4J_CHAIN_P99_MS = 20.0
HTTP_OVERHEAD_X_TRIVIAL = 1.5
NEO4J_IMPORT_100K_S = 60.0
PARSE_MB_S = 1.0


@dataclass
class Options:
    sizes: list[int]
    stores: list[str]
    iterations: int = 200
    compare_iterations: int = 20
    http: bool = True
    load_seconds: float = 5.0
    load_max_requests: int = 50_000
    concurrency: int = 8
    load_tool: str = "auto"
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    clear_neo4j: bool = False
    naive_statements: int = 2000
    parse_repeats: int = 3
    parse_only: bool = False
    """Only the parse throughput (no stores, no Neo4j): ``--parse-only``."""
    out: Path = RESULTS
    workdir: Path | None = None
    seed: int = 42
    budget_s: float = 30.0
    """Per operation and mode: stop timing after this many seconds (once 20 calls are timed)."""


@dataclass
class ImportRow:
    store: str
    size: int
    statements: int
    documents: int
    relations: int
    cross_attacks: int
    seconds: float
    statements_per_s: float
    documents_per_s: float


@dataclass
class NaiveRow:
    size: int
    statements: int
    documents: int
    queries: int
    naive_s: float
    batched_s: float

    @property
    def ratio(self) -> float:
        return self.naive_s / self.batched_s if self.batched_s else float("nan")


@dataclass
class ParseRow:
    importer: str
    megabytes: float
    """Per round: every seed once."""
    seconds: float
    """CPU seconds of the fastest round (``time.process_time``: the machine is shared, wall clock is not stable)."""
    split_seconds: float = float("nan")
    """Baseline, same texts and same run, measured right before: CPU seconds of the fastest round of sentence
    splitting alone (``importers.mining.units.segment`` without clause splits, over ``importers.structure.blocks``)."""

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("nan")

    @property
    def split_mb_per_s(self) -> float:
        return self.megabytes / self.split_seconds if self.split_seconds else float("nan")

    @property
    def split_share(self) -> float:
        """Parse speed as a fraction of the sentence splitter's: comparable across machines and loads."""
        return self.mb_per_s / self.split_mb_per_s if self.split_mb_per_s else float("nan")


@dataclass
class LatencyRow:
    store: str
    size: int
    operation: str
    inprocess: Latency
    http: Latency | None = None
    overhead_ms: float | None = None
    """Median of (HTTP − in-process) over calls made in pairs, one right after the other."""
    trivial_ms: float | None = None
    """Median of the trivial endpoint, called right after each pair."""


@dataclass
class LoadRow:
    store: str
    size: int
    mix: str
    tool: str
    concurrency: int
    requests: int
    errors: int
    rps: float


@dataclass
class ServerRow:
    store: str
    size: int
    trivial: Latency
    rss_start_mb: float
    rss_peak_mb: float


@dataclass
class Results:
    options: Options
    started: str
    imports: list[ImportRow] = field(default_factory=list)
    naive: list[NaiveRow] = field(default_factory=list)
    parse: list[ParseRow] = field(default_factory=list)
    fresh_parse: list[ParseRow] = field(default_factory=list)
    """Texts this process has not parsed before (``fresh_texts``), each parsed once: a user's new documents."""
    latency: list[LatencyRow] = field(default_factory=list)
    load: list[LoadRow] = field(default_factory=list)
    servers: list[ServerRow] = field(default_factory=list)
    noise: list[tuple[str, int, Latency]] = field(default_factory=list)
    """Per store and size: the latency of a fixed CPU task measured just before the operations."""
    notes: list[str] = field(default_factory=list)


logging.getLogger("httpx").setLevel(logging.WARNING)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- parse ------------------------------------------------------------------------------


def split_sentences(text: str) -> None:
    """The parse speed's baseline: sentence splitting alone, as the parse does it (blocks, then sentences)."""
    segment(text, blocks(text), clauses=False)


def fastest_round(texts: list[str], work: Callable[[str], object], rounds: int) -> float:
    """CPU seconds of the fastest of ``rounds`` rounds, each doing ``work`` on every text."""
    best = math.inf
    for _ in range(max(1, rounds)):
        started = time.process_time()
        for text in texts:
            work(text)
        best = min(best, time.process_time() - started)
    return best


FRESH_ROW = "fresh texts (detected importer, each parsed once)"


def fresh_texts() -> list[str]:
    """Short texts no parse of the bench has seen: the CDCP test comments and the argmap-short dev texts."""
    corpora = PROJECT_ROOT / "corpora"
    texts = [path.read_text(encoding="utf-8") for path in sorted((corpora / "cdcp" / "test").glob("*.txt"))]
    short = json.loads((corpora / "argmap-short" / "dev.json").read_text(encoding="utf-8"))
    return texts + [str(document["text"]) for document in short["documents"]]


def bench_fresh_parse(options: Options) -> list[ParseRow]:
    """One round: every fresh text parsed once, right after a warm-up parse of a seed (lazy models); the baseline
    (sentence splitting, fastest of several rounds) is measured after the parse, so the parse finds no text in a
    cache the baseline filled."""
    texts = fresh_texts()
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    parse_document(corpus_mod.seed_texts()[0][1], importer="generic")  # warm-up: lazy models
    seconds = fastest_round(texts, parse_document, 1)
    split_seconds = fastest_round(texts, split_sentences, 5 * options.parse_repeats)
    row = ParseRow(FRESH_ROW, megabytes, seconds, split_seconds)
    log(f"parse {len(texts)} fresh texts: {row.mb_per_s:.3f} MB/s CPU, "
        f"sentence split alone {row.split_mb_per_s:.1f} MB/s")
    return [row]


def bench_parse(options: Options) -> list[ParseRow]:
    texts = [text for _, text in corpus_mod.seed_texts()]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    rows = []
    for name in (n for n in PARSE_IMPORTERS if n in IMPORTERS):
        parse_document(texts[0], importer=name)  # warm-up: lazy models, regex caches
        # the split takes ~5 ms a round: more rounds, so its fastest is not one unlucky slice of a shared core
        split_seconds = fastest_round(texts, split_sentences, 5 * options.parse_repeats)
        seconds = fastest_round(texts, functools.partial(parse_document, importer=name), options.parse_repeats)
        rows.append(ParseRow(name, megabytes, seconds, split_seconds))
        log(f"parse {name}: {rows[-1].mb_per_s:.3f} MB/s CPU, sentence split alone {rows[-1].split_mb_per_s:.1f} MB/s")
    return rows


# -- stores -----------------------------------------------------------------------------


def neo4j_settings(options: Options) -> Settings:
    return Settings(_env_file=None, store="neo4j", NEO4J_URI=options.neo4j_uri,  # type: ignore[call-arg]
                    import_seeds_on_start=False, neo4j_query_timeout_s=120.0)


def open_neo4j(options: Options) -> Neo4jStore:
    store = Neo4jStore.connect(neo4j_settings(options))
    try:
        store.ping()
    except StoreUnavailable as exc:
        store.close()
        raise SystemExit(f"Neo4j does not answer at {options.neo4j_uri} ({exc}): start one (make neo4j-start) "
                         "or leave it out with --stores embedded") from exc
    return store


def check_neo4j_is_ours(store: Neo4jStore, options: Options) -> None:
    """Refuse to clear a database holding documents the bench did not generate."""
    if options.clear_neo4j:
        return
    offset = 0
    while True:
        page, total = store.list_documents(limit=500, offset=offset)
        foreign = [s.document.id for s in page if s.document.publisher != corpus_mod.PUBLISHER]
        if foreign:
            raise SystemExit(f"the Neo4j at {options.neo4j_uri} holds {total} documents, some not from the bench "
                             f"(e.g. {foreign[0]}); the bench clears it: pass --clear-neo4j to allow that")
        offset += len(page)
        if not page or offset >= total:
            return


def import_all(store: GraphStore, documents: tuple[Any, ...]) -> list[float]:
    """Save every document in order; the seconds each save took."""
    seconds = []
    for graph in documents:
        started = time.perf_counter()
        store.save(graph)
        seconds.append(time.perf_counter() - started)
    return seconds


def import_row(store: str, size: int, corpus: corpus_mod.Corpus, seconds: float) -> ImportRow:
    return ImportRow(store, size, corpus.statements, len(corpus.documents), corpus.relations, corpus.cross_attacks,
                     seconds, corpus.statements / seconds, len(corpus.documents) / seconds)


# -- latency samples --------------------------------------------------------------------


@dataclass(frozen=True)
class Samples:
    support: list[str]
    rebuttal: list[str]
    words: list[str]
    compare: list[tuple[str, str, str]]


def pick_samples(corpus: corpus_mod.Corpus, seed: int, n: int = 20) -> Samples:
    rng = random.Random(seed)
    supported = sorted({r.target for g in corpus.documents for r in g.relations if r.type is RelationType.SUPPORTS})
    attacked = sorted({r.target for g in corpus.documents for r in g.relations if r.type is RelationType.ATTACKS})
    by_importer: dict[str, list[Any]] = {}
    for graph in corpus.documents:
        by_importer.setdefault(graph.document.importer, []).append(graph)
    groups = sorted(by_importer.values(), key=len, reverse=True)
    pairs = []
    for _ in range(n):
        a = rng.choice(groups[0])
        b = rng.choice(groups[1] if len(groups) > 1 else groups[0])
        shared = sorted({t.topic_id for t in a.topic_tags} & {t.topic_id for t in b.topic_tags}) or ["negotiation"]
        pairs.append((a.document.id, b.document.id, rng.choice(shared)))
    return Samples(rng.sample(supported, min(n, len(supported))), rng.sample(attacked, min(n, len(attacked))),
                   list(SEARCH_WORDS), pairs)


def inprocess_calls(store: GraphStore) -> dict[str, Callable[[Any], object]]:
    return {
        "support-chain": lambda i: analysis.support_chain(store, i, direction=Direction.DOWN, depth=5),
        "rebuttal-chain": lambda i: analysis.rebuttal_chain(store, i, depth=5),
        "search": lambda w: store.search_statements(StatementQuery(text=w, limit=50)),
        "compare": lambda p: comparing.compare(store, p[0], p[1], p[2]),
    }


def http_paths(samples: Samples) -> dict[str, list[str]]:
    return {
        "support-chain": [f"/statements/{quote(i)}/support-chain?direction=down&depth=5" for i in samples.support],
        "rebuttal-chain": [f"/statements/{quote(i)}/rebuttal-chain?depth=5" for i in samples.rebuttal],
        "search": ["/statements?" + urlencode({"q": w, "limit": 50}) for w in samples.words],
        "compare": ["/compare?" + urlencode({"a": a, "b": b, "topic": t}) for a, b, t in samples.compare],
    }


def sample_args(samples: Samples, operation: str) -> list[Any]:
    args: dict[str, list[Any]] = {"support-chain": list(samples.support), "rebuttal-chain": list(samples.rebuttal),
                                  "search": list(samples.words), "compare": list(samples.compare)}
    return args[operation]


def iterations_for(options: Options, operation: str) -> int:
    return options.compare_iterations if operation == "compare" else options.iterations


def noise_probe(iterations: int) -> Latency:
    """Latency of a fixed pure-Python task of about 0.5 ms: whatever its p99 adds to its p50 is the
    machine (other processes, scheduling), not argmap. Read the p99 of sub-millisecond calls against it."""
    n = 1000
    started = time.perf_counter()
    while time.perf_counter() - started < 0.0005:  # calibrate: a loop of about 0.5 ms
        n = int(n * 1.5)
        started = time.perf_counter()
        sum(i * i for i in range(n))

    def task(_: object) -> None:
        sum(i * i for i in range(n))

    return measure(task, [None], iterations=iterations)


# -- HTTP -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def memory_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process in MB, from /proc (nan where there is none)."""
    values = {"VmRSS": float("nan"), "VmHWM": float("nan")}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in values:
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


@contextlib.contextmanager
def server(store: str, data_dir: Path, options: Options) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.server", "--store", store, "--data-dir", str(data_dir),
         "--neo4j-uri", options.neo4j_uri, "--port", str(port)],
        cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the bench server exited with {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the bench server did not answer /health within 90 s")
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def http_latency(client: httpx.Client, paths: list[str], iterations: int, budget_s: float | None = None) -> Latency:
    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:300]}")
        response.read()

    return measure(get, paths, iterations=iterations, budget_s=budget_s)


def run_load(urls: list[str], options: Options) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.load", *urls, "--concurrency", str(options.concurrency),
         "--seconds", str(options.load_seconds), "--max-requests", str(options.load_max_requests),
         "--tool", options.load_tool],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True,
        check=True, timeout=options.load_seconds + 120,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def paired(call: Callable[[Any], object], args: list[Any], client: httpx.Client, paths: list[str], iterations: int,
           budget_s: float) -> tuple[Latency, float, float]:
    """The same operation in process, then over HTTP, then the trivial endpoint, call after call, so
    all three see the same machine load. Returns the HTTP latency, the median of the per-pair
    differences (HTTP − in-process) and the median trivial-endpoint latency, both in ms."""

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:300]}")

    for i in range(min(3, iterations)):
        call(args[i % len(args)])
        get(paths[i % len(paths)])
        get(TRIVIAL_PATH)
    http: list[float] = []
    differences: list[float] = []
    trivial: list[float] = []
    spent = 0.0
    for i in range(iterations):
        t0 = time.perf_counter()
        call(args[i % len(args)])
        t1 = time.perf_counter()
        get(paths[i % len(paths)])
        t2 = time.perf_counter()
        get(TRIVIAL_PATH)
        t3 = time.perf_counter()
        http.append(t2 - t1)
        differences.append((t2 - t1) - (t1 - t0))
        trivial.append(t3 - t2)
        spent += t3 - t0
        if len(http) >= MIN_SAMPLES and spent > budget_s:
            break
    return summarise(http), percentile(differences, 50) * 1000, percentile(trivial, 50) * 1000


def bench_http(store: GraphStore, size: int, data_dir: Path, samples: Samples, options: Options,
               rows: dict[str, LatencyRow], results: Results) -> None:
    store_name = store.name
    paths = http_paths(samples)
    with server(store_name, data_dir, options) as (base, process), \
            httpx.Client(base_url=base, timeout=120) as client:
        rss_start, _ = memory_mb(process.pid)
        trivial = http_latency(client, [TRIVIAL_PATH], options.iterations)
        calls = inprocess_calls(store)
        for operation in OPERATIONS:
            row = rows[operation]
            row.http, row.overhead_ms, row.trivial_ms = paired(
                calls[operation], sample_args(samples, operation), client, paths[operation],
                iterations_for(options, operation), options.budget_s)
            log(f"{store_name} {size}: HTTP {operation} p50 {row.http.p50_ms:.2f} ms, overhead "
                f"{row.overhead_ms:.2f} ms (trivial {row.trivial_ms:.2f} ms)")
        if options.load_seconds > 0:
            mixes = {
                "trivial": [base + TRIVIAL_PATH],
                "chains+search": [base + p for op in ("support-chain", "rebuttal-chain", "search")
                                  for p in paths[op]],
            }
            for mix, urls in mixes.items():
                got = run_load(urls, options)
                results.load.append(LoadRow(store_name, size, mix, got["tool"], got["concurrency"],
                                            got["requests"], got["errors"], got["rps"]))
                log(f"{store_name} {size}: load {mix}: {got['rps']:.0f} req/s ({got['tool']})")
        _, rss_peak = memory_mb(process.pid)
        results.servers.append(ServerRow(store_name, size, trivial, rss_start, rss_peak))


# -- one store at one size ---------------------------------------------------------------


def bench_store(store_name: str, size: int, corpus: corpus_mod.Corpus, options: Options, workdir: Path,
                results: Results) -> None:
    data_dir = workdir / f"embedded-{size}"
    store: GraphStore
    if store_name == "embedded":
        shutil.rmtree(data_dir, ignore_errors=True)
        store = EmbeddedStore(data_dir / "argmap.sqlite3")
    else:
        neo = open_neo4j(options)
        check_neo4j_is_ours(neo, options)
        store = neo
    try:
        if isinstance(store, Neo4jStore):
            subset = corpus.prefix(min(size, options.naive_statements))
            store.clear()
            started = time.perf_counter()
            queries = sum(save_naive(store._driver, store._database, g) for g in subset.documents)
            naive_s = time.perf_counter() - started
            store.clear()
        log(f"{store_name} {size}: importing {corpus.statements} statements in {len(corpus.documents)} documents")
        seconds = import_all(store, corpus.documents)
        results.imports.append(import_row(store_name, size, corpus, sum(seconds)))
        log(f"{store_name} {size}: {results.imports[-1].statements_per_s:.0f} statements/s")
        if isinstance(store, Neo4jStore):
            batched_s = sum(seconds[:len(subset.documents)])
            results.naive.append(NaiveRow(size, subset.statements, len(subset.documents), queries, naive_s,
                                          batched_s))
        samples = pick_samples(corpus, options.seed)
        results.noise.append((store_name, size, noise_probe(options.iterations)))
        rows: dict[str, LatencyRow] = {}
        for operation, call in inprocess_calls(store).items():
            latency = measure(call, sample_args(samples, operation), iterations=iterations_for(options, operation),
                              budget_s=options.budget_s)
            rows[operation] = LatencyRow(store_name, size, operation, latency)
            log(f"{store_name} {size}: {operation} p50 {latency.p50_ms:.2f} ms p99 {latency.p99_ms:.2f} ms")
        if options.http:
            bench_http(store, size, data_dir, samples, options, rows, results)
    finally:
        store.close()
    results.latency.extend(rows.values())


# -- report -----------------------------------------------------------------------------


def _f(value: float | None, digits: int = 2) -> str:
    if value is None or value != value:  # None or nan
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _met(ok: bool | None) -> str:
    return "–" if ok is None else ("✅ met" if ok else "❌ missed")


def _size(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def overhead_ratio(row: LatencyRow) -> float | None:
    """HTTP overhead (median of paired HTTP − in-process differences) ÷ trivial endpoint median."""
    if row.overhead_ms is None or not row.trivial_ms:
        return None
    return max(0.0, row.overhead_ms) / row.trivial_ms


def target_for(row: LatencyRow) -> float | None:
    if row.operation not in ("support-chain", "rebuttal-chain"):
        return None
    if row.store == "embedded":
        return EMBEDDED_CHAIN_P99_MS if row.operation == "support-chain" else None
    return NEO4J_CHAIN_P99_MS


def targets(results: Results) -> list[tuple[str, str, str, bool | None]]:
    """(target, where, measured, met) for every target of the issue."""
    out: list[tuple[str, str, str, bool | None]] = []
    chain_rows = [r for r in results.latency if r.store == "embedded" and r.operation == "support-chain"]
    at_100k = [r for r in chain_rows if r.size >= 100_000]
    if at_100k:
        for r in at_100k:
            probe = next((p for st, sz, p in results.noise if st == r.store and sz == r.size), None)
            noise = f" (p50 {_f(r.inprocess.p50_ms)} ms; noise probe p99 {_f(probe.p99_ms)} ms)" if probe else ""
            out.append((f"embedded support chain p99 < {EMBEDDED_CHAIN_P99_MS:g} ms at 100k", f"{_size(r.size)}",
                        f"{_f(r.inprocess.p99_ms)} ms{noise}", r.inprocess.p99_ms < EMBEDDED_CHAIN_P99_MS))
    elif "embedded" in results.options.stores:
        out.append((f"embedded support chain p99 < {EMBEDDED_CHAIN_P99_MS:g} ms at 100k", "not run at 100k",
                    "–", None))
    for r in results.latency:
        if r.store == "neo4j" and r.operation in ("support-chain", "rebuttal-chain"):
            out.append((f"Neo4j chain p99 < {NEO4J_CHAIN_P99_MS:g} ms", f"{r.operation}, {_size(r.size)}",
                        f"{_f(r.inprocess.p99_ms)} ms", r.inprocess.p99_ms < NEO4J_CHAIN_P99_MS))
    for r in results.latency:
        ratio = overhead_ratio(r)
        if ratio is not None:
            # A non-positive paired difference means the call's own jitter swamped the HTTP cost:
            # say so rather than report a 0x "met".
            below_noise = (r.overhead_ms or 0.0) <= 0
            out.append((f"HTTP overhead < {HTTP_OVERHEAD_X_TRIVIAL:g}x trivial endpoint",
                        f"{r.store} {r.operation}, {_size(r.size)}",
                        "not measurable (below the call's own noise)" if below_noise else f"{_f(ratio)}x",
                        ratio < HTTP_OVERHEAD_X_TRIVIAL))
    neo_imports = [r for r in results.imports if r.store == "neo4j" and r.statements >= 100_000]
    for imp in neo_imports:
        out.append((f"import 100k statements into Neo4j < {NEO4J_IMPORT_100K_S:g} s",
                    f"{imp.statements:,} statements", f"{_f(imp.seconds, 1)} s", imp.seconds < NEO4J_IMPORT_100K_S))
    if "neo4j" in results.options.stores and not neo_imports:
        out.append((f"import 100k statements into Neo4j < {NEO4J_IMPORT_100K_S:g} s", "not run at 100k", "–", None))
    for p in results.parse + results.fresh_parse:
        out.append((f"parsing >= {PARSE_MB_S:g} MB/s", p.importer, f"{_f(p.mb_per_s, 3)} MB/s",
                    p.mb_per_s >= PARSE_MB_S))
    return out


def parse_section(results: Results) -> list[str]:
    o = results.options
    lines = ["", "## Parse throughput (importers.parse_document, each seed, importer forced)", "",
             f"CPU time (`time.process_time`) of the fastest of {o.parse_repeats} rounds, each round parsing every "
             "seed once; the baseline, measured right before on the same texts, is sentence splitting alone "
             "(`importers.structure.blocks` + `importers.mining.units.segment` without clause splits). "
             f"The last row: {FRESH_ROW}, texts this process had not parsed before (the CDCP test comments and "
             "the argmap-short dev texts, ~620 bytes each: a document's fixed costs weigh more), one round, its "
             "baseline measured right after.", "",
             "| importer | MB per round | CPU s | MB/s | sentence split alone MB/s | parse / split | target "
             "| status |",
             "|---|---|---|---|---|---|---|---|"]
    for p in results.parse + results.fresh_parse:
        lines.append(f"| {p.importer} | {_f(p.megabytes, 3)} | {_f(p.seconds, 3)} | {_f(p.mb_per_s, 3)} | "
                     f"{_f(p.split_mb_per_s, 1)} | {_f(p.split_share, 3)} | >= {PARSE_MB_S:g} | "
                     f"{_met(p.mb_per_s >= PARSE_MB_S)} |")
    return lines


def render(results: Results) -> str:
    o = results.options
    if o.parse_only:
        return "\n".join(["# argmap benchmark: parse throughput only", "",
                          f"Run {results.started}; {os.cpu_count()} cores, Python {platform.python_version()}, "
                          f"{platform.system()} {platform.machine()}.", *parse_section(results), ""])
    lines = [
        "# argmap benchmark",
        "",
        f"Run {results.started}; {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; sizes {', '.join(_size(s) for s in o.sizes)}; "
        f"stores {', '.join(o.stores)}; {o.iterations} iterations per operation ({o.compare_iterations} for "
        f"compare; an operation stops after {o.budget_s:g} s once 20 calls are timed), 3 warm-up calls not "
        f"counted; load {o.load_seconds:g} s at concurrency {o.concurrency}.",
        "Every baseline is measured in this same run. p50/p99 are nearest-rank percentiles in ms.",
        "",
        "## Targets",
        "",
        "| target | where | measured | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {t} | {w} | {m} | {_met(ok)} |" for t, w, m, ok in targets(results)]
    lines += ["", "## Import throughput (store.save, one transaction per document)", "",
              "| store | size | statements | documents | relations (cross-doc attacks) | seconds | statements/s "
              "| documents/s | target |",
              "|---|---|---|---|---|---|---|---|---|"]
    for imp in results.imports:
        limit = f"< {NEO4J_IMPORT_100K_S:g} s at 100k" if imp.store == "neo4j" else "–"
        lines.append(f"| {imp.store} | {_size(imp.size)} | {imp.statements:,} | {imp.documents:,} | "
                     f"{imp.relations:,} ({imp.cross_attacks:,}) | {_f(imp.seconds, 1)} | "
                     f"{_f(imp.statements_per_s, 0)} | {_f(imp.documents_per_s, 1)} | {limit} |")
    if results.naive:
        lines += ["", "### Neo4j: batched UNWIND (Neo4jStore.save) vs one query per statement (bench/naive.py)", "",
                  "Same documents (the first ones of the corpus), same empty database, one transaction per document.",
                  "", "| size | statements | documents | naive queries | naive s | naive statements/s | batched s "
                  "| batched statements/s | batched speed-up |", "|---|---|---|---|---|---|---|---|---|"]
        for n in results.naive:
            lines.append(f"| {_size(n.size)} | {n.statements:,} | {n.documents} | {n.queries:,} | {_f(n.naive_s)} | "
                         f"{_f(n.statements / n.naive_s, 0)} | {_f(n.batched_s)} | "
                         f"{_f(n.statements / n.batched_s, 0)} | {_f(n.ratio, 1)}x |")
    lines += parse_section(results)
    lines += ["", "## Latency (ms)", "",
              "In-process: services.analysis / graph.compare / store calls. HTTP: the same through uvicorn on "
              "127.0.0.1 (httpx, keep-alive), each HTTP call made right after the same call in process and "
              "followed by a trivial FastAPI endpoint on the same server (same machine load for all three). "
              "*HTTP / raw* = HTTP p50 ÷ in-process p50; *overhead / trivial* = median of the paired "
              "differences (HTTP − in-process) ÷ median of the trivial endpoint.", "",
              "| store | size | operation | in-process p50 | in-process p99 | p99 target | HTTP p50 | HTTP p99 "
              "| HTTP / raw | overhead / trivial (target < 1.5x) | samples (in-process / HTTP) |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results.latency:
        target = target_for(r)
        status = "" if target is None else f" {'✅' if r.inprocess.p99_ms < target else '❌'}"
        target_text = f"< {target:g}{status}" if target is not None else "–"
        http_p50 = r.http.p50_ms if r.http else None
        http_p99 = r.http.p99_ms if r.http else None
        raw = http_p50 / r.inprocess.p50_ms if http_p50 is not None and r.inprocess.p50_ms else None
        ratio = overhead_ratio(r)
        ratio_text = "–" if ratio is None else (
            f"{_f(max(0.0, r.overhead_ms or 0.0))} ÷ {_f(r.trivial_ms)} = {_f(ratio)}x "
            f"{'✅' if ratio < HTTP_OVERHEAD_X_TRIVIAL else '❌'}")
        lines.append(f"| {r.store} | {_size(r.size)} | {r.operation} | {_f(r.inprocess.p50_ms)} | "
                     f"{_f(r.inprocess.p99_ms)} | {target_text} | {_f(http_p50)} | {_f(http_p99)} | "
                     f"{'–' if raw is None else _f(raw) + 'x'} | {ratio_text} | "
                     f"{r.inprocess.samples} / {r.http.samples if r.http else '–'} |")
    for store_name, size, probe in results.noise:
        lines.append(f"| {store_name} | {_size(size)} | noise probe (fixed ~0.5 ms CPU task) | {_f(probe.p50_ms)} | "
                     f"{_f(probe.p99_ms)} | – | – | – | – | – | {probe.samples} / – |")
    for s in results.servers:
        lines.append(f"| {s.store} | {_size(s.size)} | trivial endpoint | – | – | – | {_f(s.trivial.p50_ms)} | "
                     f"{_f(s.trivial.p99_ms)} | – | baseline | – / {s.trivial.samples} |")
    if results.load or results.servers:
        lines += ["", "## Load (second process, loopback) and server memory", "",
                  "| store | size | mix | tool | concurrency | requests | errors | requests/s | server RSS at start MB "
                  "| server peak RSS MB |", "|---|---|---|---|---|---|---|---|---|---|"]
        memory = {(s.store, s.size): s for s in results.servers}
        for load in results.load:
            m = memory.get((load.store, load.size))
            lines.append(f"| {load.store} | {_size(load.size)} | {load.mix} | {load.tool} | {load.concurrency} | "
                         f"{load.requests:,} | {load.errors} | {_f(load.rps, 0)} | "
                         f"{_f(m.rss_start_mb if m else None, 0)} | {_f(m.rss_peak_mb if m else None, 0)} |")
    if results.notes:
        lines += ["", "## Notes", ""] + [f"* {n}" for n in results.notes]
    return "\n".join(lines) + "\n"


# -- main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="statement counts, comma-separated")
    parser.add_argument("--stores", default="embedded,neo4j", help="embedded and/or neo4j")
    parser.add_argument("--iterations", type=int, default=200, help="timed calls per operation")
    parser.add_argument("--compare-iterations", type=int, default=20)
    parser.add_argument("--no-http", dest="http", action="store_false", help="in-process only")
    parser.add_argument("--load-seconds", type=float, default=5.0, help="0: no load test")
    parser.add_argument("--load-max-requests", type=int, default=50_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--load-tool", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    parser.add_argument("--clear-neo4j", action="store_true",
                        help="allow clearing a Neo4j that holds documents the bench did not generate")
    parser.add_argument("--naive-statements", type=int, default=2000,
                        help="statements imported by the one-query-per-statement Neo4j baseline")
    parser.add_argument("--parse-repeats", type=int, default=3, help="parse rounds; the fastest counts")
    parser.add_argument("--parse-only", action="store_true", help="only the parse throughput (no stores)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the Markdown report goes")
    parser.add_argument("--workdir", type=Path, default=None, help="embedded stores (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--budget-seconds", type=float, default=30.0,
                        help="per operation: stop timing after this long (once 20 calls are timed)")
    args = parser.parse_args(argv)
    if args.parse_only and args.out == RESULTS:
        args.out = RESULTS.with_name("parse.md")  # keep the full run's report
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    if not stores or any(s not in ("embedded", "neo4j") for s in stores):
        parser.error("--stores takes embedded and/or neo4j")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] < 1:
        parser.error("--sizes takes positive statement counts")
    return Options(sizes=sizes, stores=stores, iterations=args.iterations, compare_iterations=args.compare_iterations,
                   http=args.http, load_seconds=args.load_seconds, load_max_requests=args.load_max_requests,
                   concurrency=args.concurrency, load_tool=args.load_tool, neo4j_uri=args.neo4j_uri,
                   clear_neo4j=args.clear_neo4j, naive_statements=args.naive_statements,
                   parse_repeats=args.parse_repeats, parse_only=args.parse_only, out=args.out, workdir=args.workdir,
                   seed=args.seed, budget_s=args.budget_seconds)


def run(options: Options) -> Results:
    results = Results(options, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    log("parse throughput")
    results.fresh_parse = bench_fresh_parse(options)
    results.parse = bench_parse(options)
    if options.parse_only:
        return results
    log(f"generating a corpus of {max(options.sizes)} statements")
    full = corpus_mod.generate(max(options.sizes), seed=options.seed)
    with contextlib.ExitStack() as stack:
        workdir = options.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="argmap-bench-")))
        for size in options.sizes:
            corpus = full.prefix(size)
            for store_name in options.stores:
                bench_store(store_name, size, corpus, options, workdir, results)
    if "neo4j" in options.stores and max(options.sizes) < 1_000_000:
        results.notes.append("Neo4j at 1M statements was not run (pass --sizes ...,1000000 to run it).")
    results.notes.append(f"Load tool: {'wrk' if shutil.which('wrk') else 'Python thread pool (bench/load.py)'}; "
                         "client and server share the machine's cores.")
    return results


def main(argv: list[str] | None = None) -> Results:
    options = parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server subprocess is stopped too
    results = run(options)
    report = render(results)
    print(report)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(report, encoding="utf-8")
    options.out.with_suffix(".json").write_text(json.dumps(asdict(results), default=str, indent=1),
                                                encoding="utf-8")
    log(f"wrote {options.out}")
    return results


__all__ = ["Options", "Results", "main", "render", "run", "summarise"]
