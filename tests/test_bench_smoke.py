"""The bench (`make bench`) runs end to end at a tiny size, embedded store only.

Benchmarks are not timed tests: this checks that every row of the report is there and
that the numbers are sane (positive, ordered, no errors), never how fast anything is.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.corpus import PUBLISHER, generate
from bench.run import OPERATIONS, PARSE_IMPORTERS, main

pytestmark = pytest.mark.slow


def test_corpus_copies_are_valid_and_distinct() -> None:
    corpus = generate(600, seed=7)
    assert corpus.statements >= 600 and len(corpus.documents) >= 3
    ids = [s.id for g in corpus.documents for s in g.statements]
    assert len(ids) == len(set(ids))
    assert len({g.document.id for g in corpus.documents}) == len(corpus.documents)
    assert corpus.cross_attacks >= len(corpus.documents) - 1
    seen: set[str] = set()
    for graph in corpus.documents:
        graph.validate()
        assert graph.document.publisher == PUBLISHER
        assert all(graph.document.source[s.start:s.end] == s.quote for s in graph.statements)
        own = {s.id for s in graph.statements}
        assert all(r.target in own or r.target in seen for r in graph.relations)  # cross-document: saved before
        seen |= own
    assert corpus.prefix(1).documents == corpus.documents[:1]


def test_bench_runs_and_reports_every_row(tmp_path: Path) -> None:
    out = tmp_path / "latest.md"
    results = main(["--sizes", "200", "--stores", "embedded", "--iterations", "5", "--compare-iterations", "2",
                    "--load-seconds", "1", "--load-max-requests", "200", "--concurrency", "2",
                    "--load-tool", "python", "--parse-repeats", "1", "--out", str(out),
                    "--workdir", str(tmp_path / "work")])
    report = out.read_text(encoding="utf-8")
    assert out.with_suffix(".json").is_file()

    for heading in ("## Targets", "## Import throughput", "## Parse throughput", "## Latency", "## Load"):
        assert heading in report

    [imported] = results.imports
    assert imported.store == "embedded" and imported.statements >= 200 and imported.documents >= 2
    assert imported.seconds > 0 and imported.statements_per_s > 0 and imported.documents_per_s > 0
    assert f"| embedded | 200 | {imported.statements:,} |" in report

    assert [p.importer for p in results.parse] == list(PARSE_IMPORTERS)
    for p in results.parse:
        assert p.megabytes > 0 and p.seconds > 0 and math.isfinite(p.mb_per_s)
        assert f"| {p.importer} |" in report
        # the same-run baseline: splitting sentences alone is part of every parse, so it must be faster
        assert p.split_seconds > 0 and p.split_mb_per_s > p.mb_per_s and 0 < p.split_share < 1
    [fresh] = results.fresh_parse  # texts parsed once each, with their own same-run baseline
    assert fresh.megabytes > 0.05 and 0 < fresh.split_share < 1 and f"| {fresh.importer} |" in report
    assert "| sentence split alone MB/s | parse / split |" in report

    assert [r.operation for r in results.latency] == list(OPERATIONS)
    for row in results.latency:
        assert row.http is not None
        for latency in (row.inprocess, row.http):
            assert latency.samples > 0 and 0 < latency.p50_ms <= latency.p99_ms
        assert f"| embedded | 200 | {row.operation} |" in report

    [(_, _, probe)] = results.noise
    assert 0 < probe.p50_ms <= probe.p99_ms and "| embedded | 200 | noise probe" in report

    [server] = results.servers
    assert 0 < server.trivial.p50_ms <= server.trivial.p99_ms
    assert server.rss_peak_mb >= server.rss_start_mb > 0
    assert "| embedded | 200 | trivial endpoint |" in report

    assert [load.mix for load in results.load] == ["trivial", "chains+search"]
    for load in results.load:
        assert load.requests > 0 and load.errors == 0 and load.rps > 0
        assert f"| embedded | 200 | {load.mix} |" in report

    for target in ("HTTP overhead < 1.5x trivial endpoint", "parsing >= 1 MB/s",
                   "embedded support chain p99 < 5 ms at 100k"):
        assert target in report


def test_bench_parse_only_reports_parse_speed_next_to_the_split_baseline(tmp_path: Path) -> None:
    out = tmp_path / "parse.md"
    results = main(["--parse-only", "--parse-repeats", "1", "--out", str(out)])
    report = out.read_text(encoding="utf-8")
    assert not results.imports and not results.latency
    assert [p.importer for p in results.parse] == list(PARSE_IMPORTERS)
    for p in results.parse:
        assert f"| {p.importer} | {p.megabytes:.3f} |" in report and p.split_mb_per_s > p.mb_per_s
    assert "## Latency" not in report
