"""Builds pairs/*.json and faults.jsonl from src/pairs_es_en.py and src/pairs_en_es.py.

Run from the corpus folder: python3 src/build.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import pairs_es_en  # noqa: E402
import pairs_en_es  # noqa: E402


def build():
    pairs_dir = os.path.join(ROOT, "pairs")
    os.makedirs(pairs_dir, exist_ok=True)
    for name in os.listdir(pairs_dir):
        if name.endswith(".json"):
            os.remove(os.path.join(pairs_dir, name))
    fault_lines = []
    seen = set()
    for module, (src, tgt) in ((pairs_es_en, ("es", "en")), (pairs_en_es, ("en", "es"))):
        for p in module.PAIRS:
            assert p["id"] not in seen, p["id"]
            seen.add(p["id"])
            assert p["id"].startswith(f"{src}-{tgt}-"), p["id"]
            blocks = []
            for s, t in p["blocks"]:
                if t is None:
                    blocks.append({"source": s, "target": s, "kept": True})
                else:
                    assert t != s, (p["id"], s)
                    blocks.append({"source": s, "target": t, "kept": False})
            doc = {
                "id": p["id"],
                "source_lang": src,
                "target_lang": tgt,
                "style": p["style"],
                "split": "holdout",
                "title": {"source": p["title"][0], "target": p["title"][1]},
                "blocks": blocks,
            }
            with open(os.path.join(pairs_dir, p["id"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
                f.write("\n")
            for block, kind, old, new, note in p["faults"]:
                clean = doc["title"]["target"] if block == "title" else blocks[block]["target"]
                n = clean.count(old)
                assert n == 1, (p["id"], block, kind, old, n)
                faulty = clean.replace(old, new)
                assert faulty != clean
                fault_lines.append({"pair": p["id"], "block": block, "kind": kind,
                                    "target": faulty, "note": note})
    with open(os.path.join(ROOT, "faults.jsonl"), "w", encoding="utf-8") as f:
        for rec in fault_lines:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(seen)} pairs, {len(fault_lines)} faults written")


if __name__ == "__main__":
    build()
