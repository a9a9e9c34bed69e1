"""Presentation of diffs: for the terminal (readable with and without colour) and as HTML."""

from __future__ import annotations

import html
from typing import Any

import typer

Ops = list[tuple[str, str]]


def inline_diff(ops: Ops, colour: bool) -> str:
    """`[-old-]{+new+}` markers, coloured red and green when the terminal shows colour."""
    out = []
    for op, text in ops:
        if op == "=":
            out.append(text)
        elif op == "-":
            mark = f"[-{text}-]"
            out.append(typer.style(mark, fg="red") if colour else mark)
        else:
            mark = f"{{+{text}+}}"
            out.append(typer.style(mark, fg="green") if colour else mark)
    return "".join(out)


def terminal(report: dict[str, Any], colour: bool) -> str:
    lines = [f"{report['slug']} {report['source_lang']}→{report['target_lang']}: "
             + ", ".join(f"{n} {s}" for s, n in report["counts"].items() if n)]  # fmt: skip
    for block in report["blocks"]:
        if "machine_vs_human" not in block and "source_change" not in block:
            continue
        label = "title" if block["index"] < 0 else f"block {block['index']}"
        lines.append("")
        lines.append(f"## {label} ({block['status']})")
        if "source_change" in block:
            lines.append("original changed:  " + inline_diff(block["source_change"], colour))
            lines.append("translation now:   " + block["current"])
        if "machine_vs_human" in block:
            lines.append("machine → human:   " + inline_diff(block["machine_vs_human"], colour))
    if len(lines) == 1:
        lines.append("no human edits and no changed originals: nothing to compare.")
    return "\n".join(lines)


_CSS = """
body { font-family: Georgia, serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } .counts { color: #555; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #ccc; padding: 0.4em 0.6em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; font-family: sans-serif; font-size: 0.85em; }
td.status { font-family: sans-serif; font-size: 0.8em; width: 7em; }
del { background: #fdd; color: #900; text-decoration: line-through; }
ins { background: #dfd; color: #060; text-decoration: none; }
tr.stale td.status { color: #a60; font-weight: bold; }
tr.edited td.status { color: #036; }
.none { color: #999; }
@media print { body { margin: 0.5cm; } tr { page-break-inside: avoid; } }
"""


def html_diff(ops: Ops) -> str:
    out = []
    for op, text in ops:
        safe = html.escape(text)
        out.append(safe if op == "=" else f"<del>{safe}</del>" if op == "-" else f"<ins>{safe}</ins>")
    return "".join(out)


def html_report(report: dict[str, Any]) -> str:
    """One standalone page: no network, no JavaScript, printable."""
    esc = html.escape
    counts = ", ".join(f"{n} {s}" for s, n in report["counts"].items() if n)
    rows = []
    for block in report["blocks"]:
        source = esc(block["source"])
        if "source_change" in block:
            source = html_diff(block["source_change"])
        machine = esc(block["machine"] or "")
        human = esc(block["human"]) if block["human"] is not None else '<span class="none">—</span>'
        diff = (
            html_diff(block["machine_vs_human"])
            if "machine_vs_human" in block
            else '<span class="none">—</span>'
        )
        label = "title" if block["index"] < 0 else str(block["index"])
        rows.append(
            f'<tr class="{esc(block["status"])}"><td class="status">{label}<br>{esc(block["status"])}'
            f"{'<br>' + esc(', '.join(block['flags'])) if block['flags'] else ''}</td>"
            f'<td lang="{esc(report["source_lang"])}">{source}</td>'
            f'<td lang="{esc(report["target_lang"])}">{machine}</td>'
            f'<td lang="{esc(report["target_lang"])}">{human}</td>'
            f'<td lang="{esc(report["target_lang"])}">{diff}</td></tr>'
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(report["target_lang"])}"><head><meta charset="utf-8">'
        f"<title>{esc(report['slug'])}: review</title><style>{_CSS}</style></head><body>"
        f"<h1>{esc(report['slug'])} · {esc(report['source_lang'])} → {esc(report['target_lang'])}</h1>"
        f'<p class="counts">{esc(counts)}. Struck-through red: removed; green: added. '
        "In the source column of a stale block, the change to the original since it was translated.</p>"
        "<table><thead><tr><th>block</th><th>source</th><th>machine draft</th><th>human text</th>"
        "<th>machine → human</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></body></html>\n"
    )
