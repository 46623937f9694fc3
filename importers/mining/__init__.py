"""Argument mining: units with exact offsets (``units``), features (``features``, ``markers``),
learned linear models (``model``, trained by ``train`` on CDCP), the globally decoded pipeline
(``pipeline``) and its evaluation (``evaluate``, ``argmap eval``).

``mine_text`` is the one entry the prose importers and the evaluation share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from importers.mining.model import Models
from importers.mining.pipeline import ATTACKS, GLOBAL_LIMIT, SUPPORTS, Mined, mine
from importers.mining.roles import Roles
from importers.mining.theses import enumerated
from importers.mining.units import Unit, segment
from importers.mining.voices import Voices
from importers.structure import DOCUMENT_KIND_TITLE, Block, apparatus, bio_blocks, blocks, is_furniture

_LABEL_WORDS = 4  # a first line of at most this many words, without sentence punctuation, is a label


@dataclass(frozen=True)
class MinedText:
    units: list[Unit]
    mined: Mined

    def quote(self, source: str, i: int) -> str:
        return source[self.units[i].start:self.units[i].end]


def body_blocks(source: str, found: list[Block] | None = None) -> list[Block]:
    """The blocks that carry the argument: not headings, author bios, furniture, the apparatus (a pull quote, a
    letter's sign-off, notes), nor a short first
    line without sentence punctuation (a label such as "Remote work" names the text; a headline that
    states something, "Congestion pricing would make our city work", is kept as a unit)."""
    found = blocks(source) if found is None else found
    bios = {b.start for b, _ in bio_blocks(source, found)}
    # a pull quote repeating the text, a letter's sign-off, a notes section: as the importers drop them (``apparatus``)
    bios |= apparatus(source, found)
    body = [b for b in found if b.kind != "heading" and b.start not in bios and not is_furniture(b.text)]
    # nor a first line naming the document's kind ("Response of X to the consultation ...", 'Transcript: "Is ...?"')
    if (len(body) > 1 and body[0] is found[0] and "\n" not in body[0].text
            and ((body[0].text[-1:] not in ".!?:;”\"" and len(body[0].text.split()) <= _LABEL_WORDS)
                 or DOCUMENT_KIND_TITLE.match(body[0].text))):
        body = body[1:]
    return body


def list_items(body: list[Block]) -> dict[int, int]:
    """{number of a block that is an item of a bulleted or numbered list: the list's number}: a run of bullet blocks
    is one list, and so are the paragraphs of one enumeration ("First, ...", "Second, ...": ``theses.enumerated``)."""
    out: dict[int, int] = {}
    lists = 0
    for number, block in enumerate(body):
        if block.kind == "bullet":
            if number == 0 or body[number - 1].kind != "bullet":
                lists += 1
            out[number] = lists
    # paragraphs enumerated "First, ... Second, ... Finally, ..." are one list too: parallel points, coordinate
    for number, enumeration in enumerated([b.text[b.content_start - b.start:][:40] if b.kind == "paragraph" else ""
                                           for b in body]).items():
        out.setdefault(number, lists + enumeration)
    return out


def mine_text(source: str, body: list[Block] | None = None, *, title: str | None = None,
              external_root: bool = False, lead_blocks: set[int] | None = None,
              attack_root: bool = False, voices: Voices | None = None, rules: bool = False,
              models: Models | None = None, roles: Roles | None = None, mapped_roles: bool = False,
              central_as_thesis: bool = True, units: list[Unit] | None = None,
              proposals: set[int] | None = None, asked: set[int] | None = None,
              authors: Sequence[str] = ()) -> MinedText:
    """Segment ``body`` (default: ``body_blocks(source)``) into units, unless the caller has (``units``), and
    mine them; the first unit of each block numbered in ``lead_blocks`` (a bullet's lead sentence) is its
    paragraph's root; a unit of one item of a list never backs another item of that list (``list_items``), nor one
    of a paragraph numbered in ``proposals`` (recommendations set out as paragraphs) another such paragraph, whose
    lead backs the root. A block numbered in ``asked`` (an explainer's "Q:") is answered by the first unit of the
    block after it. ``authors``: the text's authors (``mine``: an institution's view under its own name is theirs)."""
    body = body_blocks(source) if body is None else body
    if units is None:
        units = segment(source, body)
    texts = [source[u.start:u.end] for u in units]
    leads = {i for i, u in enumerate(units) if lead_blocks and u.block in lead_blocks
             and (i == 0 or units[i - 1].block != u.block)}
    answers = {i: i - 1 for i, u in enumerate(units) if asked and i > 0 and units[i - 1].block in asked
               and u.block == units[i - 1].block + 1 and u.block not in asked}
    return MinedText(units, mine(texts, [u.block for u in units], title=title, external_root=external_root,
                                 leads=leads, attack_root=attack_root, voices=voices, rules=rules, models=models,
                                 roles=roles, mapped_roles=mapped_roles, central_as_thesis=central_as_thesis,
                                 lists=list_items(body), proposals=proposals, answers=answers, authors=authors))


def mine_spans(source: str, spans: list[tuple[int, int]], *, voices: Voices | None = None,
               rules: bool = False, models: Models | None = None, roles: Roles | None = None,
               mapped_roles: bool = False) -> Mined:
    """Mine given units (gold spans, e.g. for evaluation): one paragraph per blank-line-separated block."""
    texts = [source[s:e].strip() or source[s:e] for s, e in spans]
    return mine(texts, [source.count("\n\n", 0, s) for s, _ in spans], voices=voices, rules=rules, models=models,
                roles=roles, mapped_roles=mapped_roles)


__all__ = ["ATTACKS", "GLOBAL_LIMIT", "SUPPORTS", "Mined", "MinedText", "Unit", "body_blocks", "mine", "mine_spans",
           "mine_text"]
