"""Bytes in, text out: the extracted text is what gets stored as the document source,
so every statement offset points into it.

Plain text and Markdown are kept as they are (headings included); HTML is reduced to
its text with block elements as line breaks and headings on their own lines; PDF gives
its text layer (pypdf). A UTF-8 BOM is dropped and line ends become ``\\n``.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

from graph.errors import InvalidInput

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html|<(?:p|div|h[1-6]|article)\b)",
                         re.IGNORECASE)
_BLOCK = frozenset(str.split("address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
                             "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul title td th"))
_HEADINGS = frozenset(str.split("h1 h2 h3 h4 h5 h6 title"))
_DROP = frozenset(str.split("script style noscript template head svg"))


_VOID = frozenset(str.split("area base br col embed hr img input link meta param source track wbr"))
_PARAGRAPH_LIKE = frozenset(str.split("p li blockquote section article div main"))
# a page's furniture, dropped with everything inside it: navigation, sidebars, footers, forms and buttons, image
# captions; elements whose role, class or id names a menu, a cookie notice, share buttons, related links, comments,
# a newsletter sign-up or an advertisement
_FURNITURE_TAGS = frozenset(str.split("nav aside footer form button figcaption select iframe dialog menu"))
_FURNITURE_ROLES = frozenset(str.split("navigation banner contentinfo complementary search dialog alertdialog menu"))
_FURNITURE_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|cookies?|consent|gdpr|share|sharing|social|related|newsletter|comments?|"
    r"promo|advert|advertisement|ads?|sponsor(?:ed)?|subscribe|subscription|signup|breadcrumbs?|popup|modal|"
    r"paywall|recirc|recommended|more-stories|tags|skip-link|sr-only|visually-hidden)(?:$|[-_\s])",
    re.IGNORECASE)


_SELF_CLOSING = frozenset(str.split("p li dt dd tr td th option"))
_CLOSES_P = frozenset(str.split("p div ul ol dl table h1 h2 h3 h4 h5 h6 blockquote section article header footer "
                                "nav aside form pre figure hr address main"))


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent


class _TreeBuilder(HTMLParser):
    """A lenient element tree: an end tag closes the nearest open element of its name (unclosed ones with it);
    a stray end tag is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # an element HTML closes implicitly: "<p>one<p>two", "<li>a<li>b", a block after an open paragraph
        if self.current.parent is not None and (tag == self.current.tag in _SELF_CLOSING
                                                or (self.current.tag == "p" and tag in _CLOSES_P)):
            self.current = self.current.parent
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def _is_page_furniture(node: _Node) -> bool:
    if node.tag in _DROP or node.tag in _FURNITURE_TAGS:
        return True
    attrs = node.attrs
    if attrs.get("role", "").lower() in _FURNITURE_ROLES or attrs.get("aria-hidden") == "true" or "hidden" in attrs:
        return True
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}".strip()
    if names and _FURNITURE_NAME.search(names):
        return True
    # a site header holds the logo and the menu; an article's own header holds its headline and byline
    return node.tag == "header" and _find(node, lambda n: n.tag == "nav") is not None


def _find(node: _Node, wanted: Callable[[_Node], bool]) -> _Node | None:
    stack = [node]
    while stack:
        current = stack.pop()
        if current is not node and wanted(current):
            return current
        stack.extend(reversed([c for c in current.children if isinstance(c, _Node)]))
    return None


def _text_length(node: _Node) -> int:
    total = 0
    stack: list[_Node | str] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            total += len(current.strip())
        elif current.tag not in _DROP:
            stack.extend(current.children)
    return total


