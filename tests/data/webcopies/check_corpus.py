"""Consistency check for this corpus: every body line (in order) and the title must occur in the
input; with --fill, rewrite each JSON clutter list from the input. Run: python3 check_corpus.py [ID-part]
"""
import json, re, sys, html
from html.parser import HTMLParser
from pathlib import Path

D = Path(__file__).resolve().parent
BLOCK = set("""address article aside blockquote body div dl dt dd fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr td th ul br button label option
legend caption tbody thead tfoot dialog details summary center html abbr_never""".split())
SKIP = set("head script style noscript svg template iframe".split())
VOID = set("area base br col embed hr img input link meta param source track wbr".split())

class Seg(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.segs, self.cur, self.skip = [], [], 0
        self.title, self.metas, self.stack = "", {}, []
        self.in_title = False
    def flush(self):
        t = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if t:
            self.segs.append(t)
        self.cur = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            k = a.get("property") or a.get("name") or a.get("itemprop")
            if k: self.metas[k] = a.get("content")
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip: return
        if tag in BLOCK: self.flush()
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.flush(); self.segs.append(a["value"])
    def handle_endtag(self, tag):
        if tag == "title": self.in_title = False
        if tag in SKIP:
            self.skip = max(0, self.skip - 1); return
        if self.skip: return
        if tag in BLOCK: self.flush()
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP and tag not in VOID: self.skip = max(0, self.skip-1)
    def handle_data(self, d):
        if self.in_title: self.title += d
        if not self.skip: self.cur.append(d)

def segments(text):
    p = Seg(); p.feed(text); p.flush(); return p

QUOTE = re.compile(r"^(>\s?)+")
MARK = re.compile(r"^(?:[-*•·▪►]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")

def main(fill=False, only=None):
    ok = True
    for jp in sorted(D.glob("*.json")):
        if only and only not in jp.name: continue
        cid = jp.stem
        raw = jp.read_text(encoding="utf-8")
        try:
            j = json.loads(raw)
        except Exception as e:
            print(cid, "BAD JSON", e); ok = False; continue
        inp = [p for p in D.glob(cid + ".*") if p.suffix in (".txt", ".html")]
        if len(inp) != 1:
            print(cid, "input file?", inp); ok = False; continue
        inp = inp[0]
        for k in ["lang","site","input","split","title","date","author","reject","body","clutter","notes"]:
            if k not in j: print(cid, "missing", k); ok = False
        if j["date"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", j["date"]):
            print(cid, "bad date", j["date"]); ok = False
        text = inp.read_text(encoding="utf-8")
        if inp.suffix == ".html":
            p = segments(text)
            segs = p.segs
        else:
            segs = [l.strip() for l in text.replace("\f", "\n").splitlines() if l.strip()]
        # match body in order
        used = set(); pos = 0; norm_used = []
        def nrm(s):
            s = QUOTE.sub("", s).strip()
            return s
        for b in j["body"]:
            found = None
            for i in range(pos, len(segs)):
                s = segs[i]
                cands = [s, nrm(s)]
                cands.append(MARK.sub("", cands[-1]).strip())
                if b in cands:
                    found = (i, i)
                    if b != s: norm_used.append((b[:40], s[:40]))
                    break
                # wrapped paragraph (plain-text e-mail / hard-wrapped input)
                acc = cands[-1] if b.startswith(cands[-1]) else cands[1]
                k = i
                while b.startswith(acc) and acc != b and k + 1 < len(segs) and acc:
                    k += 1
                    acc = acc + " " + nrm(segs[k])
                if acc == b and k > i:
                    found = (i, k); norm_used.append((b[:40], "wrapped")); break
            if found is None:
                print(cid, "BODY NOT FOUND (in order):", b[:90]); ok = False
            else:
                used.update(range(found[0], found[1] + 1)); pos = found[1] + 1
        title_idx = None
        if j["title"]:
            for i, s in enumerate(segs):
                if i in used: continue
                if j["title"] in (s, QUOTE.sub("", s).strip()):
                    title_idx = i; break
            if title_idx is None:
                if inp.suffix == ".html" and (j["title"] in p.title or j["title"] == (p.metas.get("og:title") or "")):
                    pass
                else:
                    print(cid, "TITLE NOT FOUND:", j["title"]); ok = False
        clutter = []
        for i, s in enumerate(segs):
            if i in used or i == title_idx: continue
            if s in j["body"] or s == j["title"]:
                print(cid, "WARN clutter seg equals body/title:", s[:80])
                continue
            if s not in clutter: clutter.append(s)
        if fill:
            j["clutter"] = clutter
            jp.write_text(json.dumps(j, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        elif j["clutter"] != clutter:
            missing = [c for c in clutter if c not in j["clutter"]]
            extra = [c for c in j["clutter"] if c not in clutter]
            if missing or extra:
                print(cid, "clutter differs; missing", missing[:5], "extra", extra[:5])
        print(f"{cid}: lang={j['lang']} input={j['input']} split={j['split']} body={len(j['body'])} clutter={len(clutter)} norm={len(norm_used)}")
    return ok

if __name__ == "__main__":
    args = sys.argv[1:]
    fill = "--fill" in args
    only = next((a for a in args if not a.startswith("--")), None)
    sys.exit(0 if main(fill, only) else 1)
