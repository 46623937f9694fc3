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