def _content_root(root: _Node) -> _Node:
    """The article a page is about: its longest <article>, else its <main>, else the whole page."""
    articles: list[_Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not root and _is_page_furniture(node):
            continue
        if node.tag == "article":
            articles.append(node)
            continue
        stack.extend(c for c in node.children if isinstance(c, _Node))
    if articles:
        return max(articles, key=_text_length)
    main = _find(root, lambda n: n.tag == "main" or n.attrs.get("role", "").lower() == "main")
    return main if main is not None else root


_CELL_BLOCKS = frozenset(str.split("p div table ul ol h1 h2 h3 h4 h5 h6 blockquote section article"))


def _flat_text(node: _Node) -> str:
    words: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            words.append(current)
        elif not _is_page_furniture(current):
            stack.extend(reversed(current.children))
    return " ".join(" ".join(words).split())


def _data_table(table: _Node) -> list[str] | None:
    """A data table as its caption, then one Markdown row per table row ("| Gas boiler | £1,050 |"), so that the
    importers see one table, not a paragraph per cell; None for a layout table (a cell holding paragraphs)."""
    if _find(table, lambda n: n.tag in _CELL_BLOCKS) is not None:
        return None
    caption = _find(table, lambda n: n.tag == "caption")
    lines = [_flat_text(caption), ""] if caption is not None else []
    row_nodes: list[_Node] = []
    stack = [table]
    while stack:
        current = stack.pop()
        if current.tag == "tr":
            row_nodes.append(current)
        else:
            stack.extend(reversed([c for c in current.children if isinstance(c, _Node)]))
    for row in row_nodes:
        cells = [_flat_text(c) for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _list_marker(item: _Node) -> str:
    """"- " for an item of a bulleted list, "3. " for the third of a numbered one (its ``start`` counted)."""
    parent = item.parent
    if parent is None or parent.tag != "ol":
        return "- "
    start = parent.attrs.get("start", "1")
    before = sum(1 for child in parent.children[:parent.children.index(item)]
                 if isinstance(child, _Node) and child.tag == "li")
    return f"{(int(start) if start.isdigit() else 1) + before}. "


def _render(scope: _Node, parts: list[str], from_heading: _Node | None) -> None:
    """The text of ``scope`` without its furniture; with ``from_heading``, only from that heading on. Walked with
    an explicit stack: a page may nest elements thousands deep (unclosed tags), deeper than Python's recursion."""
    started = from_heading is None
    quote_depth = 0
    stack: list[tuple[bool, _Node | str]] = [(False, scope)]  # (leaving, node or text)
    while stack:
        leaving, item = stack.pop()
        if isinstance(item, str):
            if started:
                if quote_depth and item.strip() and parts and parts[-1].endswith("\n"):
                    parts.append("> ")  # a block quote keeps its mark, as Markdown writes it
                parts.append(re.sub(r"[ \t\r\n]+", " ", item))
            continue
        node, tag = item, item.tag
        block = tag in _HEADINGS or tag in _PARAGRAPH_LIKE
        if leaving:
            if tag == "blockquote":
                quote_depth -= 1
            if started:
                if block:
                    parts.append("\n\n")
                elif tag in _BLOCK and tag not in _VOID:
                    parts.append("\n")
            continue
        if node is from_heading:
            started = True
        if node is not scope and _is_page_furniture(node):
            continue
        if tag == "table" and started:
            rows = _data_table(node)
            if rows is not None:
                parts.append("\n\n" + "\n".join(rows) + "\n\n")
                continue
        if started:
            if block:
                parts.append("\n\n")
            elif tag in _BLOCK or tag == "hr":
                parts.append("\n")
            if tag == "li":
                parts.append(_list_marker(node))  # an item keeps its bullet or number, as Markdown writes it
        if tag == "blockquote":
            quote_depth += 1
        stack.append((True, node))
        stack.extend((False, child) for child in reversed(node.children))


def _normalise(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InvalidInput("binary data: the input contains NUL bytes")
    return text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"not valid UTF-8 at byte {error.start}: decode the file as UTF-8 first") from None


def html_to_text(markup: str) -> str:
    """The page's text: its article (or <main>, or the whole page) from the headline on, without navigation,
    menus, share buttons, cookie notices, related links, comments, forms and footers; the <title> only when
    the article has no <h1> of its own. Block elements end lines, headings stand on their own lines."""
    parser = _TreeBuilder()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as error:  # html.parser is lenient; anything raised here is a broken document
        raise InvalidInput(f"unparseable HTML: {error}") from None
    scope = _content_root(parser.root)
    headline = _find(scope, lambda n: n.tag == "h1")
    parts: list[str] = []
    if headline is None:
        title = _find(parser.root, lambda n: n.tag == "title")
        if title is not None:
            parts.append(" ".join(c for c in title.children if isinstance(c, str)) + "\n\n")
    _render(scope, parts, headline)
    text = "".join(parts)
    lines = [line.strip() for line in html.unescape(text).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise InvalidInput("the HTML document has no text")
    return text + "\n"


def pdf_to_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a declared dependency
        raise InvalidInput("PDF support needs the pypdf package") from None
    from formats.pdf_layout import PdfLine, layout_paragraphs, read_page

    try:
        reader = PdfReader(io.BytesIO(data))
        read = [read_page(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise InvalidInput(f"unparseable PDF: {error}") from None
    except Exception as error:  # pypdf raises many kinds of errors on broken files
        raise InvalidInput(f"unparseable PDF: {type(error).__name__}: {error}") from None
    text: str | None = None
    if read and all(lines is not None for _, lines in read):
        pages = [[PdfLine(line.text.translate(_LIGATURES), line.size, line.x, line.y, line.right,
                         line.opening) for line in lines or []]
                 for _, lines in read]
        text = layout_paragraphs(pages, _edge_furniture, _short_line_ends_block, _SENTENCE_END)
    if text is None:  # no font sizes or positions, or one size and one line spacing: read the line lengths
        text = _pdf_paragraphs([page_text for page_text, _ in read])
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise InvalidInput("the PDF has no text layer (scanned images are not supported)")
    return text + "\n"


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—\s]*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:][”\"’)\]]*(?:\d{1,3})?$")
_LIST_ITEM = re.compile(r"\d{1,2}[.)][ \t]+[A-Z“\"‘]")  # "2. Give councils ...": a numbered item opens a line
_EDGE_LINES = 2  # running headers and footers sit in the first and last lines of a page


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _edge_furniture(page_lines: list[list[str]]) -> list[set[int]]:
    """Per page, the numbers of its lines that are running headers and footers (the same line, digits aside,
    among the first or last lines of several pages) or bare page numbers."""
    edge_count: dict[str, int] = {}
    for lines in page_lines:
        for key in {_running_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}:
            edge_count[key] = edge_count.get(key, 0) + 1
    running = {key for key, count in edge_count.items() if count >= 2}
    dropped: list[set[int]] = []
    for lines in page_lines:
        edges = set(range(min(_EDGE_LINES, len(lines)))) | set(range(max(0, len(lines) - _EDGE_LINES), len(lines)))
        dropped.append({number for number in edges
                        if _running_key(lines[number]) in running or _PAGE_NUMBER.fullmatch(lines[number])})
    return dropped


def _short_line_ends_block(line: str, following: str, after: str, full: int) -> bool:
    """Whether a printed line ends its paragraph, read from line lengths alone (``full``: the length of the page's
    full lines; ``following`` and ``after``: the next two lines): a sentence ends before a numbered item; a line
    clearly shorter than the full ones that ends a sentence does; so does a sentence before a heading's short
    line, and a short line the next does not continue (a heading, a title, a label)."""
    if full < 40:
        return False
    if _SENTENCE_END.search(line) and (_LIST_ITEM.match(following) or (
            following and len(following) < 0.6 * full and not _SENTENCE_END.search(following)
            and following[-1:] not in ",;" and after[:1].isupper())):
        return True  # a sentence ends before a numbered item or a heading's short line
    if len(line) < 0.8 * full and _SENTENCE_END.search(line):
        return True  # a short line that ends a sentence ends its paragraph
    return len(line) < 0.6 * full and line[-1:] not in ",;" and (
        following[:1].isupper() or following[:1].isdigit() or following[:1] in "“\"‘•")


def _pdf_paragraphs(pages: list[str]) -> str:
    """A PDF's text layer as paragraphs, each on one line, read from line lengths (the fallback when the PDF gives
    no font sizes and positions to read): the text layer breaks every printed line and marks no paragraph, so a
    line clearly shorter than the page's full lines that ends a sentence ends its paragraph, and a short line the
    next does not continue stands alone (a heading); running headers and footers (the same line, digits aside, at
    the top or bottom of several pages) and bare page numbers go; ligature characters become their letters; a
    sentence running on over a page break stays one paragraph."""
    page_lines = [[line.strip() for line in page.translate(_LIGATURES).split("\n") if line.strip()] for page in pages]
    text = ""
    for lines, drop in zip(page_lines, _edge_furniture(page_lines), strict=True):
        kept = [line for number, line in enumerate(lines) if number not in drop]
        if not kept:
            continue
        lengths = sorted(len(line) for line in kept)
        full = lengths[int(len(lengths) * 0.75)] if len(lengths) >= 4 else max(lengths)
        page_text = ""
        for number, line in enumerate(kept):
            following = kept[number + 1] if number + 1 < len(kept) else ""
            after = kept[number + 2] if number + 2 < len(kept) else ""
            if _short_line_ends_block(line, following, after, full):
                page_text += line + "\n\n"
            elif line.endswith("-"):
                page_text += line  # "two-" + "thirds": the word goes on on the next line
            else:
                page_text += line + " "  # one printed line of a paragraph: the paragraph is one line of text
        page_text = page_text.strip()
        if text and not _SENTENCE_END.search(text) and page_text[:1].islower():
            text += " " + page_text  # the sentence goes on over the page break
        elif page_text:
            text += ("\n\n" if text else "") + page_text
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def kind_of(data: bytes, filename: str | None, content_type: str | None) -> str:
    """"pdf", "html", "markdown", "json" or "text", from the content type, the file name, then the bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    name = (filename or "").lower()
    if ctype == "application/pdf" or name.endswith(".pdf") or data.startswith(b"%PDF-"):
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml") or name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if ctype == "text/markdown" or name.endswith((".md", ".markdown")):
        return "markdown"
    if ctype == "application/json" or name.endswith(".json"):
        return "json"
    if ctype and not (ctype.startswith("text/") or ctype in ("application/octet-stream", "application/json")):
        raise InvalidInput(f"unsupported content type {ctype!r}: send text, Markdown, HTML or PDF")
    if _HTML_SNIFF.match(data[:2048]):
        return "html"
    return "text"


def extract_text(data: bytes, *, filename: str | None = None, content_type: str | None = None) -> str:
    """The document text of ``data``; raises InvalidInput with a clear message otherwise."""
    if not data or not data.strip():
        raise InvalidInput("the document is empty")
    kind = kind_of(data, filename, content_type)
    if kind == "pdf":
        return _normalise(pdf_to_text(data))
    if b"\x00" in data:
        raise InvalidInput("binary data: the input contains NUL bytes (not a text, Markdown, HTML or PDF file)")
    text = _normalise(_decode(data))
    if kind == "html":
        return _normalise(html_to_text(text))
    if not text.strip():
        raise InvalidInput("the document is empty")
    if kind == "json":
        # Said to be JSON (an AIF export): broken JSON is refused, not imported as prose.
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
        except RecursionError as exc:
            raise InvalidInput("not valid JSON: nested too deeply") from exc
    return text
