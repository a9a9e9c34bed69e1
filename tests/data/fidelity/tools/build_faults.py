"""Build ../faults.jsonl from faults_spec.py and the clean pairs in ../pairs/.

    python3 tools/build_faults.py

Each substitution must match exactly once in its block's clean target, so every variant
differs from the clean text by that one fault and nothing else.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from faults_spec import FAULTS  # noqa: E402

pairs = {p["id"]: p for p in (json.loads(f.read_text(encoding="utf-8")) for f in sorted((ROOT / "pairs").glob("*.json")))}
errors = []
lines = []
for pair_id, block, kind, old, new, note in FAULTS:
    pair = pairs.get(pair_id)
    if pair is None:
        errors.append(f"{pair_id}: no such pair")
        continue
    clean = pair["title"]["target"] if block == "title" else pair["blocks"][block]["target"]
    n = clean.count(old)
    if n != 1:
        errors.append(f"{pair_id} [{block}] {kind}: {old!r} occurs {n} times")
        continue
    faulty = clean.replace(old, new)
    if new == "":  # a dropped sentence or name must not leave a stray space behind
        faulty = faulty.replace("  ", " ").strip()
    lines.append({"pair": pair_id, "block": block, "kind": kind, "target": faulty, "note": note})
if errors:
    print("\n".join(errors))
    sys.exit(1)
with open(ROOT / "faults.jsonl", "w", encoding="utf-8") as fh:
    for obj in lines:
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
print(f"wrote {len(lines)} variants")
