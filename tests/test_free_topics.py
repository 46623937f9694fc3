"""Any topic as free text: the stance model, topic relevance, actors found in any text, and
/compare of two opposite texts on a question none of argmap's rules or seeds mention (both stores)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from api.deps import get_store
from api.main import create_app
from graph import relevance, stance, topic_stance
from graph.compare import Side, map_polarity, position, speaker_names
from graph.errors import InvalidInput
from graph.model import ActorKind, Document, DocumentGraph, Relation, RelationType, Statement, StatementKind
from graph.store.base import GraphStore
from importers import SourceMeta, parse_document
from importers.actors import DEFAULT_GAZETTEERS, load_gazetteer
from services import importing
from tests.conftest import isolated_settings

FIXTURES = Path(__file__).parent / "fixtures" / "free_topic"
SAMPLE = Path(__file__).parent / "fixtures" / "stance_eval_sample.json"


def test_stance_model_loads_offline_and_beats_the_majority_class_on_unseen_topics() -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))["examples"]
    labels = np.array([e["label"] for e in sample])
    probabilities = stance.model().probabilities([e["topic"] for e in sample], [e["argument"] for e in sample])
    accuracy = float(np.mean(np.where(probabilities >= 0.5, 1, -1) == labels))
    majority = max(float(np.mean(labels > 0)), float(np.mean(labels < 0)))
    assert accuracy >= majority + 0.08, (accuracy, majority)


def test_stance_model_is_deterministic() -> None:
    pairs = (["Should zoos be abolished?"] * 2, ["Zoos protect endangered species.", "Zoos are cruel prisons."])
    assert np.array_equal(stance.model().probabilities(*pairs), stance.model().probabilities(*pairs))


def test_questions_and_propositions_become_statements() -> None:
    assert stance.proposition("Should Germany introduce the death penalty?") == "Germany introduce the death penalty"
    assert stance.proposition("This house would ban boxing") == "ban boxing"
    assert stance.topic_direction("We should ban whaling") == -1
    assert stance.topic_direction("Should cities introduce congestion pricing?") == 1
    assert stance.topic_direction("Cities should not introduce congestion pricing") == -1


def test_relevance_ranks_an_argument_of_the_topic_above_one_of_another_topic() -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))["examples"]
    by_topic: dict[str, list[str]] = {}
    for e in sample:
        by_topic.setdefault(e["topic"], []).append(e["argument"])
    topics = sorted(t for t, arguments in by_topic.items() if len(arguments) >= 3)
    wins = total = 0
    for k, topic in enumerate(topics):
        other = topics[(k + 1) % len(topics)]
        own = relevance.relevance(topic, by_topic[topic][:3])
        foreign = relevance.relevance(topic, by_topic[other][:3])
        wins += int(np.sum(own[:, None] > foreign[None, :]))
        total += own.size * foreign.size
    assert wins / total >= 0.75, wins / total
    assert 0 < relevance.scale().threshold < 1


def test_actors_found_in_a_text_on_any_subject() -> None:
    text = (FIXTURES / "actors.txt").read_text(encoding="utf-8")
    graph = parse_document(text, source=SourceMeta(filename="actors.txt"))
    kinds = {a.name: a.kind for a in graph.actors}
    assert kinds.get("Centre for Urban Mobility") is ActorKind.ORGANISATION  # acronym defined in the text
    assert kinds.get("Maria Santos") is ActorKind.PERSON  # reporting verb
    assert kinds.get("Lena Vogel") is ActorKind.PERSON  # title
    assert kinds.get("Sweden") is ActorKind.STATE and kinds.get("Norway") is ActorKind.STATE  # demonyms
    assert kinds.get("Oslo Accord on Clean Transport") is ActorKind.ACCORD
    by_name = {a.name: a.id for a in graph.actors}
    mentioned = {m.actor_id for m in graph.mentions}
    assert by_name["Maria Santos"] in mentioned
    # "Santos" alone, later on, is the same person; "CUM" is the centre
    later = next(s for s in graph.statements if "Santos" in s.text and "Maria" not in s.text)
    assert by_name["Maria Santos"] in {m.actor_id for m in graph.mentions if m.statement_id == later.id}
    cum = next(s for s in graph.statements if "CUM" in s.text and "Centre" not in s.text)
    assert by_name["Centre for Urban Mobility"] in {m.actor_id for m in graph.mentions if m.statement_id == cum.id}


def test_actors_of_a_documents_statements_from_one_scan_are_each_ones_own() -> None:
    """``Gazetteer.actors_each`` (the texts joined by NUL, one scan) gives each text's ``actors_in``: the statements
    of texts whose own gazetteer adds actors (two patterns), CDCP comments with the configured one, and texts whose
    mentions sit at their edges or would run into the next text."""
    from importers.actors import configured_gazetteer, document_gazetteer
    from importers.mining.corpora import read_cdcp
    from services.settings import PROJECT_ROOT

    checked = 0
    sources = [(FIXTURES / "actors.txt").read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    for source in sources:
        gazetteer = document_gazetteer(source, configured_gazetteer())
        # the document adds actors: the scan merges their pattern's matches with the configured aliases' patterns'
        assert len(gazetteer.patterns()) > len(configured_gazetteer().patterns())
        texts = [s.text for s in parse_document(source).statements]
        assert gazetteer.actors_each(texts) == [gazetteer.actors_in(t) for t in texts]
        checked += sum(map(bool, gazetteer.actors_each(texts)))
    gazetteer = configured_gazetteer()
    texts = [d.text for d in read_cdcp(PROJECT_ROOT / "corpora" / "cdcp" / "test")]
    texts += ["Mali", "Mali.", "France.", "Burkina", "Faso said", "Burkina Faso", "-Mali", "Mali-", "Mali.x", "",
              "the U.N.", "Niger\x00Mali", "Chad", " Chad ", "Mali's", "Mali’s army"]
    assert gazetteer.actors_each(texts) == [gazetteer.actors_in(t) for t in texts]
    assert gazetteer.actors_each([]) == []
    checked += sum(map(bool, gazetteer.actors_each(texts)))
    assert checked > 100  # the texts do mention actors


def test_stem_with_its_suffix_gate_is_the_plain_suffix_loop() -> None:
    """``terms.stem`` tests all its suffixes at once before its loop: the stems of the plain loop over the suffixes,
    for the words of CDCP comments and words at the suffixes' edges."""
    from graph import terms
    from importers.mining.corpora import read_cdcp
    from services.settings import PROJECT_ROOT

    def plain(word: str) -> str:
        for suffix in ("izations", "ization", "isation", "ations", "ation", "ments", "ment", "ings", "ing", "ies",
                       "ied", "ed", "es", "s", "ly"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]
        return word

    words = {w for d in read_cdcp(PROJECT_ROOT / "corpora" / "cdcp" / "test") for w in terms.words(d.text)}
    words |= {"", "s", "es", "ed", "ly", "ings", "bans", "banned", "banning", "abolition", "buses", "sizes", "xes",
              "fly", "ation", "nations", "stations", "moss", "jazz", "canning", "runnings"}
    assert [terms.stem.__wrapped__(w) for w in sorted(words)] == [plain(w) for w in sorted(words)]
    assert sum(plain(w) != w for w in words) > 100  # the words do get stemmed


