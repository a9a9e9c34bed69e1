"""Saddle-stitch imposition: A5 pages two-up on A4 sheets, in the order a folded booklet reads.

Done with pypdf rather than Typst: each page's content stream and fonts go onto the sheet
as they are, as a form XObject drawn at its place (nothing re-rendered or even parsed), so
the imposed file prints exactly what the booklet's PDF shows, its text stays searchable, and
it is written quickly with the same bytes every time. Typst can place PDF pages as images
too, but it re-interprets them through its own PDF reader. Links are not carried over: the
imposed file is for the printer.
"""

from __future__ import annotations

import io
from typing import Any

from pipeline.errors import PublishError

# A4 landscape, in PDF points: two A5 pages side by side.
SHEET = (841.89, 595.28)


def sheet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page numbers, counted from 1, for each side of each sheet in turn; None is
    a blank page. Pages are padded to a multiple of four. The first sheet carries the last
    page and page 1 on its outside, pages 2 and n-1 on its inside, and so on."""
    total = -(-pages // 4) * 4
    sides: list[tuple[int | None, int | None]] = []
    for i in range(total // 2):
        outer, inner = total - i, i + 1
        left, right = (outer, inner) if i % 2 == 0 else (inner, outer)
        sides.append((left if left <= pages else None, right if right <= pages else None))
    return sides


def impose_booklet(pdf: bytes) -> bytes:
    """The pages of `pdf` (A5), two per A4 side, ready to print double-sided (flip on the short
    edge), fold and staple."""
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    reader = PdfReader(io.BytesIO(pdf))
    width, height = SHEET
    writer = PdfWriter()
    forms: dict[int, Any] = {}
    for left, right in sheet_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(writer, width=width, height=height)
        drawn, xobjects = [], DictionaryObject()
        for number, at_left in ((left, True), (right, False)):
            if number is None:
                continue
            page = reader.pages[number - 1]
            box = page.mediabox
            if float(box.width) > width / 2 + 1 or float(box.height) > height + 1:
                raise PublishError("only A5 pages can be imposed on A4 sheets: build with --paper a5.")
            if number not in forms:
                forms[number] = writer._add_object(_form(page, writer))  # pypdf has no public name for it
            x = (width / 2 - float(box.width) if at_left else width / 2) - float(box.left)
            y = (height - float(box.height)) / 2 - float(box.bottom)
            name = f"/P{number}"
            xobjects[NameObject(name)] = forms[number]
            drawn.append(f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q")
        content = StreamObject()
        content.set_data("\n".join(drawn).encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content)
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        writer.add_page(sheet)
    if reader.metadata:
        writer.add_metadata(
            {k: v for k, v in reader.metadata.items() if k in ("/Title", "/CreationDate", "/ModDate")}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(page: Any, writer: Any) -> Any:
    """A page as a form XObject: its content (still compressed) and its resources, unchanged."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, StreamObject

    contents = page["/Contents"].get_object()
    parts = list(contents) if isinstance(contents, ArrayObject) else [contents]
    if len(parts) == 1:
        form = parts[0].get_object().clone(writer)  # keeps its filter: no decoding, no parsing
    else:
        form = StreamObject()
        form.set_data(b"\n".join(part.get_object().get_data() for part in parts))
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in page.mediabox]),
            NameObject("/Resources"): page["/Resources"].clone(writer),
        }
    )
    return form
