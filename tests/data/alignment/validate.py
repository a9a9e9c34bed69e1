"""Check every case of the alignment corpus.

    python3 /work/corpora/alignment/validate.py

For every ID/ folder it checks that:
  - there is an original.md (front matter with title, date and lang) and exactly one
    translation (translation.md or translation.txt), and an expected.json;
  - expected.json is UTF-8, pretty-printed with 2-space indent and ensure_ascii=False,
    and has the required keys with sane values;
  - `blocks` has one entry per block that blocks.py finds in original.md, in order, and
    each `source` is the block's text as blocks.py prints it;
  - every `expected` text, every `extra` text and the `title` occur in the translation
    (after removing Markdown markers and collapsing whitespace), starting and ending on
    a word boundary.
Exit status 0 when everything passes, 1 otherwise.

blocks.py is run with BLOCKS_PYTHON (default /work/main/.venv/bin/python).
"""
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLOCKS = os.environ.get("BLOCKS_PY", "/work/corpora/tools/blocks.py")
PY = os.environ.get("BLOCKS_PYTHON", "/work/main/.venv/bin/python")
LINE = re.compile(r"^\[(\d+)\] (\S+)\s+('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")

VARIATIONS = {
    "one_to_one", "merged", "split",
    "omitted_start", "omitted_middle", "omitted_end",
    "note_start", "note_end",
    "web_clutter", "dateline_dropped", "repeated_title",
    "signatures_reordered", "signatures_merged",
    "list_to_prose", "prose_to_list",
    "title_heading", "title_plain", "no_title",
    "short_long_mix", "anchors", "no_anchors",
    "plain_text_translation",
}
TITLE_KINDS = {"title_heading", "title_plain", "no_title"}


def run_blocks(path):
    """[(kind, plain)] for each block blocks.py prints."""
    out = subprocess.run([PY, BLOCKS, str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"blocks.py failed on {path}: {out.stderr.strip()}")
    result = []
    for line in out.stdout.splitlines():
        m = LINE.match(line)
        if not m:
            raise RuntimeError(f"cannot read blocks.py line for {path}: {line!r}")
        rep = m.group(3)
        start = m.start(3) + max(6, len(rep)) + 1
        result.append((m.group(2), line[start:]))
    return result


def plain(text):
    text = text.replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def occurs_on_word_boundary(needle, hay):
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return False
        j = i + len(needle)
        before_ok = i == 0 or hay[i - 1] == " "
        after_ok = j == len(hay) or hay[j] == " "
        if before_ok and after_ok:
            return True
        start = i + 1


def front_matter(text):
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    keys = {}
    for line in text[4:end].splitlines():
        if ":" in line and not line.startswith(" "):
            k, v = line.split(":", 1)
            keys[k.strip()] = v.strip().strip('"')
    return keys


def check_case(d, errors, stats):
    def err(msg):
        errors.append(f"{d.name}: {msg}")

    original = d / "original.md"
    translations = [p for p in (d / "translation.md", d / "translation.txt") if p.exists()]
    expected_path = d / "expected.json"
    if not original.exists():
        return err("original.md missing")
    if len(translations) != 1:
        return err("needs exactly one of translation.md / translation.txt")
    if not expected_path.exists():
        return err("expected.json missing")

    otext = original.read_text(encoding="utf-8")
    fm = front_matter(otext)
    if fm is None:
        return err("original.md has no YAML front matter")
    for key in ("title", "date", "lang"):
        if not fm.get(key):
            err(f"front matter lacks {key}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fm.get("date", "")):
        err("front matter date is not YYYY-MM-DD")

    raw = expected_path.read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        return err(f"expected.json is not valid JSON: {e}")
    if raw != json.dumps(data, ensure_ascii=False, indent=2) + "\n":
        err("expected.json is not pretty-printed with indent=2, ensure_ascii=False")

    for key in ("source_lang", "target_lang", "split", "variations", "title", "blocks", "extra"):
        if key not in data:
            err(f"expected.json lacks {key!r}")
    if errors and errors[-1].startswith(f"{d.name}: expected.json lacks"):
        return
    if {data["source_lang"], data["target_lang"]} != {"es", "en"}:
        err("source_lang/target_lang must be es and en")
    if fm.get("lang") != data["source_lang"]:
        err("front matter lang differs from source_lang")
    if not d.name.startswith(f"{data['source_lang']}-{data['target_lang']}-"):
        err("folder name does not start with SOURCE-TARGET-")
    if data["split"] not in ("tune", "holdout"):
        err("split must be tune or holdout")
    unknown = set(data["variations"]) - VARIATIONS
    if unknown:
        err(f"unknown variations {sorted(unknown)}")
    if len(set(data["variations"]) & TITLE_KINDS) != 1:
        err("exactly one of title_heading / title_plain / no_title expected")
    if ("no_title" in data["variations"]) != (data["title"] is None):
        err("no_title variation and title null must go together")

    oblocks = run_blocks(original)
    if len(data["blocks"]) != len(oblocks):
        err(f"{len(data['blocks'])} entries in blocks, blocks.py finds {len(oblocks)}")
    for i, (entry, (_, text)) in enumerate(zip(data["blocks"], oblocks)):
        if set(entry) != {"source", "expected"}:
            err(f"block {i}: keys must be source and expected")
        if entry.get("source") != text:
            err(f"block {i}: source differs from blocks.py: {entry.get('source')!r} vs {text!r}")

    tblocks = run_blocks(translations[0])
    hay = " ".join(plain(t) for _, t in tblocks)
    pieces = [("title", data["title"])] if data["title"] is not None else []
    pieces += [(f"block {i}", e["expected"]) for i, e in enumerate(data["blocks"]) if e.get("expected") is not None]
    pieces += [(f"extra {i}", x) for i, x in enumerate(data["extra"])]
    for where, text in pieces:
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty or not a string")
            continue
        if text != plain(text):
            err(f"{where}: not plain text (markers or uncollapsed whitespace)")
        if not occurs_on_word_boundary(plain(text), hay):
            err(f"{where}: not found in the translation: {text[:70]!r}")

    n = len(data["blocks"])
    stats["cases"][(data["source_lang"] + "→" + data["target_lang"], data["split"])] += 1
    stats["blocks"][data["split"]] += n
    stats["null"][data["split"]] += sum(1 for e in data["blocks"] if e.get("expected") is None)
    for v in data["variations"]:
        stats["variations"][v] += 1
    stats["extra"] += len(data["extra"])
    stats["translation_kind"][translations[0].suffix] += 1


def main():
    errors = []
    stats = {"cases": Counter(), "blocks": Counter(), "null": Counter(), "variations": Counter(),
             "extra": 0, "translation_kind": Counter()}
    cases = sorted(p for p in HERE.iterdir() if p.is_dir() and (p / "original.md").exists())
    for d in cases:
        try:
            check_case(d, errors, stats)
        except RuntimeError as e:
            errors.append(f"{d.name}: {e}")
    for e in errors:
        print("FAIL", e)
    print(f"{len(cases)} cases checked, {len(errors)} problems")
    for (direction, split), n in sorted(stats["cases"].items()):
        print(f"  {direction} {split}: {n} cases")
    for split in sorted(stats["blocks"]):
        print(f"  {split}: {stats['blocks'][split]} blocks ({stats['null'][split]} expected null)")
    print(f"  total blocks: {sum(stats['blocks'].values())}, extra paragraphs: {stats['extra']}")
    print("  translations: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["translation_kind"].items())))
    print("  variations: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["variations"].items())))
    return 1 if errors or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
