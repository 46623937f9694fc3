"""Mining a text given as its sentences, for tests that state a case sentence by sentence."""

from __future__ import annotations

from importers.mining import mine_spans


def mine_sentences(sentences: list[str], text: str | None = None,
                   ) -> tuple[list[str], list[int | None], list[str | None], list[bool]]:
    """The kinds, parents, relation types and opponent flags the pipeline gives the sentences, in that order in
    ``text`` (by default the sentences joined by blanks)."""
    text = " ".join(sentences) if text is None else text
    spans, at = [], 0
    for sentence in sentences:
        start = text.index(sentence, at)
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    mined = mine_spans(text, spans)
    return mined.kinds, mined.parents, mined.relations, mined.opponent