def test_key_topics_of_a_document_are_its_recurring_phrases() -> None:
    text = (FIXTURES / "congestion-pricing-for.txt").read_text(encoding="utf-8")
    graph = parse_document(text)
    names = {t.name for t in graph.topics}
    assert "congestion pricing" in names
    assert not names & {"stockholm", "london"}  # proper names are actors, not topics
    used = {t.statement_id for t in graph.topic_tags if t.topic_id == "congestion-pricing"}
    assert used and all("congestion pricing" in graph.statement(s).text.lower() for s in used)


def test_a_gazetteer_file_extends_the_default(tmp_path: Path) -> None:
    extra = tmp_path / "transport.json"
    extra.write_text(json.dumps({"actors": [{"name": "Metro Riders Union", "kind": "organisation",
                                             "aliases": ["MRU"]}]}), encoding="utf-8")
    text = "Cities should introduce congestion pricing, because the MRU shows that buses then run faster."
    default = parse_document(text)
    assert "metro-riders-union" not in {a.id for a in default.actors}
    extended = parse_document(text, gazetteer=load_gazetteer((*DEFAULT_GAZETTEERS, extra)))
    assert "metro-riders-union" in {a.id for a in extended.actors}


@pytest.mark.parametrize(("content", "says"), [
    ('[{"name": "MRU", "kind": "organisation"}]', 'expected {"actors"'),
    ('{"actors": [{"name": "MRU", "kind": "union"}]}', "kind must be one of"),
    ('{"actors": [{"kind": "organisation"}]}', "actor 1 needs a name"),
    ("{not json", "not JSON"),
    (None, "No such file"),
], ids=["a-bare-list", "unknown-kind", "no-name", "not-json", "missing"])
def test_a_bad_gazetteer_file_is_a_clear_error_naming_it(tmp_path: Path, content: str | None, says: str) -> None:
    """ARGMAP_GAZETTEERS names these files: a mistake in one reads as one line, not a traceback."""
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=re.escape(str(bad)) + ".*" + re.escape(says)):
        load_gazetteer((bad,))


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    settings = isolated_settings(tmp_path)
    app = create_app(settings)
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as test_client:
        yield test_client


