#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Validate the fidelity-2 corpus and print its counts. Exit status 1 on any error."""
import collections, csv, glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["number", "date", "negation_dropped", "negation_added", "name_dropped",
         "name_swapped", "acronym_dropped", "sentence_dropped", "glossary", "untranslated"]
STYLES = {"declaration", "open letter", "call to action", "press release", "list of demands",
          "solidarity message", "obituary/homage", "joint statement with signatories"}
errors = []
def err(msg): errors.append(msg)

# ---- pairs
pairs = {}
for path in sorted(glob.glob(os.path.join(HERE, "pairs", "*.json"))):
    with open(path, encoding="utf-8") as fh:
        p = json.load(fh)
    pid = p.get("id")
    if os.path.basename(path) != f"{pid}.json":
        err(f"{path}: file name does not match id {pid!r}")
    for k in ("id", "source_lang", "target_lang", "style", "split", "title", "blocks"):
        if k not in p: err(f"{pid}: missing {k}")
    if (p["source_lang"], p["target_lang"]) not in (("es", "en"), ("en", "es")):
        err(f"{pid}: bad language pair")
    if not pid.startswith(f'{p["source_lang"]}-{p["target_lang"]}-'):
        err(f"{pid}: id prefix does not match languages")
    if p["style"] not in STYLES: err(f"{pid}: unknown style {p['style']!r}")
    if p["split"] not in ("tune", "holdout"): err(f"{pid}: bad split")
    if not (5 <= len(p["blocks"]) <= 14): err(f"{pid}: {len(p['blocks'])} blocks (want 5-14)")
    for i, b in enumerate(p["blocks"]):
        if set(b) != {"source", "target", "kept"}: err(f"{pid} block {i}: keys {sorted(b)}")
        if not b["source"].strip() or not b["target"].strip(): err(f"{pid} block {i}: empty text")
        if b["kept"] and b["source"] != b["target"]: err(f"{pid} block {i}: kept but target != source")
        if not b["kept"] and b["source"] == b["target"]: err(f"{pid} block {i}: identical but not kept")
    if pid in pairs: err(f"duplicate pair id {pid}")
    pairs[pid] = p

# ---- glossary
with open(os.path.join(HERE, "glossary.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.DictReader(fh))
    fh.seek(0)
    header = fh.readline().strip()
if header != "es,en,note": err(f"glossary header is {header!r}")
if not (12 <= len(rows) <= 20): err(f"glossary has {len(rows)} rows (want 12-20)")
gloss_used = collections.Counter()
for r in rows:
    es, en = r["es"], r["en"]
    if r["note"] == "name" and es != en: err(f"glossary name row differs: {es} / {en}")
    for pid, p in pairs.items():
        texts = [(p["title"]["source"], p["title"]["target"])] + [(b["source"], b["target"]) for b in p["blocks"]]
        for s, t in texts:
            es_side, en_side = (s, t) if p["source_lang"] == "es" else (t, s)
            src_term, tgt_term = (es, en) if p["source_lang"] == "es" else (en, es)
            if src_term.lower() in s.lower():
                gloss_used[es] += 1
                if tgt_term.lower() not in t.lower():
                    err(f"{pid}: clean translation does not respect glossary {src_term!r} -> {tgt_term!r}: {t[:80]!r}")
unused = [r["es"] for r in rows if gloss_used[r["es"]] == 0]
if unused: err(f"glossary terms used by no pair: {unused}")

# ---- faults
faults = []
with open(os.path.join(HERE, "faults.jsonl"), encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip(): continue
        x = json.loads(line)
        faults.append(x)
        where = f"faults.jsonl:{n}"
        if set(x) != {"pair", "block", "kind", "target", "note"}: err(f"{where}: keys {sorted(x)}")
        p = pairs.get(x["pair"])
        if p is None: err(f"{where}: unknown pair {x['pair']}"); continue
        if x["kind"] not in KINDS: err(f"{where}: unknown kind {x['kind']}")
        if x["block"] == "title":
            clean = p["title"]["target"]; kept = False
        elif isinstance(x["block"], int) and 0 <= x["block"] < len(p["blocks"]):
            clean = p["blocks"][x["block"]]["target"]; kept = p["blocks"][x["block"]]["kept"]
        else:
            err(f"{where}: bad block {x['block']!r}"); continue
        if kept: err(f"{where}: fault injected into a kept block")
        if x["target"] == clean: err(f"{where}: target equals the clean translation")
        if not x["note"].strip(): err(f"{where}: empty note")
        if x["kind"] == "glossary":
            hit = False
            for r in rows:
                tgt_term = r["en"] if p["target_lang"] == "en" else r["es"]
                if tgt_term.lower() in clean.lower() and tgt_term.lower() not in x["target"].lower():
                    hit = True
            if not hit: err(f"{where}: glossary fault does not remove any glossary target term")
keyset = collections.Counter((f["pair"], f["block"], f["target"]) for f in faults)
for k, c in keyset.items():
    if c > 1: err(f"duplicate fault {k}")

# ---- counts
split_of = {pid: p["split"] for pid, p in pairs.items()}
direction = lambda pid: pid[:5]
print("pairs:", len(pairs))
for d in ("es-en", "en-es"):
    ps = [p for pid, p in pairs.items() if direction(pid) == d]
    clean = sum(1 + sum(not b["kept"] for b in p["blocks"]) for p in ps)
    kept = sum(sum(b["kept"] for b in p["blocks"]) for p in ps)
    blocks = sum(len(p["blocks"]) for p in ps)
    print(f"  {d}: {len(ps)} pairs, {blocks} blocks ({kept} kept), {clean} clean translated units incl. titles")
print("  per split:", dict(collections.Counter(split_of.values())))
print("  per style:", dict(sorted(collections.Counter(p["style"] for p in pairs.values()).items())))
print("glossary rows:", len(rows), "| pairs using the glossary:",
      sum(1 for pid, p in pairs.items() if any(
          (r["es"] if p["source_lang"] == "es" else r["en"]).lower() in
          " ".join([p["title"]["source"]] + [b["source"] for b in p["blocks"]]).lower() for r in rows)))
print("faults:", len(faults))
kc = collections.Counter(f["kind"] for f in faults)
dc = collections.Counter((f["kind"], direction(f["pair"])) for f in faults)
print(f"  {'kind':18} {'total':>5} {'es-en':>6} {'en-es':>6}")
for k in KINDS:
    print(f"  {k:18} {kc[k]:5d} {dc[(k, 'es-en')]:6d} {dc[(k, 'en-es')]:6d}")
    if kc[k] < 10: err(f"only {kc[k]} faults of kind {k} (want >= 10)")
print("  per direction:", dict(collections.Counter(direction(f["pair"]) for f in faults)))
print("  per split:", dict(collections.Counter(split_of[f["pair"]] for f in faults)))
print("  in titles:", sum(f["block"] == "title" for f in faults))

if errors:
    print(f"\n{len(errors)} ERROR(S):")
    for e in errors: print("  -", e)
    sys.exit(1)
print("\nOK")
