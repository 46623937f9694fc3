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
    from pypdf import PdfReader

    from formats.text import _pdf_paragraphs, extract_text

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    readers = ("layout", "line lengths (fallback)", "every line a block (trivial)")
    totals = {reader: [0, 0, 0] for reader in readers}
    headings = {reader: [0, 0] for reader in readers}
    pages = 0
    cases = briefs(args.per_pdf)
    cases = cases[:args.limit] if args.limit else cases
    with tempfile.TemporaryDirectory() as folder:
        for number, (page, gold, gold_headings) in enumerate(cases):
            source, pdf = Path(folder) / f"brief{number}.html", Path(folder) / f"brief{number}.pdf"
            source.write_text(page, encoding="utf-8")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                            str(source)], check=True, capture_output=True, timeout=120)
            data = pdf.read_bytes()
            texts = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
            pages += len(texts)
            found = {
                readers[0]: _blocks(extract_text(data, filename="brief.pdf")),
                readers[1]: _blocks(_pdf_paragraphs(texts)),
                readers[2]: [line.strip() for text in texts for line in text.split("\n") if line.strip()],
            }
            for reader, blocks in found.items():
                hits, read, written = _score(blocks, gold)
                totals[reader][0] += hits
                totals[reader][1] += read
                totals[reader][2] += written
                headings[reader][0] += sum(1 for heading in gold_headings if heading in blocks)
                headings[reader][1] += len(gold_headings)
    print(f"{len(cases)} briefs, {pages} pages, {totals[readers[0]][2]} blocks written "
          f"({headings[readers[0]][1]} titles and headings), typesettings {len(STYLES)}")
    for reader in readers:
        hits, read, written = totals[reader]
        precision, recall = hits / max(read, 1), hits / max(written, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(f"{reader:32s} blocks P {precision:.3f} R {recall:.3f} F1 {f1:.3f}; "
              f"titles+headings read exactly {headings[reader][0]}/{headings[reader][1]}")


if __name__ == "__main__":
    main()
