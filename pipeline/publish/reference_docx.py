"""The Word reference document (`resources/reference.docx`): how it is made, and its paper size.

pandoc takes a DOCX's styles, settings, page size and footer from a reference document. Ours
is pandoc's own default (`pandoc --print-default-data-file reference.docx`) with these
changes, made by `python -m pipeline.publish.reference_docx` and shipped as it writes it:

- fonts named outright, not through the theme (whose Aptos older Word lacks): Cambria for
  text, Calibri for headings (every Word has both; LibreOffice reads them as the
  metric-compatible Caladea and Carlito);
- body text ragged right (it is edited and forwarded, and sits in narrow columns), hyphenated
  automatically (`autoHyphenation`) in each run's language; headings never hyphenated, each
  statement on a new page;
- the styles the DOCX writer names with `custom-style`: Original, Translation, Draft, Statement
  Meta, Title Translation, Colophon, Column Heading, the character style Draft Mark, and
  "... Keep With Next" variants of the first four for blocks that must not end a page;
- bilingual tables with a thin rule between the columns and under the heading row;
- a footer with the page number;
- no `proofState` "clean" mark, so Word checks the spelling when the file is opened;
- every zip entry stamped 1980-01-01, so the file is the same bytes each time it is made.

At build time `for_paper` sets the page size and margins for `--paper`.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT_FONT = "Cambria"
HEADING_FONT = "Calibri"
RED = "6F1D1B"  # the cover's panel

# Paper: page width, height and margin, in twentieths of a point.
PAPERS = {"a5": (8391, 11906, 1021), "a4": (11906, 16838, 1418), "letter": (12240, 15840, 1440)}

# Schema order of the children (ECMA-376 wml.xsd): Word refuses a file that breaks it.
STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
).split()
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
ORDERS = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "tblPr": TBLPR_ORDER, "style": STYLE_ORDER}

Props = Mapping[str, Mapping[str, str] | None]  # child tag -> its w: attributes (None: remove it)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(element: ET.Element) -> str:
    return element.tag.split("}")[-1]


def child(parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None) -> ET.Element:
    """The child `tag` of `parent`, created in schema order if missing, with `attrs` set."""
    found = parent.find(w(tag))
    if found is None:
        found = ET.Element(w(tag))
        order = ORDERS.get(_local(parent), [])
        rank = order.index(tag) if tag in order else len(order)
        at = len(parent)
        for i, existing in enumerate(parent):
            name = _local(existing)
            if name in order and order.index(name) > rank:
                at = i
                break
        parent.insert(at, found)
    for key, value in (attrs or {}).items():
        found.set(w(key), value)
    return found


def apply(parent: ET.Element, props: Props) -> None:
    for tag, attrs in props.items():
        if attrs is None:
            old = parent.find(w(tag))
            if old is not None:
                parent.remove(old)
        else:
            child(parent, tag, attrs)


def fonts(name: str) -> dict[str, str]:
    return {"ascii": name, "hAnsi": name, "cs": name, "eastAsia": name}


def style(
    root: ET.Element,
    ident: str,
    ppr: Props | None = None,
    rpr: Props | None = None,
    *,
    new: tuple[str, str, str] | None = None,
) -> ET.Element:
    """Change the style `ident`, or with `new` = (type, name, based on) add it."""
    found = root.find(f"{w('style')}[@{w('styleId')}='{ident}']")
    if found is None:
        if new is None:
            raise KeyError(f"pandoc's reference.docx has no style {ident}")
        kind, name, based = new
        found = ET.SubElement(root, w("style"), {w("type"): kind, w("customStyle"): "1", w("styleId"): ident})
        child(found, "name", {"val": name})
        if based:
            child(found, "basedOn", {"val": based})
        child(found, "qFormat")
    if ppr:
        apply(child(found, "pPr"), ppr)
    if rpr:
        apply(child(found, "rPr"), rpr)
    return found


def _styles(xml: bytes) -> bytes:
    root = ET.fromstring(xml)
    # Theme fonts (Aptos) become named fonts: headings' major, text's minor.
    for rfonts in root.iter(w("rFonts")):
        major = any("major" in v for v in rfonts.attrib.values())
        rfonts.attrib.clear()
        for key, value in fonts(HEADING_FONT if major else TEXT_FONT).items():
            rfonts.set(w(key), value)
    defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    assert defaults is not None
    apply(defaults, {"rFonts": fonts(TEXT_FONT), "sz": {"val": "22"}, "szCs": {"val": "22"}})
    heading = {"rFonts": fonts(HEADING_FONT), "b": {}, "bCs": {}, "color": {"val": RED}}
    for level, size in ((1, "32"), (2, "26"), (3, "24"), (4, "22")):
        ident = f"Heading{level}"
        for node in (style(root, ident), style(root, ident + "Char")):
            rpr = child(node, "rPr")
            for attr in ("themeColor", "themeShade", "themeTint"):
                color = rpr.find(w("color"))
                if color is not None:
                    color.attrib.pop(w(attr), None)
            apply(rpr, {**heading, "sz": {"val": size}, "szCs": {"val": size}})
        apply(
            child(style(root, ident), "pPr"),
            {
                "pageBreakBefore": {} if level == 1 else None,
                "suppressAutoHyphens": {},
                "spacing": {"before": "0" if level == 1 else "240", "after": "120"},
                "jc": {"val": "left"},
            },
        )
    style(
        root,
        "BodyText",
        {
            "spacing": {"before": "0", "after": "140", "line": "264", "lineRule": "auto"},
            "jc": {"val": "left"},
        },
    )
    style(root, "Compact", {"spacing": {"before": "0", "after": "60"}})
    style(root, "Title", {"jc": {"val": "left"}, "suppressAutoHyphens": {}, "spacing": {"before": "2400", "after": "240"}},
          {"rFonts": fonts(HEADING_FONT), "b": {}, "bCs": {}, "color": {"val": RED}})  # fmt: skip
    for ident in ("Subtitle", "Author", "Date"):
        style(
            root,
            ident,
            {"jc": {"val": "left"}, "numPr": None, "spacing": {"before": "240", "after": "0"}},
            {"color": {"val": "444444"}, "b": {"val": "0"}, "bCs": {"val": "0"}},
        )
    style(root, "BlockText", {"ind": {"left": "480", "right": "480", "firstLine": "0"}}, {"i": {}, "iCs": {}})
    style(root, "Hyperlink", None, {"color": {"val": "1F4E79"}, "u": {"val": "single"}})
    # The styles the DOCX writer names with custom-style.
    style(root, "Original", new=("paragraph", "Original", "BodyText"))
    style(root, "Translation", new=("paragraph", "Translation", "BodyText"))
    style(root, "Draft", {"shd": {"val": "clear", "color": "auto", "fill": "FFF3C4"}},
          new=("paragraph", "Draft", "Translation"))  # fmt: skip
    small_left = {"keepNext": {}, "suppressAutoHyphens": {}, "jc": {"val": "left"}}
    style(root, "StatementMeta", small_left, {"color": {"val": "555555"}, "sz": {"val": "18"}, "szCs": {"val": "18"}},
          new=("paragraph", "Statement Meta", "BodyText"))  # fmt: skip
    style(root, "TitleTranslation", small_left,
          {"i": {}, "iCs": {}, "color": {"val": "444444"}, "sz": {"val": "26"}, "szCs": {"val": "26"}},
          new=("paragraph", "Title Translation", "BodyText"))  # fmt: skip
    style(root, "Colophon", {"jc": {"val": "left"}}, {"sz": {"val": "18"}, "szCs": {"val": "18"}},
          new=("paragraph", "Colophon", "BodyText"))  # fmt: skip
    # A block that must not end a page (the assembler's `keep-with-next`: an introduction, a
    # short ending) takes the variant kept with the next paragraph; in a table, with the next row.
    for ident in ("Original", "Translation", "Draft", "Colophon"):
        style(root, ident + "KeepWithNext", {"keepNext": {}},
              new=("paragraph", ident + " Keep With Next", ident))  # fmt: skip
    style(root, "ColumnHeading", {"keepNext": {}, "spacing": {"before": "0", "after": "60"}, "jc": {"val": "left"}},
          {"rFonts": fonts(HEADING_FONT), "b": {}, "bCs": {}, "color": {"val": RED}, "sz": {"val": "18"}, "szCs": {"val": "18"}},
          new=("paragraph", "Column Heading", "Compact"))  # fmt: skip
    style(root, "DraftMark", None,
          {"rFonts": fonts(HEADING_FONT), "b": {}, "bCs": {}, "color": {"val": "8A5A00"}, "sz": {"val": "16"}, "szCs": {"val": "16"}},
          new=("character", "Draft Mark", "DefaultParagraphFont"))  # fmt: skip
    table = style(root, "Table")
    tblpr = child(table, "tblPr")
    borders = child(tblpr, "tblBorders")
    child(borders, "insideV", {"val": "single", "sz": "4", "space": "0", "color": "B5B5B5"})
    apply(
        child(tblpr, "tblCellMar"),
        {"top": {"w": "60", "type": "dxa"}, "left": {"w": "113", "type": "dxa"},
         "bottom": {"w": "60", "type": "dxa"}, "right": {"w": "113", "type": "dxa"}},
    )  # fmt: skip
    return _xml(root)


def _settings(xml: bytes) -> bytes:
    root = ET.fromstring(xml)
    proof = root.find(w("proofState"))
    if proof is not None:
        root.remove(proof)
    tab = root.find(w("defaultTabStop"))
    assert tab is not None
    hyphenation = ET.Element(w("autoHyphenation"))
    root.insert(list(root).index(tab) + 1, hyphenation)
    return _xml(root)


FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r>'
    '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>\n'
)
FOOTER_ID = "rIdStatementsFooter"
# Which pandoc's default the file was made from (pandoc writes its own custom.xml).
MADE_FROM = "statements: made from the default reference.docx of pandoc"


def _custom(version: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{MADE_FROM}">'
        f"<vt:lpwstr>{version}</vt:lpwstr></property></Properties>\n"
    )


def _section(width: int, height: int, margin: int) -> str:
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{FOOTER_ID}" />'
        '<w:footnotePr><w:numRestart w:val="eachSect" /></w:footnotePr>'
        f'<w:pgSz w:w="{width}" w:h="{height}" />'
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        'w:header="567" w:footer="567" w:gutter="0" /></w:sectPr>'
    )


def _document(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    text, n = re.subn(r"<w:sectPr>.*?</w:sectPr>", lambda _: _section(*PAPERS["a4"]), text, flags=re.S)
    if n != 1:
        raise ValueError("pandoc's reference.docx: expected one section")
    if "xmlns:r=" not in text[: text.index("<w:body")]:
        text = text.replace("<w:document ", f'<w:document xmlns:r="{R}" ', 1)
    return text.encode("utf-8")


# The prefixes pandoc's default parts declare, kept as they are when a part is written again.
PREFIXES = {
    "w": W,
    "r": R,
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "o": "urn:schemas-microsoft-com:office:office",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}


def _xml(root: ET.Element) -> bytes:
    for prefix, uri in PREFIXES.items():
        ET.register_namespace(prefix, uri)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(root, encoding="utf-8")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def make(default: bytes, pandoc_version: str) -> bytes:
    """Our reference document, from the bytes of pandoc's default one (of that version)."""
    with zipfile.ZipFile(io.BytesIO(default)) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    entries["docProps/custom.xml"] = _custom(pandoc_version).encode("utf-8")
    entries["word/styles.xml"] = _styles(entries["word/styles.xml"])
    entries["word/settings.xml"] = _settings(entries["word/settings.xml"])
    entries["word/document.xml"] = _document(entries["word/document.xml"])
    entries["word/footer1.xml"] = FOOTER.encode("utf-8")
    rels = entries["word/_rels/document.xml.rels"].decode("utf-8")
    footer_rel = (
        f'<Relationship Id="{FOOTER_ID}" Target="footer1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" />'
    )
    entries["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", footer_rel + "</Relationships>"
    ).encode()
    types = entries["[Content_Types].xml"].decode("utf-8")
    footer_type = (
        '<Override PartName="/word/footer1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />'
    )
    entries["[Content_Types].xml"] = types.replace("</Types>", footer_type + "</Types>").encode()
    core = entries["docProps/core.xml"].decode("utf-8")
    core = re.sub(r"<dc:title>.*?</dc:title>", "<dc:title>statements reference document</dc:title>", core)
    core = re.sub(r"<dc:creator>.*?</dc:creator>", "<dc:creator>statements</dc:creator>", core)
    entries["docProps/core.xml"] = core.encode("utf-8")
    return _zip(entries)


