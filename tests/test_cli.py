"""The `argmap` console script, run as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from graph.model import canonical_text
from services.settings import PROJECT_ROOT
from tests.conftest import CSIS, OPED

ARGMAP = [sys.executable, "-m", "api.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ARGMAP, *args], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("seed", [CSIS, OPED], ids=["csis", "oped"])
def test_parse_prints_a_graph_whose_offsets_are_exact(seed: Path) -> None:
    result = run("parse", str(seed), "--format", "json")
    assert result.returncode == 0, result.stderr
    graph = json.loads(result.stdout)
    source = canonical_text(seed.read_text(encoding="utf-8"))
    assert graph["document"]["source"] == source
    assert len(graph["statements"]) > 10
    for statement in graph["statements"]:
        assert source[statement["start"]:statement["end"]] == statement["quote"]
        assert set(statement) >= {"id", "kind", "text", "quote", "start", "end", "section", "speaker", "verdict"}
    ids = {s["id"] for s in graph["statements"]}
    assert all(r["source"] in ids and r["target"] in ids for r in graph["relations"])


def test_import_then_export_on_the_embedded_store(tmp_path: Path) -> None:
    env = {"ARGMAP_DATA_DIR": str(tmp_path), "ARGMAP_STORE": "embedded"}
    imported = run("import", str(CSIS), str(OPED), env=env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.count("imported as doc-") == 2
    assert "2/2" in imported.stdout
    again = run("import", str(OPED), env=env)
    assert "already stored" in again.stdout
    document_id = again.stdout.split(" as ")[1].split()[0]
    exported = run("export", document_id, "--format", "json", env=env)
    assert exported.returncode == 0, exported.stderr
    parsed = json.loads(run("parse", str(OPED)).stdout)
    assert json.loads(exported.stdout) == parsed


@pytest.mark.parametrize(("env", "says"), [
    ({"ARGMAP_STORE": "sqlite"}, "setting ARGMAP_STORE: Input should be 'embedded' or 'neo4j'"),
    ({"ARGMAP_GAZETTEERS": "actors.json"}, "setting ARGMAP_GAZETTEERS: not valid JSON"),
    ({"ARGMAP_NEO4J_BROWSER_ORIGINS": "http://127.0.0.1:7474"}, "setting ARGMAP_NEO4J_BROWSER_ORIGINS: not valid JSON"),
    ({"ARGMAP_REQUEST_BUDGET_S": "0"}, "setting ARGMAP_REQUEST_BUDGET_S: Input should be greater than 0"),
], ids=["store", "gazetteers-not-json", "origins-not-json", "budget"])
def test_a_bad_setting_is_one_line_naming_its_variable(tmp_path: Path, env: dict[str, str], says: str) -> None:
    result = run("topics", env={"ARGMAP_DATA_DIR": str(tmp_path), **env})
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"argmap: {says}"), result.stderr


def test_every_setting_is_in_the_readme_configuration_table() -> None:
    """Two settings (ARGMAP_SEEDS_DIR, ARGMAP_NEO4J_CONNECT_TIMEOUT_S) were missing from the table a
    newcomer reads; each setting's variable must have a row there."""
    from api.cli import _variable
    from api.settings import Settings

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = {cell.strip("` ") for line in table.splitlines() if line.startswith("| `")
            for cell in line.split("|")[1].split("/")}
    assert sorted(_variable(field) for field in Settings.model_fields if _variable(field) not in rows) == []


def test_a_reader_that_stops_early_gets_no_error(tmp_path: Path) -> None:
    """`argmap parse ... | head`: the closed pipe ends the command quietly."""
    process = subprocess.Popen([*ARGMAP, "parse", str(CSIS), "--format", "json"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=PROJECT_ROOT)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10).startswith(b"{")
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Broken pipe" not in stderr and "Traceback" not in stderr, stderr


def test_errors_are_one_clear_line(tmp_path: Path) -> None:
    missing = run("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "nope.txt" in missing.stderr and "Traceback" not in missing.stderr
    unknown = run("export", "doc-nope", env={"ARGMAP_DATA_DIR": str(tmp_path)})
    assert unknown.returncode == 2 and "no document with id 'doc-nope'" in unknown.stderr


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="Debian's docker-compose is not installed "
                    "(.ci/run installs it, so CI always runs this)")
