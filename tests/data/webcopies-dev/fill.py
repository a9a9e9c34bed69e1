"""Fill each case's clutter list from its input: every line (or block, for .html) that is not the title or a body line."""
import json, re, sys
from pathlib import Path

D = Path(__file__).resolve().parent
sys.path.insert(0, str(D.parent / "webcopies"))
from check_corpus import segments  # noqa: E402

MARK = re.compile(r"^(?:>\s?)*(?:[-*+•·▪►✅✔️\uf0b7]+\s+|\d{1,2}[.)]\s+)?")


def norm(t):
    return " ".join(t.replace("\u00a0", " ").split())


for jp in sorted(D.glob("*.json")):
    case = json.loads(jp.read_text(encoding="utf-8"))
    inp = next(p for p in D.glob(jp.stem + ".*") if p.suffix in (".txt", ".html"))
    text = inp.read_text(encoding="utf-8")
    lines = segments(text).segs if inp.suffix == ".html" else [MARK.sub("", l.strip()) for l in text.replace("\f", "\n").split("\n")]
    keep = {norm(b) for b in case["body"]} | ({norm(case["title"])} if case["title"] else set())
    joined = " ".join([norm(b) for b in case["body"]] + [norm(case["title"] or "")])
    clutter = [norm(l) for l in lines if norm(l) and norm(l) not in keep and not (inp.suffix == ".txt" and case["input"] != "pasted" and norm(l) in joined)]
    case["clutter"] = clutter
    jp.write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(jp.stem, len(case["body"]), len(clutter))
