#!/usr/bin/env python3
"""Validate the fidelity corpus and print its counts.

    python3 validate.py

Checks: every pair file is well formed (languages, style, split, 5-14 blocks, kept blocks
identical on both sides); the glossary has the right header and size and every clean
translation respects it; every fault names an existing pair and block, has a known kind,
and its target differs from the clean one. Exits 1 on any error.
"""
import collections
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
STYLES = {"declaration", "open letter", "call to action", "press release", "list of demands",
          "solidarity message", "obituary/homage", "joint statement with signatories"}
KINDS = ["number", "date", "negation_dropped", "negation_added", "name_dropped", "name_swapped",
         "acronym_dropped", "sentence_dropped", "glossary", "untranslated"]
errors = []


def err(msg):
    errors.append(msg)


# ---- pairs
pairs = {}
for f in sorted((ROOT / "pairs").glob("*.json")):
    try:
        p = json.loads(f.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        err(f"{f.name}: invalid JSON ({exc})")
        continue
    pid = p.get("id")
    if f.stem != pid:
        err(f"{f.name}: id {pid!r} does not match the file name")
    if pid in pairs:
        err(f"{pid}: duplicate id")
    if (p.get("source_lang"), p.get("target_lang")) not in {("es", "en"), ("en", "es")}:
        err(f"{pid}: bad languages")
    if not pid.startswith(f"{p.get('source_lang')}-{p.get('target_lang')}-"):
        err(f"{pid}: id prefix does not match the direction")
    if p.get("style") not in STYLES:
        err(f"{pid}: unknown style {p.get('style')!r}")
    if p.get("split") not in {"tune", "holdout"}:
        err(f"{pid}: bad split")
    t = p.get("title", {})
    if not t.get("source") or not t.get("target"):
        err(f"{pid}: title needs source and target")
    blocks = p.get("blocks", [])
    if not 5 <= len(blocks) <= 14:
        err(f"{pid}: {len(blocks)} blocks (want 5-14)")
    for i, b in enumerate(blocks):
        if set(b) != {"source", "target", "kept"}:
            err(f"{pid}[{i}]: keys {sorted(b)}")
        if not b.get("source", "").strip() or not b.get("target", "").strip():
            err(f"{pid}[{i}]: empty text")
        if b.get("kept") is True and b["source"] != b["target"]:
            err(f"{pid}[{i}]: kept block whose target differs from its source")
        if b.get("kept") is False and b["source"] == b["target"]:
            err(f"{pid}[{i}]: identical source and target but kept is false")
        for side in ("source", "target"):
            s = b.get(side, "")
            if "  " in s or s != s.strip():
                err(f"{pid}[{i}] {side}: stray whitespace")
    pairs[pid] = p

# ---- glossary
with open(ROOT / "glossary.csv", encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    rows = [r for r in reader if r]
if header != ["es", "en", "note"]:
    err(f"glossary.csv: header {header}")
if not 12 <= len(rows) <= 25:
    err(f"glossary.csv: {len(rows)} rows (want 12-25)")
glossary_hits = collections.Counter()
for r in rows:
    if len(r) != 3:
        err(f"glossary.csv: row {r} does not have 3 fields")
        continue
    es_term, en_term, _ = r
    for pid, p in pairs.items():
        units = [p["title"]] + p["blocks"]
        for i, u in enumerate(units):
            es_text = u["source"] if p["source_lang"] == "es" else u["target"]
            en_text = u["target"] if p["source_lang"] == "es" else u["source"]
            src, tgt = (u["source"], u["target"])
            src_term, tgt_term = (es_term, en_term) if p["source_lang"] == "es" else (en_term, es_term)
            n_src = src.lower().count(src_term.lower())
            if n_src:
                glossary_hits[es_term] += 1
                if tgt.lower().count(tgt_term.lower()) < n_src:
                    where = "title" if i == 0 else i - 1
                    err(f"{pid} [{where}]: glossary term {src_term!r} not rendered as {tgt_term!r}")

# ---- faults
faults = []
with open(ROOT / "faults.jsonl", encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as exc:
            err(f"faults.jsonl:{n}: invalid JSON ({exc})")
            continue
        if set(o) != {"pair", "block", "kind", "target", "note"}:
            err(f"faults.jsonl:{n}: keys {sorted(o)}")
        p = pairs.get(o.get("pair"))
        if p is None:
            err(f"faults.jsonl:{n}: unknown pair {o.get('pair')!r}")
            continue
        blk = o.get("block")
        if blk == "title":
            clean = p["title"]["target"]
        elif isinstance(blk, int) and not isinstance(blk, bool) and 0 <= blk < len(p["blocks"]):
            clean = p["blocks"][blk]["target"]
        else:
            err(f"faults.jsonl:{n}: {o['pair']} has no block {blk!r}")
            continue
        if o.get("kind") not in KINDS:
            err(f"faults.jsonl:{n}: unknown kind {o.get('kind')!r}")
        if o.get("target") == clean:
            err(f"faults.jsonl:{n}: target identical to the clean translation")
        if not o.get("note"):
            err(f"faults.jsonl:{n}: empty note")
        o["split"] = p["split"]
        faults.append(o)
seen = collections.Counter((o["pair"], str(o["block"]), o["target"]) for o in faults)
for key, c in seen.items():
    if c > 1:
        err(f"duplicate fault variant {key[:2]}")

# ---- counts
def direction(p):
    return f"{p['source_lang']}→{p['target_lang']}"

print("PAIRS (direction × split)")
pc = collections.Counter((direction(p), p["split"]) for p in pairs.values())
for d in ("es→en", "en→es"):
    print(f"  {d}: tune {pc[(d, 'tune')]:3}  holdout {pc[(d, 'holdout')]:3}  total {pc[(d, 'tune')] + pc[(d, 'holdout')]}")
print(f"  all : tune {sum(v for (d, s), v in pc.items() if s == 'tune'):3}  holdout {sum(v for (d, s), v in pc.items() if s == 'holdout'):3}  total {len(pairs)}")

print("STYLES")
for style, c in sorted(collections.Counter(p["style"] for p in pairs.values()).items()):
    print(f"  {style:34} {c}")

print("CLEAN BLOCKS (blocks; titles counted apart; kept = left in the source language)")
for split in ("tune", "holdout"):
    ps = [p for p in pairs.values() if p["split"] == split]
    nb = sum(len(p["blocks"]) for p in ps)
    nk = sum(b["kept"] for p in ps for b in p["blocks"])
    print(f"  {split:8} blocks {nb:4} (kept {nk:2})  titles {len(ps):3}  blocks+titles {nb + len(ps)}")
nb = sum(len(p["blocks"]) for p in pairs.values())
print(f"  all      blocks {nb:4}  titles {len(pairs):3}  blocks+titles {nb + len(pairs)}")

print("FAULTS (kind × split)")
fc = collections.Counter((o["kind"], o["split"]) for o in faults)
for k in KINDS:
    t, h = fc[(k, "tune")], fc[(k, "holdout")]
    flag = "" if t + h >= 15 else "   <-- fewer than 15"
    if t + h < 15:
        err(f"kind {k}: only {t + h} variants")
    print(f"  {k:18} tune {t:3}  holdout {h:3}  total {t + h:3}{flag}")
print(f"  {'all':18} tune {sum(v for (k, s), v in fc.items() if s == 'tune'):3}  holdout {sum(v for (k, s), v in fc.items() if s == 'holdout'):3}  total {len(faults):3}")

print("FAULTS (kind × direction)")
dc = collections.Counter((o["kind"], direction(pairs[o["pair"]])) for o in faults)
for k in KINDS:
    print(f"  {k:18} es→en {dc[(k, 'es→en')]:3}  en→es {dc[(k, 'en→es')]:3}")
print(f"  {'all':18} es→en {sum(v for (k, d), v in dc.items() if d == 'es→en'):3}  en→es {sum(v for (k, d), v in dc.items() if d == 'en→es'):3}")
print(f"  title variants: {sum(o['block'] == 'title' for o in faults)}")

print("GLOSSARY rows used in clean pairs (units containing the term)")
for r in rows:
    print(f"  {r[0]:42} {glossary_hits[r[0]]}")

if len(pairs) < 32:
    err(f"only {len(pairs)} pairs")
if len(faults) < 170:
    err(f"only {len(faults)} faults")
if errors:
    print("\nERRORS")
    print("\n".join("  " + e for e in errors))
    sys.exit(1)
print("\nOK")
