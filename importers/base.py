"""What every importer shares: source metadata, and a builder that keeps offsets exact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.errors import InvalidInput
from graph.model import (
    UNNAMED_VOICE,
    Actor,
    AttackMode,
    Document,
    DocumentGraph,
    Mention,
    Relation,
    RelationType,
    Statement,
    StatementKind,
    Topic,
    TopicTag,
    Verdict,
    document_id_from_sha256,
    sha256_hex,
    statement_id_for,
    unique,
)
from importers.regex_parts import ascii_twin


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What is known about a document besides its text (manifest, CLI flags, upload form).

    Empty fields are filled by the importer from the text itself when it can.
    """

    filename: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    url: str | None = None

    def check(self) -> None:
        """Refuse metadata that no reader could use and every listing would repeat (InvalidInput)."""
        if len(self.authors) > MAX_AUTHORS:
            raise InvalidInput(f"{len(self.authors)} authors; at most {MAX_AUTHORS} are accepted")
        for name in self.authors:
            if not name.strip():
                raise InvalidInput("an author name is empty")
            if len(name) > MAX_AUTHOR_CHARS:
                raise InvalidInput(f"an author name has {len(name)} characters; the limit is {MAX_AUTHOR_CHARS}")
        for label, value, limit in (("title", self.title, MAX_TITLE_CHARS),
                                    ("filename", self.filename, MAX_TITLE_CHARS),
                                    ("publisher", self.publisher, MAX_TITLE_CHARS),
                                    ("published", self.published, MAX_PUBLISHED_CHARS),
                                    ("url", self.url, MAX_URL_CHARS)):
            if value is not None and len(value) > limit:
                raise InvalidInput(f"the {label} has {len(value)} characters; the limit is {limit}")
        for value in (self.title, self.filename, self.publisher, self.published, self.url, *self.authors):
            if value is not None and not is_valid_unicode(value):
                raise InvalidInput("metadata contains a lone surrogate (not valid Unicode text)")


MAX_AUTHORS = 50
MAX_AUTHOR_CHARS = 200
MAX_TITLE_CHARS = 500
MAX_PUBLISHED_CHARS = 50
MAX_URL_CHARS = 2000


