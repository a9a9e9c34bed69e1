#!/usr/bin/env python3
"""Validates the fidelity-3 corpus and prints its counts.

Checks: every pair file is well formed (5-14 blocks, kept blocks equal their source,
split holdout); glossary.csv has the right header and 10-18 rows, and every clean
translation respects it; every fault names an existing pair and block (or "title"),
has a known kind, and its target differs from the clean target. Exits 1 on any error.
"""
import collections
import csv
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
KINDS = ["number", "date", "negation_dropped", "negation_added", "name_dropped",
         "name_swapped", "acronym_dropped", "sentence_dropped", "glossary", "untranslated"]
STYLES = {"declaration", "open letter", "call to action", "press release", "list of demands",
          "solidarity message", "obituary/homage", "joint statement with signatories"}
errors = []


def err(msg):
    errors.append(msg)


def term_re(term):
    # a glossary term matches as whole words; a plural ending (-s, -es) is allowed
    return re.compile(r"(?<!\w)" + re.escape(term.lower()) + r"(?:s|es)?(?!\w)")


# ---- pairs
pairs = {}
for path in sorted(glob.glob(os.path.join(ROOT, "pairs", "*.json"))):
    with open(path, encoding="utf-8") as f:
        p = json.load(f)
    pid = p.get("id")
    if os.path.basename(path) != f"{pid}.json":
        err(f"{path}: id {pid!r} does not match file name")
    for key in ("id", "source_lang", "target_lang", "style", "split", "title", "blocks"):
        if key not in p:
            err(f"{pid}: missing {key}")
    if (p["source_lang"], p["target_lang"]) not in {("es", "en"), ("en", "es")}:
        err(f"{pid}: bad languages")
    if p["style"] not in STYLES:
        err(f"{pid}: unknown style {p['style']!r}")
    if p["split"] != "holdout":
        err(f"{pid}: split must be holdout")
    if not 5 <= len(p["blocks"]) <= 14:
        err(f"{pid}: {len(p['blocks'])} blocks")
    for i, b in enumerate(p["blocks"]):
        if set(b) != {"source", "target", "kept"}:
            err(f"{pid}[{i}]: keys {sorted(b)}")
        if b["kept"] and b["target"] != b["source"]:
            err(f"{pid}[{i}]: kept block differs from source")
        if not b["kept"] and b["target"] == b["source"]:
            err(f"{pid}[{i}]: identical target not marked kept")
        if not b["source"].strip() or not b["target"].strip():
            err(f"{pid}[{i}]: empty text")
    pairs[pid] = p

# ---- glossary
with open(os.path.join(ROOT, "glossary.csv"), encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
if rows[0] != ["es", "en", "note"]:
    err(f"glossary header {rows[0]}")
gloss = [dict(zip(rows[0], r)) for r in rows[1:]]
if not 10 <= len(gloss) <= 18:
    err(f"glossary has {len(gloss)} rows")
gloss_use = collections.Counter()
for g in gloss:
    es_re, en_re = term_re(g["es"]), term_re(g["en"])
    for pid, p in pairs.items():
        units = [p["title"]] + p["blocks"]
        for u in units:
            es_text = u["source"] if p["source_lang"] == "es" else u["target"]
            en_text = u["target"] if p["source_lang"] == "es" else u["source"]
            src_re, tgt_re = (es_re, en_re) if p["source_lang"] == "es" else (en_re, es_re)
            if src_re.search(u["source"].lower()):
                gloss_use[g["es"]] += 1
                if not tgt_re.search(u["target"].lower()):
                    err(f"{pid}: glossary term {g['es']!r}/{g['en']!r} not respected in {u['target'][:60]!r}")
for g in gloss:
    if not gloss_use[g["es"]]:
        err(f"glossary term {g['es']!r} used by no pair")
glossary_pairs = sorted({pid for pid, p in pairs.items() for g in gloss
                         for u in [p["title"]] + p["blocks"]
                         if term_re(g["es"] if p["source_lang"] == "es" else g["en"]).search(u["source"].lower())})

# ---- faults
faults = []
with open(os.path.join(ROOT, "faults.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        faults.append(rec)
        if set(rec) != {"pair", "block", "kind", "target", "note"}:
            err(f"faults line {n}: keys {sorted(rec)}")
        p = pairs.get(rec["pair"])
        if p is None:
            err(f"faults line {n}: unknown pair {rec['pair']}")
            continue
        if rec["kind"] not in KINDS:
            err(f"faults line {n}: unknown kind {rec['kind']}")
        if rec["block"] == "title":
            clean = p["title"]["target"]
        elif isinstance(rec["block"], int) and 0 <= rec["block"] < len(p["blocks"]):
            clean = p["blocks"][rec["block"]]["target"]
            if p["blocks"][rec["block"]]["kept"]:
                err(f"faults line {n}: fault in a kept block")
        else:
            err(f"faults line {n}: bad block {rec['block']!r}")
            continue
        if rec["target"] == clean:
            err(f"faults line {n}: target equals the clean translation")
        if not rec["note"].strip():
            err(f"faults line {n}: empty note")
dupes = collections.Counter((r["pair"], r["block"], r["target"]) for r in faults)
for k, c in dupes.items():
    if c > 1:
        err(f"duplicate fault {k}")

# ---- counts
by_dir = collections.Counter(f"{p['source_lang']}->{p['target_lang']}" for p in pairs.values())
by_style = collections.Counter(p["style"] for p in pairs.values())
kind_count = collections.Counter(r["kind"] for r in faults)
kind_dir = collections.Counter((r["kind"], r["pair"][:5]) for r in faults)
clean_blocks = sum(len(p["blocks"]) for p in pairs.values())
kept_blocks = sum(b["kept"] for p in pairs.values() for b in p["blocks"])
clean_by_dir = collections.Counter()
for p in pairs.values():
    clean_by_dir[p["source_lang"] + "->" + p["target_lang"]] += len(p["blocks"]) + 1

print(f"pairs: {len(pairs)}  " + ", ".join(f"{k}: {v}" for k, v in sorted(by_dir.items())))
print("styles: " + ", ".join(f"{k}: {v}" for k, v in sorted(by_style.items())))
print(f"clean units: {clean_blocks + len(pairs)} ({clean_blocks} blocks, of which {kept_blocks} kept, + {len(pairs)} titles)"
      f"; per direction: " + ", ".join(f"{k}: {v}" for k, v in sorted(clean_by_dir.items())))
print(f"glossary rows: {len(gloss)}; pairs using glossary terms: {len(glossary_pairs)}")
print(f"faults: {len(faults)}")
print(f"  {'kind':18} {'es-en':>6} {'en-es':>6} {'total':>6}")
for k in KINDS:
    print(f"  {k:18} {kind_dir[(k, 'es-en')]:>6} {kind_dir[(k, 'en-es')]:>6} {kind_count[k]:>6}")
for k in KINDS:
    if kind_count[k] < 12:
        err(f"only {kind_count[k]} faults of kind {k}")
if len(faults) < 150:
    err(f"only {len(faults)} faults")
if by_dir["es->en"] < 9 or by_dir["en->es"] < 9:
    err("fewer than 9 pairs in a direction")

if errors:
    print("\nERRORS:")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("\nOK")
