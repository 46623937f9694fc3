"""One palette (formats/palette.py) for every picture: the map page, Neo4j Browser's stylesheet and
Graphviz. The kind colours of the map page are checked in tests/test_browser.py."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from api.routes import neo4j_browser
from formats import graphviz
from formats.palette import KIND_COLOURS, RELATION_COLOURS
from graph.model import Relation, RelationType, StatementKind
from services.settings import PROJECT_ROOT
from tests.test_traversal_contract import lettered_graph


def rule(stylesheet: str, selector: str) -> dict[str, str]:
    body = re.search(re.escape(selector) + r" \{\n(.*?)\}", stylesheet, flags=re.S)
    assert body, selector
    return dict(re.findall(r"^\s+([\w-]+): (.*);$", body.group(1), flags=re.M))


def test_every_kind_and_relation_has_a_colour() -> None:
    assert set(KIND_COLOURS) == set(StatementKind)
    assert set(RELATION_COLOURS) == set(RelationType)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in [*KIND_COLOURS.values(), *RELATION_COLOURS.values()])


@pytest.mark.parametrize("relation", list(RelationType))
def test_relations_have_the_palette_colour_in_every_picture(relation: RelationType) -> None:
    colour = RELATION_COLOURS[relation]
    assert rule(neo4j_browser.grass(), f"relationship.{relation.value}")["color"] == colour
    map_script = (PROJECT_ROOT / "api" / "static" / "map.js").read_text(encoding="utf-8")
    style = re.search(r"selector: \"edge\[type = '" + relation.value + r"'\]\", style: \{([^}]*)\}", map_script)
    assert style and f'"line-color": "{colour}"' in style.group(1)
    letters = lettered_graph()
    first, second = letters.statements[:2]
    graph = replace(letters, relations=(Relation(first.id, second.id, relation),)).validate()
    edges = [line for line in graphviz.to_dot(graph).splitlines() if " -> " in line and "invis" not in line]
    assert edges and all(f'color="{colour}"' in line for line in edges)


@pytest.mark.parametrize("kind", list(StatementKind))
def test_kinds_have_the_palette_colour_in_every_picture(kind: StatementKind) -> None:
    assert rule(neo4j_browser.grass(), f"node.{kind.label}")["color"] == KIND_COLOURS[kind]