def test_docker_compose_file_is_valid() -> None:
    result = subprocess.run(["docker-compose", "-f", str(PROJECT_ROOT / "docker-compose.yml"), "config", "-q"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_data_file_of_the_packages_is_installed() -> None:
    """The Docker image runs ``pip install .`` (no checkout): a data file the code reads must be in
    pyproject's package-data, or the installed argmap fails where the checkout works."""
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packaged = {
        path.relative_to(PROJECT_ROOT).as_posix()
        for package, patterns in config["package-data"].items()
        for pattern in patterns
        for path in (PROJECT_ROOT / package.replace(".", "/")).glob(pattern) if path.is_file()
    }
    roots = [name.rstrip("*") for name in config["packages"]["find"]["include"]]
    tracked = subprocess.run(["git", "ls-files", *roots], cwd=PROJECT_ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    data = [name for name in tracked if not name.endswith(".py")]
    assert data, "git ls-files found no data files: is this a checkout?"
    assert [name for name in data if name not in packaged] == []


def test_query_commands_print_what_the_api_answers(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.params import SEED_DOCUMENT, SEED_EVIDENCE, SEED_RECOMMENDATION
    from tests.conftest import isolated_settings

    env = {"ARGMAP_DATA_DIR": str(tmp_path / "data"), "ARGMAP_STORE": "embedded"}
    assert run("import", str(CSIS), str(OPED), env=env).returncode == 0
    cases = [
        (["support-chain", SEED_RECOMMENDATION, "--depth", "3"], f"/statements/{SEED_RECOMMENDATION}/support-chain",
         {"depth": 3}),
        (["rebuttal-chain", SEED_RECOMMENDATION], f"/statements/{SEED_RECOMMENDATION}/rebuttal-chain", {}),
        (["status", SEED_DOCUMENT, "--scope", "document"], f"/documents/{SEED_DOCUMENT}/status", {"scope": "document"}),
        (["paths", SEED_EVIDENCE, SEED_RECOMMENDATION], "/paths", {"from": SEED_EVIDENCE, "to": SEED_RECOMMENDATION}),
        (["search", "-q", "dialogue", "--kind", "recommendation"], "/statements", {"q": "dialogue",
                                                                                   "kind": "recommendation"}),
        (["compare", "Thurston", "Devermont", "--topic", "negotiation"], "/compare",
         {"a": "Thurston", "b": "Devermont", "topic": "negotiation"}),
        (["topics"], "/topics", {}),
        (["actors"], "/actors", {}),
    ]
    with TestClient(create_app(isolated_settings(tmp_path))) as client:
        for command, path, params in cases:
            printed = run(*command, env=env)
            assert printed.returncode == 0, (command, printed.stderr)
            answered = client.get(path, params=params)
            assert answered.status_code == 200
            assert json.loads(printed.stdout) == answered.json(), command
    bad = run("support-chain", SEED_RECOMMENDATION, "--depth", "11", env=env)
    assert bad.returncode == 2 and "depth must be between 1 and 10" in bad.stderr


# parsing runs the argument-mining model (numpy arrays over WordLlama's token table, read without importing
# the wordllama package), so numpy is the one heavy module a parse needs
HEAVY_MODULES = ("networkx", "wordllama", "rapidfuzz", "pypdf", "fastapi", "pydantic", "neo4j", "uvicorn")
LOADED_AFTER_PARSE = """
import contextlib, io, sys
from api.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["parse", sys.argv[1]]) == 0
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))))
"""


def test_parse_loads_no_heavy_module() -> None:
    """`argmap parse` starts fast because the stores, networkx, pydantic and FastAPI are imported
    only by the commands that use them (the time itself is measured in the README, not here)."""
    loaded = subprocess.run([sys.executable, "-c", LOADED_AFTER_PARSE, str(OPED), ",".join(HEAVY_MODULES)],
                            capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == ""


def test_the_parser_offers_every_traversal_direction() -> None:
    from api.cli import DIRECTIONS
    from graph.traversal import Direction

    assert tuple(d.value for d in Direction) == DIRECTIONS


def test_import_a_directory_in_parallel_and_resume(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(OPED, folder / "oped.txt")
    shutil.copy(CSIS, folder / "sub" / "csis.txt")
    (folder / "essay.md").write_text("Mali should negotiate with the armed groups.\n\nTalks worked before, because "
                                     "every party had a seat at the table.\n", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG not a document")  # not an importable extension: left alone
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")  # fails, the others still import
    env = {"ARGMAP_DATA_DIR": str(tmp_path / "data"), "ARGMAP_STORE": "embedded"}
    first = run("import", str(folder), "--workers", "2", env=env)
    assert first.returncode == 2, first.stderr  # one file failed
    assert first.stdout.count("imported as") == 3 and "documents/s" in first.stdout
    assert "empty.txt: failed" in first.stdout and "image.png" not in first.stdout
    again = run("import", str(folder), env=env)
    assert again.stdout.count("skipped before parsing") == 3 and "imported as" not in again.stdout
