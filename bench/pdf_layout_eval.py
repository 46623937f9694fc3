"""How well a PDF's paragraphs and headings are read back: briefs assembled from the argmap-short dev texts (dev,
dev2, dev3; CC BY 4.0, corpora/argmap-short/README.md; none was used to set the PDF rules), printed by Debian's
chromium in three typesettings, read by the layout reader (formats/pdf_layout.py), by the line-length reader it
falls back to (formats.text._pdf_paragraphs) and by a trivial baseline (every printed line a block). Scores: the
blocks (title, headings, paragraphs) read back exactly, as precision / recall / F1 over the blocks the HTML wrote.

    python -m bench.pdf_layout_eval [--per-pdf 6] [--limit 0]    (make eval-pdf)
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "argmap-short"
FILES = ("dev.json", "dev2.json", "dev3.json")
# three typesettings none of the rules was written against: body size, line height, paragraph spacing and heading
# sizes all differ
STYLES = (
    'body { font-family: "Liberation Serif", serif; font-size: 10pt; line-height: 1.25; margin: 0 1.5cm; } '
    "h1 { font-size: 21pt; } h2 { font-size: 13pt; margin: 12pt 0 4pt; } p { margin: 0 0 6pt; }",
    'body { font-family: "Liberation Sans", sans-serif; font-size: 12pt; line-height: 1.5; margin: 0 2.5cm; } '
    "h1 { font-size: 18pt; } h2 { font-size: 14pt; } p { margin: 0 0 0.8em; text-align: justify; }",
    'body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; margin: 0 1cm; } '
    "h1 { font-size: 26pt; line-height: 1.1; } h2 { font-size: 1.3em; } p { margin: 0.3em 0 0.5em; }",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘])")


def _paragraphs(text: str) -> list[str]:
    """The text's own paragraphs, else runs of three sentences: a brief's paragraphs are a few sentences long."""
    parts = [" ".join(part.split()) for part in text.split("\n") if part.strip()]
    if len(parts) > 1:
        return parts
    sentences = _SENTENCE.split(" ".join(text.split()))
    return [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]


def _heading(document: dict[str, str]) -> str:
    words = re.sub(r"[^\w\s’'-]", "", document["text"]).split()[:6]
    return f"{document['area'].capitalize()}: {' '.join(words)}"


def briefs(per_pdf: int) -> list[tuple[str, list[str], list[str]]]:
    """(html, gold blocks, its title and headings) for each brief of ``per_pdf`` texts."""
    documents = [d for name in FILES for d in json.loads((CORPUS / name).read_text(encoding="utf-8"))["documents"]]
    out = []
    for number, start in enumerate(range(0, len(documents), per_pdf)):
        group = documents[start:start + per_pdf]
        areas = sorted({d["area"] for d in group})
        title = f"Submissions on {', '.join(areas[:-1])} and {areas[-1]}" if len(areas) > 1 else \
            f"Submissions on {areas[0]}"
        title += f": Brief {number + 1} of the Reader Panel Series"
        gold = [title]
        titles = [title]
        body = [f"<h1>{html.escape(title)}</h1>"]
        for document in group:
            heading = _heading(document)
            gold.append(heading)
            titles.append(heading)
            body.append(f"<h2>{html.escape(heading)}</h2>")
            for paragraph in _paragraphs(document["text"]):
                gold.append(paragraph)
                body.append(f"<p>{html.escape(paragraph)}</p>")
        style = number % len(STYLES)
        page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Reader panel {number + 1}</title>'
                f"<style>{STYLES[style]}</style></head><body>{''.join(body)}</body></html>")
        out.append((page, gold, titles))
    return out


def list_briefs(per_pdf: int) -> list[tuple[str, list[str], list[str]]]:
    """The same texts with lists and quotes, as a browser prints them: each text's first two sentences a paragraph
    (every third text's a ``<blockquote>`` instead: one indented block, no list), its next sentences (up to four) a
    ``<ul>`` of items (gold: ``- `` items, chromium prints no bullet glyph), the rest a paragraph."""
    documents = [d for name in FILES for d in json.loads((CORPUS / name).read_text(encoding="utf-8"))["documents"]]
    out = []
    for number, start in enumerate(range(0, len(documents), per_pdf)):
        group = documents[start:start + per_pdf]
        title = f"Listed Submissions: Brief {number + 1} of the Reader Panel Series"
        gold, titles, body = [title], [title], [f"<h1>{html.escape(title)}</h1>"]
        for place, document in enumerate(group):
            heading = _heading(document)
            gold.append(heading)
            titles.append(heading)
            body.append(f"<h2>{html.escape(heading)}</h2>")
            sentences = _SENTENCE.split(" ".join(document["text"].split()))
            lead, items, rest = " ".join(sentences[:2]), sentences[2:6], " ".join(sentences[6:])
            tag = "blockquote" if place % 3 == 2 else "p"
            body.append(f"<{tag}>{html.escape(lead)}</{tag}>")
            gold.append(lead)
            if len(items) >= 2:
                body.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>")
                gold.extend(f"- {item}" for item in items)
            elif items:
                rest = " ".join([*items, rest]).strip()
            if rest:
                body.append(f"<p>{html.escape(rest)}</p>")
                gold.append(rest)
        style = number % len(STYLES)
        page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Reader panel {number + 1}</title>'
                f"<style>{STYLES[style]}</style></head><body>{''.join(body)}</body></html>")
        out.append((page, gold, titles))
    return out


def _blocks(text: str) -> list[str]:
    return [re.sub(r"^#{1,6} ", "", block.strip()) for block in text.split("\n\n") if block.strip()]


def _score(found: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(exactly read blocks, blocks read, blocks written): a block counts once however often it is read."""
    remaining = list(gold)
    hits = 0
    for block in found:
        if block in remaining:
            remaining.remove(block)
            hits += 1
    return hits, len(found), len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pdf", type=int, default=6, help="texts per printed brief")
    parser.add_argument("--limit", type=int, default=0, help="only the first N briefs (0: all)")
    args = parser.parse_args()
    from formats.text import _pdf_paragraphs, extract_text

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    sets = {"paragraphs and headings": briefs(args.per_pdf), "with glyphless lists and block quotes": list_briefs(
        args.per_pdf)}
    with tempfile.TemporaryDirectory() as folder:
        for name, cases in sets.items():
            _evaluate(name, cases[:args.limit] if args.limit else cases, chromium, Path(folder), _pdf_paragraphs,
                      extract_text)


def _evaluate(name: str, cases: list[tuple[str, list[str], list[str]]], chromium: str, folder: Path,
              line_lengths: Callable[[list[str]], str], extract_text: Callable[..., str]) -> None:
    from pypdf import PdfReader

    readers = ("layout", "line lengths (fallback)", "every line a block (trivial)")
    totals = {reader: [0, 0, 0] for reader in readers}
    headings = {reader: [0, 0] for reader in readers}
    items = {reader: [0, 0, 0] for reader in readers}  # list items read exactly, "- " blocks read, items written
    pages = 0
    for number, (page, gold, gold_headings) in enumerate(cases):
        source, pdf = folder / f"brief{number}.html", folder / f"brief{number}.pdf"
        source.write_text(page, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                        str(source)], check=True, capture_output=True, timeout=120)
        data = pdf.read_bytes()
        texts = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
        pages += len(texts)
        found = {
            readers[0]: _blocks(extract_text(data, filename="brief.pdf")),
            readers[1]: _blocks(line_lengths(texts)),
            readers[2]: [line.strip() for text in texts for line in text.split("\n") if line.strip()],
        }
        for reader, blocks in found.items():
            hits, read, written = _score(blocks, gold)
            totals[reader][0] += hits
            totals[reader][1] += read
            totals[reader][2] += written
            headings[reader][0] += sum(1 for heading in gold_headings if heading in blocks)
            headings[reader][1] += len(gold_headings)
            gold_items = [block for block in gold if block.startswith("- ")]
            items[reader][0] += _score([block for block in blocks if block.startswith("- ")], gold_items)[0]
            items[reader][1] += sum(1 for block in blocks if block.startswith("- "))
            items[reader][2] += len(gold_items)
    print(f"{name}: {len(cases)} briefs, {pages} pages, {totals[readers[0]][2]} blocks written "
          f"({headings[readers[0]][1]} titles and headings, {items[readers[0]][2]} list items), "
          f"typesettings {len(STYLES)}")
    for reader in readers:
        hits, read, written = totals[reader]
        precision, recall = hits / max(read, 1), hits / max(written, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        listed = f"; list items read exactly {items[reader][0]}/{items[reader][2]} ({items[reader][1]} read)" \
            if items[reader][2] else ""
        print(f"  {reader:32s} blocks P {precision:.3f} R {recall:.3f} F1 {f1:.3f}; "
              f"titles+headings read exactly {headings[reader][0]}/{headings[reader][1]}{listed}")

if __name__ == "__main__":
    main()
