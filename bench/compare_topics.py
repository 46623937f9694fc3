"""``python -m bench.compare_topics``: /compare of two authors with 50 documents each, on a named topic
and on free-text topics (a question, a phrase), embedded store.

The documents are the corpus bench's distinct copies of the seeds (bench.corpus_mode.documents),
bylines alternating between two authors, imported through services.importing. Reported: the first
call of each topic (cold: statements not yet embedded), the median of the next calls (warm: the
embedding cache holds them), and the process's peak resident memory, next to the same run's
baseline of resolving the two sides alone (loading their documents from the store).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.corpus_mode import documents
from graph.store.base import StatementQuery
from graph.store.embedded import EmbeddedStore
from services import compare as comparing
from services import importing
from services.settings import ServiceSettings

AUTHORS = ("Ada Mensah", "Bruno Keita")
TOPICS = ("negotiation", "Should the government negotiate with armed groups?", "military operations")


def _ms(call: object) -> float:
    started = time.perf_counter()
    call()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100, help="documents in all (half per author)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "argmap.sqlite3")
        settings = ServiceSettings(_env_file=None, data_dir=Path(folder))  # type: ignore[call-arg]
        started = time.perf_counter()
        for k, (text, meta) in enumerate(documents(options.documents, seed=11)):
            importing.import_text(store, text, settings=settings, meta=replace(meta, authors=(AUTHORS[k % 2],)))
        print(f"imported {options.documents} documents in {time.perf_counter() - started:.0f} s")
        statements = store.search_statements(StatementQuery(limit=1))[1]
        sides = [_ms(lambda: (comparing.resolve_side(store, AUTHORS[0]), comparing.resolve_side(store, AUTHORS[1])))
                 for _ in range(options.runs)]
        print(f"statements stored: {statements}; baseline, resolving both sides: p50 {statistics.median(sides):.0f} ms")
        for topic in TOPICS:
            def call(topic: str = topic) -> None:
                comparing.compare(store, AUTHORS[0], AUTHORS[1], topic)
            cold = _ms(call)
            warm = statistics.median(_ms(call) for _ in range(options.runs))
            print(f"/compare topic={topic!r}: first call {cold:.0f} ms, then p50 {warm:.0f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory of the process: {peak:.0f} MB")
        store.close()


if __name__ == "__main__":
    main()
