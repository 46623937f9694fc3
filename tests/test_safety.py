"""Bad input and failures: generated requests never get a 5xx, a killed import loses
nothing, concurrent clients store one copy, slow Neo4j queries answer 503."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from api.settings import Settings
from graph.errors import StoreUnavailable
from graph.store.base import StatementQuery
from graph.store.embedded import EmbeddedStore
from graph.store.neo4j import Neo4jStore
from importers import parse_document
from services.settings import PROJECT_ROOT
from tests.conftest import OPED, isolated_settings

# made at import because schemathesis reads the schema at collection; removed when the run ends, whatever
# tests were selected (a fixture would leak it when this module is collected but deselected)
FUZZ_DIR = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
atexit.register(shutil.rmtree, FUZZ_DIR, ignore_errors=True)


def _fuzz_app() -> object:
    """The real app on a fresh embedded store holding the seeds."""
    app_settings = isolated_settings(FUZZ_DIR, import_seeds_on_start=True, max_body_bytes=100_000)
    return create_app(app_settings)


schema = schemathesis.openapi.from_asgi("/openapi.json", _fuzz_app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_never_get_a_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: " \
                                       f"{response.text[:300]}"


KILLED_IMPORT = textwrap.dedent("""
    import sys, time
    from graph.store.embedded import EmbeddedStore
    from importers import parse_document

    class SlowStore(EmbeddedStore):
        def _insert(self, conn, graph):
            super()._insert(conn, graph)
            print("rows written, not committed", flush=True)
            time.sleep(60)

    graph = parse_document(open(sys.argv[2], encoding="utf-8").read())
    SlowStore(sys.argv[1]).save(graph)
    print("committed", flush=True)
""")


def test_killing_the_process_mid_import_leaves_the_store_as_it_was(tmp_path: Path,
                                                                    csis_graph: object) -> None:
    path = tmp_path / "argmap.sqlite3"
    store = EmbeddedStore(path)
    store.save(csis_graph)  # type: ignore[arg-type]
    before = store.get_graph(csis_graph.document.id).normalized()  # type: ignore[attr-defined]
    store.close()

    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(path), str(OPED)], cwd=PROJECT_ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "rows written, not committed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    reopened = EmbeddedStore(path)
    assert [d.document.id for d in reopened.list_documents()[0]] == [before.document.id]
    assert reopened.get_graph(before.document.id).normalized() == before
    assert reopened.search_statements(StatementQuery(limit=500))[1] == len(before.statements)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert reopened.save(parse_document(OPED.read_text(encoding="utf-8"))).created
    reopened.close()


def test_two_processes_importing_one_document_store_one_copy(tmp_path: Path) -> None:
    env = {**os.environ, "ARGMAP_DATA_DIR": str(tmp_path), "ARGMAP_STORE": "embedded"}
    command = [sys.executable, "-m", "api.cli", "import", str(OPED)]
    clients = [subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(3)]
    outputs = [c.communicate(timeout=120) for c in clients]
    assert all(c.returncode == 0 for c in clients), outputs
    states = sorted("already stored" in out for out, _ in outputs)
    assert states == [False, True, True]
    store = EmbeddedStore(tmp_path / "argmap.sqlite3")
    assert store.list_documents()[1] == 1
    store.close()


@pytest.mark.neo4j
def test_a_slow_neo4j_query_times_out_as_unavailable(neo4j_store: Neo4jStore) -> None:
    impatient = Neo4jStore(neo4j_store._driver, database="neo4j", timeout_s=0.2)
    with pytest.raises(StoreUnavailable, match="timed out|in time"):
        impatient._read("UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n")


def test_credentials_never_reach_errors_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = "very-secret-password-123"
    wrong = Settings(_env_file=None, store="neo4j", neo4j_uri="bolt://127.0.0.1:9",  # type: ignore[call-arg]
                     neo4j_password=secret, neo4j_connect_timeout_s=0.5, data_dir=tmp_path)
    store = Neo4jStore.connect(wrong)
    with pytest.raises(StoreUnavailable) as raised:
        store.ping()
    store.close()
    assert secret not in str(raised.value) and secret not in repr(wrong)
    assert secret not in caplog.text


@pytest.mark.neo4j
def test_the_routing_scheme_reaches_the_same_server(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    bolt_uri = Settings(_env_file=None).neo4j_uri  # type: ignore[call-arg]
    routed = Settings(_env_file=None, store="neo4j", data_dir=tmp_path,  # type: ignore[call-arg]
                      neo4j_uri=bolt_uri.replace("bolt://", "neo4j://"))
    store = Neo4jStore.connect(routed)
    try:
        store.ping()
        assert store.list_documents() == neo4j_store.list_documents()
    finally:
        store.close()


@pytest.mark.neo4j
def test_a_database_neo4j_does_not_have_is_a_clear_error(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    uri = Settings(_env_file=None).neo4j_uri  # type: ignore[call-arg]
    wrong = Settings(_env_file=None, store="neo4j", neo4j_uri=uri, neo4j_database="no-such-db",  # type: ignore[call-arg]
                     data_dir=tmp_path)
    store = Neo4jStore.connect(wrong)
    try:
        with pytest.raises(StoreUnavailable, match="no such database.*NEO4J_DATABASE"):
            store.list_documents()
    finally:
        store.close()


@pytest.mark.neo4j
def test_connecting_to_a_ready_schema_logs_no_notes(neo4j_store: Neo4jStore, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """Every CLI command and server start ensures the schema; Neo4j answers "already exists" notes
    to each statement, which must not flood the log (they did, one long INFO record each)."""
    neo4j_store.ensure_schema()
    caplog.set_level(logging.DEBUG, logger="neo4j.notifications")
    store = Neo4jStore.connect(Settings(_env_file=None, store="neo4j", data_dir=tmp_path))  # type: ignore[call-arg]
    try:
        store.list_documents()
    finally:
        store.close()
    assert [r.getMessage()[:80] for r in caplog.records if r.name.startswith("neo4j.notifications")] == []


def test_a_bad_uri_scheme_is_a_clear_error(tmp_path: Path) -> None:
    from graph.errors import InvalidInput

    bad = Settings(_env_file=None, store="neo4j", neo4j_uri="http://127.0.0.1:7474",  # type: ignore[call-arg]
                   data_dir=tmp_path)
    with pytest.raises(InvalidInput, match="bolt:// or neo4j://"):
        Neo4jStore.connect(bad)
