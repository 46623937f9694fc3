"""PDFs written by hand for the tests (a text layer in Helvetica, xref offsets computed): what pypdf reads."""

from __future__ import annotations


def multi_page_pdf(pages: list[list[str]] | list[list[str | tuple[str, int]]]) -> bytes:
    """A PDF of several pages, each line of each page drawn at 14 points below the one before (xref computed); a
    line given as (text, size) is set in that font size (and as much further down as it needs), the others in 10
    points."""
    count = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{3 + 2 * i} 0 R" for i in range(count)) + f"] /Count {count} >>"]
    font = 3 + 2 * count
    for i, lines in enumerate(pages):
        drawn = []
        for line in lines:
            text, size = line if isinstance(line, tuple) else (line, 10)
            escaped = text.replace("(", "\\(").replace(")", "\\)")
            drawn.append(f"/F1 {size} Tf ({escaped}) Tj 0 -{max(14, round(size * 1.4))} Td")
        content = "BT 72 740 Td " + " ".join(drawn) + " ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return serialised(objects)


def laid_out_pdf(lines: list[tuple[float, float, str]] | list[tuple[float, float, str, float]], *,
                 x: float = 72) -> bytes:
    """A one-page PDF of lines each set at its own font size and baseline: (size in points, baseline height from
    the page's foot, text[, left edge, else ``x``]), as a word processor places them (``Tm`` per line, xref
    computed)."""
    shown = []
    for size, baseline, text, *left in lines:
        start = left[0] if left else x
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        shown.append(f"BT /F1 {size:g} Tf 1 0 0 1 {start:g} {baseline:g} Tm ({escaped}) Tj ET")
    content = "\n".join(shown)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return serialised(objects)


def serialised(objects: list[str]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog), its xref offsets computed."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
