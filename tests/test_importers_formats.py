"""formats.text.extract_text: text, Markdown, HTML, PDF and the inputs it must refuse."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from formats.text import extract_text
from graph.errors import InvalidInput
from graph.model import StatementKind, canonical_text
from importers import parse_document
from tests.pdf_writer import multi_page_pdf


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF with a text layer."""
    return multi_page_pdf([lines])


def test_plain_text_bom_and_crlf() -> None:
    assert extract_text("\ufeffTitle\r\n\r\nBody line.\r\n".encode()) == "Title\n\nBody line.\n"


def test_markdown_kept_as_text_with_headings() -> None:
    data = b"# Why Cities Should Tax Land\n\nCities should tax land. Because it is efficient.\n"
    text = extract_text(data, filename="essay.md")
    assert text == data.decode()
    graph = parse_document(text)
    assert graph.document.title == "Why Cities Should Tax Land"
    assert all(text[s.start : s.end] == s.quote for s in graph.statements)


def test_html_scripts_dropped_headings_kept_entities_unescaped() -> None:
    html = (b"<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>"
            b"<script>var secret = 'do not show';</script></head><body>"
            b"<h1>France Should Talk</h1><p>First &amp; foremost, talks <b>work</b>.</p>"
            b"<ul><li>One point</li><li>Another</li></ul><h2>Second Heading</h2><p>Last.</p></body></html>")
    text = extract_text(html, content_type="text/html; charset=utf-8")
    assert "secret" not in text and "color:red" not in text
    assert "First & foremost, talks work." in text
    lines = text.splitlines()
    assert "France Should Talk" in lines and "Second Heading" in lines and "- One point" in lines
    graph = parse_document(text)
    assert all(text[s.start : s.end] == s.quote for s in graph.statements)


def test_html_sniffed_without_name_or_type() -> None:
    assert extract_text(b"<html><body><p>Hello there.</p></body></html>") == "Hello there.\n"


def test_pdf_text_layer() -> None:
    pdf = tiny_pdf(["Mali Should Negotiate", "France should pause its operations."])
    text = extract_text(pdf, filename="brief.pdf")
    assert "Mali Should Negotiate" in text and "France should pause its operations." in text
    graph = parse_document(text)
    assert any(s.kind is StatementKind.RECOMMENDATION or s.kind is StatementKind.THESIS for s in graph.statements)


def test_pdf_detected_by_magic_bytes() -> None:
    assert "Hello PDF" in extract_text(tiny_pdf(["Hello PDF"]))


@pytest.mark.parametrize(("data", "kwargs", "message"), [
    (b"", {}, "empty"),
    (b"  \n\t ", {}, "empty"),
    (b"abc\xff\xfedef", {}, "not valid UTF-8 at byte 3"),
    (b"x" * 1234 + b"\xc3(", {}, "not valid UTF-8 at byte 1234"),
    (b"text\x00with\x00nul", {}, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", {"filename": "image.png", "content_type": "image/png"}, "unsupported content type"),
    (b"%PDF-1.4\nthis is not really a pdf", {}, "PDF"),
    (tiny_pdf([]), {}, "no text layer"),
    (b"<html><script>only()</script></html>", {"content_type": "text/html"}, "no text"),
])
def test_rejected_inputs(data: bytes, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        extract_text(data, **kwargs)


@pytest.mark.parametrize("variant", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace("\n", "\r"),
    lambda t: "\n".join(line + "  " for line in t.split("\n")),
    lambda t: "\n\n" + t + "\n\n\n",
    lambda t: "\ufeff" + unicodedata.normalize("NFD", t),
], ids=["crlf", "cr", "trailing-spaces", "blank-ends", "bom-nfd"])
def test_text_that_differs_only_in_form_parses_to_the_same_document(variant: Callable[[str], str]) -> None:
    text = "Mali should talk.\n\nCôte d’Ivoire agrees, because talks work.\n"
    assert variant(text) != text
    canonical = parse_document(text)
    same = parse_document(variant(text))
    assert same.document.id == canonical.document.id
    assert same.document.source == canonical_text(text) == text.rstrip("\n")
    assert same.normalized() == canonical.normalized()
    # Inner spacing and wording are content: they still make a different document.
    assert parse_document(text.replace("talk.", "talk. ")).document.id == canonical.document.id
    assert parse_document(text.replace("should talk", "should  talk")).document.id != canonical.document.id