def is_valid_unicode(text: str) -> bool:
    """False for a string holding lone surrogates (JSON's "\\ud800", undecodable file names)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Footnote markers glued to the end of a word or sentence: "Operation Harbor.1", "Port Elm6",
# "soldiers.i", "prioritized.45". Only digits/roman numerals right after a letter or
# closing punctuation, so "G20 Summit", "2020" and "COVID-19" stay untouched.
# Digits may follow a letter ("Port Elm6"), roman numerals only punctuation ("soldiers.i"),
# and never a number's own separator ("5,100", "1.5 million", a time or ratio "8:30", "3:1").
FOOTNOTE_PLAIN = (
    r"(?:(?<=[a-z\.\;\:\)\"”’])(?<!\d[.,:])\d{1,3}|(?<=[\.\;\:\)\"”’])(?<!\d[.,])[ivx]{1,4})(?=\s|$|[A-Z—–])"
)
# FOOTNOTE_PLAIN with the marker's first character taken first and the look-behinds checked after it: a pattern
# opening with a character set lets the engine skip to digits and "i", "v", "x" instead of trying two
# look-behinds at every place (the same matches, tested; ~3.5x faster)
_FOOTNOTE = re.compile(
    r"[\divx](?:(?<=[a-z\.\;\:\)\"”’]\d)(?<!\d[.,:]\d)\d{0,2}|(?<=[\.\;\:\)\"”’][ivx])(?<!\d[.,][ivx])[ivx]{0,3})"
    r"(?=\s|$|[A-Z—–])"
)
# Cheap necessary conditions for a footnote (a digit, or a roman numeral after punctuation):
# most sentences have neither, and the lookbehinds of _FOOTNOTE are tried at every position.
_DIGIT = re.compile(r"\d")
_DIGIT_A = ascii_twin(_DIGIT)  # an ASCII text's: a table test per character, not Unicode's database
_ROMAN_AFTER_PUNCTUATION = re.compile(r"[\.\;\:\)\"”’][ivx]")


def _may_have_footnote(quote: str) -> bool:
    return ((_DIGIT_A if quote.isascii() else _DIGIT).search(quote) is not None
            or _ROMAN_AFTER_PUNCTUATION.search(quote) is not None)


def has_footnote(quote: str) -> bool:
    """True when ``quote`` carries a footnote marker: in a brief, the sentence cites a source."""
    return _may_have_footnote(quote) and _FOOTNOTE.search(quote) is not None


# markdown emphasis pasted with the text: "**bold**" markers anywhere (a bold run may span units, so a unit can
# hold one of the pair), "*italic*" / "_italic_" only as a pair around words (not snake_case, not 2 * 3, not
# CDCP's "__URL__" placeholders)
_STRONG_MARKER = re.compile(r"\*{2,}")
_EMPHASIS_PAIR = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")


# markdown pasted with the text: a link shows its words ("[the report](https://...)" -> "the report"), an image
# nothing, and a block quote's "> " marks at line starts go
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")  # a Markdown footnote reference: "rose sharply.[^3]"
_QUOTE_MARKER = re.compile(r"(?m)^[ \t]*>[ \t]?")


def clean_text(quote: str) -> str:
    """Display text for a quote: footnote markers, markdown emphasis, link targets and block-quote marks dropped,
    whitespace collapsed."""
    return cleaned(quote)[0]


def cleaned(quote: str) -> tuple[str, bool]:
    """``clean_text(quote)``, and whether no mark was dropped (the text is ``" ".join(quote.split())``: the caller
    need not collapse the quote's blanks again to find out)."""
    original = quote
    if "](" in quote:
        quote = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", quote))
    if "[^" in quote:
        quote = _MD_FOOTNOTE.sub("", quote)
    if ">" in quote:
        quote = _QUOTE_MARKER.sub("", quote)
    if _may_have_footnote(quote):
        quote = _FOOTNOTE.sub("", quote)
    if "*" in quote or "_" in quote:
        quote = _EMPHASIS_PAIR.sub(r"\2", _STRONG_MARKER.sub("", quote))
    return " ".join(quote.split()), quote == original  # str.split() splits at the characters \s matches, and strips


@dataclass
class GraphBuilder:
    """Collects statements and relations for one document; ``build()`` validates them."""

    source: str
    title: str
    authors: tuple[str, ...]
    importer: str
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    statements: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    topic_tags: list[TopicTag] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    _by_id: dict[str, Statement] = field(default_factory=dict, repr=False)
    _sha256: str = field(default="", repr=False)
    _document_id: str = field(default="", repr=False)

    @property
    def sha256(self) -> str:
        """The source's ``sha256_hex``, hashed once (a 20 MB source once per statement would be quadratic)."""
        if not self._sha256:
            self._sha256 = sha256_hex(self.source)
        return self._sha256

    @property
    def document_id(self) -> str:
        if not self._document_id:
            self._document_id = document_id_from_sha256(self.sha256)
        return self._document_id

    def add(
        self,
        kind: StatementKind,
        start: int,
        end: int,
        *,
        section: str | None = None,
        text: str | None = None,
        speaker: str | None = None,
        verdict: Verdict | None = None,
    ) -> Statement:
        """Add the statement over ``source[start:end]`` (trimmed of surrounding blanks).

        Adding the same kind and span twice returns the existing statement.
        """
        while start < end and self.source[start].isspace():
            start += 1
        while end > start and self.source[end - 1].isspace():
            end -= 1
        quote = self.source[start:end]
        statement_id = statement_id_for(self.document_id, kind, start, end)
        existing = self._by_id.get(statement_id)
        if existing is not None:
            return existing
        reported = bool(speaker) and speaker not in self.authors  # UNNAMED_VOICE ("") is nobody's
        if reported and speaker not in self.persons:
            self.persons.append(speaker)  # type: ignore[arg-type]
        statement = Statement(
            id=statement_id,
            document_id=self.document_id,
            kind=kind,
            text=text if text is not None else clean_text(quote),
            quote=quote,
            start=start,
            end=end,
            section=section,
            # one of several authors speaking alone (a debate's side) is that author; the authors' joint voice else
            speaker=(speaker if speaker is not None and (reported or speaker == UNNAMED_VOICE
                                                         or (len(self.authors) > 1 and speaker in self.authors))
                     else (", ".join(self.authors) or "unknown author")),
            verdict=verdict,
            reported=reported,
        )
        self.statements.append(statement)
        self._by_id[statement_id] = statement
        return statement

    def supports(self, source: Statement, target: Statement) -> None:
        if source.id != target.id:
            self.relations.append(Relation(source.id, target.id, RelationType.SUPPORTS))

    def attacks(self, source: Statement, target: Statement, mode: AttackMode | None = None) -> None:
        if source.id != target.id:
            self.relations.append(Relation(source.id, target.id, RelationType.ATTACKS, mode))

    def mention(self, statement: Statement, actor: Actor) -> None:
        self.actors.setdefault(actor.id, actor)
        self.mentions.append(Mention(statement.id, actor.id))

    def tag(self, statement: Statement, topic: Topic, stance: int) -> None:
        self.topics.setdefault(topic.id, topic)
        self.topic_tags.append(TopicTag(statement.id, topic.id, stance))

    def build(self) -> DocumentGraph:
        document = Document(
            id=self.document_id,
            title=self.title,
            authors=self.authors,
            publisher=self.publisher,
            published=self.published,
            importer=self.importer,
            sha256=self.sha256,
            source=self.source,
            url=self.url,
        )
        graph = DocumentGraph(
            document=document,
            statements=tuple(sorted(self.statements, key=lambda s: (s.start, s.end, s.kind.value))),
            relations=unique(self.relations),
            actors=tuple(self.actors.values()),
            topics=tuple(self.topics.values()),
            mentions=tuple(dict.fromkeys(self.mentions)),
            topic_tags=tuple({(t.statement_id, t.topic_id): t for t in self.topic_tags}.values()),
            persons=tuple(self.persons),
        )
        return graph.validate()
