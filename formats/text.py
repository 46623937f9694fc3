"""Bytes in, text out: the extracted text is what gets stored as the document source,
so every statement offset points into it.

Plain text and Markdown are kept as they are (headings included); HTML is reduced to
its text with block elements as line breaks and headings on their own lines; PDF gives
its text layer (pypdf). A UTF-8 BOM is dropped and line ends become ``\\n``.
"""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser

from graph.errors import InvalidInput

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html|<(?:p|div|h[1-6]|article)\b)",
                         re.IGNORECASE)
_BLOCK = frozenset(str.split("address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
                             "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul title td th"))
_HEADINGS = frozenset(str.split("h1 h2 h3 h4 h5 h6 title"))
_DROP = frozenset(str.split("script style noscript template head svg"))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.title_seen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP and tag != "head":
            self.dropping += 1
        elif tag in _HEADINGS or tag in ("p", "li", "blockquote", "section", "article", "div"):
            self.parts.append("\n\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP and tag != "head":
            self.dropping = max(0, self.dropping - 1)
        elif tag in _HEADINGS or tag in ("p", "li", "blockquote", "section", "article", "div"):
            self.parts.append("\n\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


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
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as error:  # html.parser is lenient; anything raised here is a broken document
        raise InvalidInput(f"unparseable HTML: {error}") from None
    text = "".join(parser.parts)
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
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise InvalidInput(f"unparseable PDF: {error}") from None
    except Exception as error:  # pypdf raises many kinds of errors on broken files
        raise InvalidInput(f"unparseable PDF: {type(error).__name__}: {error}") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InvalidInput("the PDF has no text layer (scanned images are not supported)")
    return text + "\n"


def kind_of(data: bytes, filename: str | None, content_type: str | None) -> str:
    """"pdf", "html", "markdown" or "text", from the content type, the file name, then the bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    name = (filename or "").lower()
    if ctype == "application/pdf" or name.endswith(".pdf") or data.startswith(b"%PDF-"):
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml") or name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if ctype == "text/markdown" or name.endswith((".md", ".markdown")):
        return "markdown"
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
    return text