def for_paper(reference: bytes, paper: str) -> bytes:
    """The reference document with the page size and margins of `paper` (a5, a4, letter)."""
    width, height, margin = PAPERS[paper]
    with zipfile.ZipFile(io.BytesIO(reference)) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    document = entries["word/document.xml"].decode("utf-8")
    document = re.sub(r"<w:pgSz [^>]*/>", f'<w:pgSz w:w="{width}" w:h="{height}" />', document)
    document = re.sub(
        r"<w:pgMar [^>]*/>",
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        'w:header="567" w:footer="567" w:gutter="0" />',
        document,
    )
    entries["word/document.xml"] = document.encode("utf-8")
    return _zip(entries)


def pandoc_default() -> tuple[bytes, str]:
    """The bundled pandoc's default reference.docx, and that pandoc's version."""
    from pipeline import pandoc
    from pipeline.errors import PublishError

    data = pandoc.run(
        ["--print-default-data-file", "reference.docx"], b"", "print its reference.docx", PublishError, 0
    )
    version = pandoc.run(["--version"], b"", "say its version", PublishError).decode().split()[1]
    return data, version


def made_from(reference: bytes) -> str:
    """The pandoc version whose default `reference` was made from."""
    with zipfile.ZipFile(io.BytesIO(reference)) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    found = re.search(r"<vt:lpwstr>([^<]*)</vt:lpwstr>", custom)
    return found.group(1) if found else ""


def main(argv: list[str]) -> int:
    target = (
        Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "resources" / "reference.docx"
    )
    target.write_bytes(make(*pandoc_default()))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
