"""A one-page PDF certificate for a report, written by hand (no PDF library needed)."""

from __future__ import annotations

__all__ = ["certificate_pdf"]

_PAGE_WIDTH_PT = 595  # A4
_PAGE_HEIGHT_PT = 842
_LEFT_PT = 72
_TOP_PT = 770
_LINE_PT = 22


def _escape(text: str) -> str:
    ascii_text = text.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def certificate_pdf(title: str, lines: list[tuple[str, str]]) -> bytes:
    """A PDF with ``title`` and one ``label: value`` line per entry."""
    text = [f"BT /F1 20 Tf {_LEFT_PT} {_TOP_PT} Td ({_escape(title)}) Tj ET"]
    y = _TOP_PT - 2 * _LINE_PT
    for label, value in lines:
        text.append(f"BT /F1 12 Tf {_LEFT_PT} {y} Td ({_escape(label)}: {_escape(value)}) Tj ET")
        y -= _LINE_PT
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_WIDTH_PT} {_PAGE_HEIGHT_PT}] "
        "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