def _import(store: GraphStore, tmp_path: Path, name: str, author: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    result = importing.import_text(store, text, settings=isolated_settings(tmp_path),
                                   meta=SourceMeta(filename=name, authors=(author,)))
    return result.summary.document.id


@pytest.mark.parametrize("topic", ["Should cities introduce congestion pricing?", "congestion pricing",
                                   "Cities should introduce congestion pricing"])
def test_compare_two_opposite_texts_on_a_free_text_topic(client: TestClient, store: GraphStore, tmp_path: Path,
                                                         topic: str) -> None:
    pro = _import(store, tmp_path, "congestion-pricing-for.txt", "Maria Santos")
    con = _import(store, tmp_path, "congestion-pricing-against.txt", "Jane Doe")
    by_id = client.get("/compare", params={"a": pro, "b": con, "topic": topic})
    assert by_id.status_code == 200, by_id.text
    result = by_id.json()
    assert result["topic"]["name"] == topic
    assert (result["a"]["stance"], result["b"]["stance"]) == ("for", "against"), result["summary"]
    assert result["a"]["own"] and result["b"]["own"]
    by_author = client.get("/compare", params={"a": "Doe", "b": "Santos", "topic": topic}).json()
    assert (by_author["a"]["stance"], by_author["b"]["stance"]) == ("against", "for")
    if topic.endswith("?"):
        assert "answers yes" in result["summary"] and "answers no" in result["summary"]


def _graph(doc_id: str, authors: tuple[str, ...], speakers: list[str]) -> DocumentGraph:
    document = Document(id=doc_id, title=doc_id, authors=authors, publisher=None, published=None, importer="test",
                        sha256="", source="")
    statements = tuple(Statement(id=f"{doc_id}-{k}", document_id=doc_id, kind=StatementKind.QUOTE, text=f"said {k}",
                                 quote="", start=0, end=0, section=None, speaker=speaker, reported=True)
                       for k, speaker in enumerate(speakers))
    return DocumentGraph(document=document, statements=statements)


def test_a_surname_names_the_one_speaker_it_can_be_across_documents() -> None:
    a = Side("a", (_graph("doc-a", ("Jane Doe",), ["Maria Santos", "Lena Vogel"]),))
    b = Side("b", (_graph("doc-b", ("John Roe",), ["Santos", "Vogel", "Smith", "Doe"]),))
    names = speaker_names(a, b)
    assert names == {"Santos": "Maria Santos", "Vogel": "Lena Vogel", "Doe": "Jane Doe"}


def test_sentences_no_statement_covers_are_the_authors_own() -> None:
    text = (FIXTURES / "congestion-pricing-against.txt").read_text(encoding="utf-8")
    graph = parse_document(text)
    extra = topic_stance.unmapped_sentences(graph)
    covered = [(s.start, s.end) for s in graph.statements]
    for sentence in extra:
        assert not any(a < sentence.end and sentence.start < b for a, b in covered)
        assert graph.document.source[sentence.start:sentence.end].strip().startswith(sentence.text[:20])
        assert not sentence.reported


def test_alignment_threshold_is_the_one_calibrated_on_argkp() -> None:
    """graph/compare.py's threshold is the calibration's (make calibrate-alignment), not a number picked by hand,
    and the calibration's held-out precision beats aligning every pair."""
    from graph import compare
    from services.settings import PROJECT_ROOT

    calibration = json.loads((PROJECT_ROOT / "graph" / "models" / "alignment.json").read_text(encoding="utf-8"))
    assert calibration["threshold"] == compare.ALIGN_THRESHOLD
    test = calibration["test"]
    assert test["combined_score"]["precision"] > test["baseline_every_pair_aligned"]["precision"]


def test_map_polarity_is_the_parity_of_attacks_on_the_shortest_path() -> None:
    relations = [Relation("b", "a", RelationType.SUPPORTS), Relation("c", "a", RelationType.ATTACKS),
                 Relation("d", "c", RelationType.SUPPORTS), Relation("e", "c", RelationType.ATTACKS),
                 Relation("c", "b", RelationType.SUPPORTS),  # an analyst's second path: the shorter one decides
                 Relation("f", "x", RelationType.SUPPORTS), Relation("g", "a", RelationType.QUOTES)]
    assert map_polarity(relations, "a") == {"a": 1, "b": 1, "c": -1, "d": -1, "e": 1}


def _argument(relations: tuple[Relation, ...]) -> Side:
    texts = {"thesis": "Cities should introduce congestion pricing.",
             "reason": "Without congestion pricing, drivers waste hours stuck in jams every weekday.",
             "objection": "Critics of congestion pricing say it hurts poorer commuters."}
    source = " ".join(texts.values())
    document = Document(id="doc-map", title="Charging drivers", authors=("Ann Lee",), publisher=None, published=None,
                        importer="test", sha256="", source=source)
    statements = tuple(Statement(id=key, document_id="doc-map", kind=StatementKind.THESIS if key == "thesis" else
                                 StatementKind.CLAIM, text=text, quote=text, start=source.index(text),
                                 end=source.index(text) + len(text), section=None, speaker="Ann Lee")
                       for key, text in texts.items())
    return Side("Ann Lee", (DocumentGraph(document=document, statements=statements, relations=relations),))


def test_a_statements_stance_in_a_comparison_follows_the_map_under_the_sides_lead() -> None:
    """The stance model reads the reason's wording ("without", "waste") as against the charge and finds no side in
    the objection; under the thesis, what supports it shares its stance and what attacks it opposes it."""
    topic = topic_stance.free_topic("congestion pricing")
    unlinked = {t.statement.id: t.stance for t in position(_argument(()), topic, free=True)[0].own}
    assert unlinked == {"thesis": 1, "reason": -1, "objection": 0}
    mapped = _argument((Relation("reason", "thesis", RelationType.SUPPORTS),
                        Relation("objection", "thesis", RelationType.ATTACKS)))
    assert {t.statement.id: t.stance for t in position(mapped, topic, free=True)[0].own} == \
        {"thesis": 1, "reason": 1, "objection": -1}


def test_source_tokens_from_the_statements_are_the_plain_scan() -> None:
    """``key_topics._source_tokens`` (the statements' own tokens where a statement is its span of the source cut at
    blanks, the rest scanned anew) is ``_TOKEN.findall`` of the whole source: every parse of the short texts, the
    seeds with each importer, and statements whose spans cut a word, overlap, leave gaps or differ from the source;
    no blank character of Unicode is part of a token."""
    from importers import key_topics as K

    texts = [d["text"] for f in sorted(Path("corpora/argmap-short").glob("dev*.json"))
             for d in json.loads(f.read_text())["documents"]]
    seeds = [p.read_text() for p in sorted(Path("seeds").glob("*.txt"))]
    graphs = [parse_document(t) for t in texts[:120]]
    graphs += [parse_document(s, importer=imp) for s in seeds for imp in ("csis_brief", "oped", "generic")]
    reused = 0
    for graph in graphs:
        source = graph.document.source
        statements = list(graph.statements)
        tokens = [K._TOKEN.findall(s.text) for s in statements]
        assert K._source_tokens(source, statements, tokens) == K._TOKEN.findall(source)
        reused += sum(source[s.start:s.end] == s.text for s in statements)
    assert reused > 1000  # the fast path is taken
    source = "Kenya’s plan—and al-Shabaab’s: “Peace” talks, 3Rd time.  Mr.\tOdinga\u00a0spoke\u2003again; Q: why?\nEnd"
    spans = [(0, 5), (0, 11), (5, 20), (12, 25), (19, 40), (26, 33), (34, 60), (58, 70), (61, 75), (70, len(source)),
              (len(source) - 3, len(source)), (40, 40)]
    for mask in range(1, 1 << len(spans)):
        chosen = [spans[k] for k in range(len(spans)) if mask >> k & 1]
        statements = [Statement(f"s{k}", "doc", StatementKind.CLAIM, source[a:b] if k % 3 else source[a:b].upper(),
                                source[a:b], a, b, None, "") for k, (a, b) in enumerate(chosen)]
        tokens = [K._TOKEN.findall(s.text) for s in statements]
        assert K._source_tokens(source, statements, tokens) == K._TOKEN.findall(source), chosen
    blanks = [c for c in map(chr, range(0x110000)) if c.isspace()]
    assert not [c for c in blanks if K._TOKEN.search(c) or re.fullmatch(r"[\w'’-]", c)]


def _key_topics_plain(graph: DocumentGraph) -> list[tuple[object, list[str]]]:
    """``key_topics`` as first written: the source scanned for names on its own, each statement's phrases from its
    text, every phrase tested for a kept key in Python."""
    from collections import Counter, defaultdict

    from graph import terms
    from graph.model import Topic, slug
    from importers import key_topics as K

    statements = [s for s in graph.statements if s.kind is not StatementKind.QUESTION]
    names = K.proper_names(graph.document.source)
    runs = [K._phrase_runs(statement.text, names) for statement in statements]
    used = [(statement.id, set(keys)) for statement, (_, keys) in zip(statements, runs, strict=True)]
    counts = Counter(phrase for phrases, _ in runs for phrase in phrases)
    key_of = {phrase: key for phrases, keys in runs for phrase, key in zip(phrases, keys, strict=True)}
    users = Counter(key for _, keys in used for key in keys)
    least = 2 if len(statements) >= 4 else 1
    surfaces: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for phrase, key in key_of.items():
        if users[key] >= least:
            surfaces[key].append(phrase)
    scored = sorted(((users[key] * (sum(terms.idf(t) for t in key) / len(key)) * len(key), key) for key in surfaces),
                    key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[object, list[str]]] = []
    taken: set[str] = set()
    for _, key in scored:
        if taken & set(key):
            continue
        name = " ".join(max(surfaces[key], key=counts.__getitem__))
        topic_id = slug(name)
        if not topic_id or topic_id in K.NAMED_TOPICS or topic_id.rstrip("s") in K.NAMED_TOPICS:
            continue
        taken |= set(key)
        chosen.append((Topic(topic_id, name), sorted(sid for sid, keys in used if key in keys)))
        if len(chosen) == K.MAX_KEY_TOPICS:
            break
    return chosen


def test_key_topics_are_the_plain_definition() -> None:
    """``key_topics`` (names from the statements' tokens, the kept keys' phrases picked out in C) chooses what the
    plain definition chooses: the seeds with each importer and the short texts."""
    from importers import key_topics as K

    seeds = [p.read_text() for p in sorted(Path("seeds").glob("*.txt"))]
    texts = [d["text"] for f in sorted(Path("corpora/argmap-short").glob("dev*.json"))
             for d in json.loads(f.read_text())["documents"]]
    graphs = [parse_document(s, importer=imp) for s in seeds for imp in ("csis_brief", "oped", "generic")]
    graphs += [parse_document(t) for t in texts[:150]]
    chosen = 0
    for graph in graphs:
        assert K.key_topics(graph) == _key_topics_plain(graph)
        chosen += len(K.key_topics(graph))
    assert chosen > 100
