"""Regenerate every ID/expected.json from the pairing decisions below.

    /work/main/.venv/bin/python /work/corpora/alignment/tools/build_expected.py

The expected.json files are the corpus; this script only records how each pairing was
decided, so that a fix to a text can be followed by a rebuild instead of hand edits.

Translation blocks are numbered as blocks.py numbers them in the translation file
(T0, T1, ...). A pairing entry is one of:
  None                   the original block has no translation
  3                      translation block T3, whole
  [3, 4]                 T3 and T4 joined with one space (a block the translator split)
  ("cut", 3, a, b)       the part of T3 from the text `a` (None: start) up to, not
                         including, the text `b` (None: end); used where the translator
                         merged blocks; cuts must fall on sentence boundaries
  ("join", x, y, ...)    the texts of several entries joined with one space
  "literal text"         a literal piece (must occur in the translation)
"""
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PY = "/work/main/.venv/bin/python"
BLOCKS = "/work/corpora/tools/blocks.py"
LINE = re.compile(r"^\[(\d+)\] (\S+)\s+('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def blocks(path):
    out = subprocess.run([PY, BLOCKS, str(path)], capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            raise SystemExit(f"unparsed blocks.py line in {path}: {line!r}")
        rep = m.group(3)
        start = m.start(3) + max(6, len(rep)) + 1
        result.append(line[start:])
    return result


def clean(text):
    """Plain text: Markdown emphasis markers removed, whitespace collapsed."""
    text = text.replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


SENTENCE_END = tuple('.!?:;…"»”)')


def resolve(entry, tblocks, where):
    if entry is None:
        return None
    if isinstance(entry, int):
        return tblocks[entry]
    if isinstance(entry, list):
        return " ".join(tblocks[i] for i in entry)
    if isinstance(entry, str):
        return clean(entry)
    kind = entry[0]
    if kind == "join":
        return " ".join(resolve(e, tblocks, where) for e in entry[1:])
    if kind == "cut":
        _, t, a, b = entry
        text = tblocks[t]
        i = 0 if a is None else text.index(a)
        j = len(text) if b is None else text.index(b, i + 1)
        for pos in (i, j):
            if 0 < pos < len(text) and not text[:pos].rstrip().endswith(SENTENCE_END):
                raise SystemExit(f"{where}: cut inside a sentence at {text[max(0, pos-30):pos+10]!r}")
        return text[i:j].strip()
    raise SystemExit(f"{where}: bad entry {entry!r}")


# ---------------------------------------------------------------------------------------
# Pairing decisions. Keys: split, vars (variations), title (T index or None),
# map (one entry per original block), extra (entries for translation text that
# translates no original block).
# ---------------------------------------------------------------------------------------
CASES = {
    "es-en-01-auxiliares-valparaiso": dict(
        split="tune", vars=["one_to_one", "title_heading", "short_long_mix", "anchors"],
        title=0, map=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], extra=[]),
    "es-en-02-repartidores-cordoba": dict(
        split="tune", vars=["merged", "prose_to_list", "note_end", "title_plain", "anchors"],
        title=0,
        map=[1, 2,
             ("cut", 3, None, "And this is not the first time"),
             ("cut", 3, "And this is not the first time", None),
             [4, 5, 6, 7], 8, 9],
        extra=[10]),
    "es-en-03-agua-monterrey": dict(
        split="holdout", vars=["omitted_start", "dateline_dropped", "no_title", "anchors"],
        title=None, map=[None, 0, 1, None, 2, 3, 4, 5, 6, 7], extra=[]),
    "es-en-04-desahucio-lavapies": dict(
        split="tune", vars=["web_clutter", "title_heading", "short_long_mix", "anchors"],
        title=0, map=[None, None, None, 1, 2, 3, 4, 5, 6, 7, 8, None], extra=[]),
    "es-en-05-mineros-espinar": dict(
        split="tune",
        vars=["omitted_start", "list_to_prose", "signatures_merged", "title_plain", "anchors"],
        title=0,
        map=[None, 1, 2, 3, 4, None, None, None, None, 5, 6, None, None, None], extra=[]),
    "es-en-06-solidaridad-cauca": dict(
        split="tune", vars=["split", "note_start", "title_heading", "no_anchors"],
        title=0, map=[2, [3, 4], 5, 6, 7], extra=[1]),
    "es-en-07-aceria-aviles": dict(
        split="holdout", vars=["repeated_title", "omitted_end", "no_title", "anchors"],
        title=None, map=[None, 0, 1, 2, 3, 4, 5, 6, None, 7], extra=[]),
    "es-en-08-8m-guadalajara": dict(
        split="holdout",
        vars=["merged", "signatures_reordered", "short_long_mix", "title_plain", "anchors"],
        title=0,
        map=[1, 2, 3, 4, 5, 6, 7, "¡Ni una más!", "¡Ni una más!", "¡Ni una más!",
             9, 11, 12, 13, 10],
        extra=[]),
    "es-en-09-paro-portuario-montevideo": dict(
        split="tune", vars=["split", "merged", "plain_text_translation", "title_plain", "anchors"],
        title=0,
        map=[1, 2,
             ("join", 3, ("cut", 4, None, "The company argues")),
             ("cut", 4, "The company argues", None),
             5, 6, 7],
        extra=[]),
    "es-en-10-huelga-primaria-sevilla": dict(
        split="tune", vars=["omitted_middle", "title_heading", "short_long_mix", "anchors"],
        title=0, map=[1, 2, 3, None, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], extra=[]),
    "es-en-11-educacion-no-mercancia": dict(
        split="tune", vars=["merged", "no_title", "short_long_mix", "no_anchors"],
        title=None,
        map=[0, 1, 2, 3,
             ("cut", 4, None, "Education is not"),
             ("cut", 4, "Education is not", None)],
        extra=[]),
    "es-en-12-agua-cuenca": dict(
        split="holdout", vars=["prose_to_list", "note_end", "title_heading", "anchors"],
        title=0, map=[1, 2, 3, [4, 5, 6, 7], 8, 9], extra=[10]),
    "es-en-13-trabajadoras-hogar": dict(
        split="holdout",
        vars=["note_start", "signatures_merged", "plain_text_translation", "no_title",
              "short_long_mix", "anchors"],
        title=None, map=[1, 2, 3, 4, 5, 6, None, None, None], extra=[0]),
    "es-en-14-saludo-metalurgicos": dict(
        split="tune", vars=["omitted_start", "title_heading", "anchors"],
        title=0, map=[1, None, 2, 3, 4, 5, 6, 7, 8], extra=[]),
    "es-en-15-lideres-catatumbo": dict(
        split="tune",
        vars=["dateline_dropped", "split", "signatures_reordered", "title_plain", "anchors"],
        title=0, map=[None, 1, 2, 3, 4, 5, [6, 7], 8, 9, 12, 11, 10], extra=[]),
    "es-en-16-temporeras-rancagua": dict(
        split="holdout", vars=["one_to_one", "title_heading", "no_anchors"],
        title=0, map=[1, 2, 3, 4, 5], extra=[]),
    "es-en-17-plenario-zona-norte": dict(
        split="tune",
        vars=["merged", "omitted_middle", "note_end", "title_heading", "short_long_mix", "anchors"],
        title=0,
        map=[1, 2, 3, 4, 5,
             ("cut", 6, None, "There is no crisis"),
             ("cut", 6, "There is no crisis", None),
             7, 8, 9, 10, 11, 12, None, 13, 14,
             ("cut", 15, None, "Long live the working class!"),
             ("cut", 15, "Long live the working class!", None),
             16, 17, 18, 19, 20],
        extra=[21]),

    "en-es-01-limpiadoras-ferroviarias": dict(
        split="tune",
        vars=["web_clutter", "repeated_title", "dateline_dropped", "no_title", "anchors"],
        title=None,
        map=[None, None, None, 0, 1, 2, 3, None, None, None, None, None], extra=[]),
    "en-es-02-enfermeras-chicago": dict(
        split="holdout", vars=["list_to_prose", "note_end", "title_plain", "anchors"],
        title=0,
        map=[1, 2, 3,
             ("cut", 4, None, "Piden además"),
             None,
             ("cut", 4, "Piden además", "Por último"),
             None,
             ("cut", 4, "Por último", None),
             5, 6],
        extra=[7]),
    "en-es-03-carta-vivienda-estudiantil": dict(
        split="tune", vars=["omitted_middle", "signatures_merged", "no_title", "anchors"],
        title=None, map=[0, 1, 2, None, 3, 4, 5, 6, None, None, None, None], extra=[]),
    "en-es-04-platino-rustenburg": dict(
        split="tune", vars=["one_to_one", "no_title", "short_long_mix", "anchors"],
        title=None, map=[0, 1, 2, 3, 4, 5, 6, 7], extra=[]),
    "en-es-05-obra-melbourne": dict(
        split="tune", vars=["merged", "dateline_dropped", "title_plain", "anchors"],
        title=0,
        map=[None, 1,
             ("cut", 2, None, "Nuestros afiliados"),
             ("cut", 2, "Nuestros afiliados", None),
             3,
             ("cut", 4, None, "Descansa en paz"),
             ("cut", 4, "Descansa en paz", None)],
        extra=[]),
    "en-es-06-jornaleros-yakima": dict(
        split="holdout", vars=["split", "note_start", "title_heading", "anchors"],
        title=0, map=[[2, 3], 4, 5, 6, 7], extra=[1]),
    "en-es-07-basuras-bristol": dict(
        split="tune", vars=["repeated_title", "prose_to_list", "no_title", "anchors"],
        title=None, map=[None, 0, 1, 2, [3, 4, 5, 6], 7], extra=[]),
    "en-es-08-docentes-clima": dict(
        split="tune", vars=["omitted_end", "title_heading", "no_anchors"],
        title=0, map=[1, 2, 3, 4, None, 5], extra=[]),
    "en-es-09-inquilinos-bronx": dict(
        split="holdout",
        vars=["signatures_reordered", "plain_text_translation", "no_title", "anchors"],
        title=None, map=[0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 10, 9], extra=[]),
    "en-es-10-salud-comunitaria-durban": dict(
        split="tune", vars=["split", "merged", "title_heading", "short_long_mix", "anchors"],
        title=0,
        map=[1, [2, 3], 4, 5,
             ("cut", 6, None, "Agradecemos"),
             ("cut", 6, "Agradecemos", None),
             7],
        extra=[]),
    "en-es-11-despidos-northgate": dict(
        split="tune", vars=["omitted_start", "title_heading", "anchors"],
        title=0, map=[1, None, 2, 3, 4, 5, 6, 7, 8, 9, 10], extra=[]),
    "en-es-12-maritimos-pacifico": dict(
        split="holdout", vars=["web_clutter", "omitted_middle", "no_title", "anchors"],
        title=None, map=[None, 0, 1, None, 2, None, None, None], extra=[]),
    "en-es-13-dia-del-trabajo": dict(
        split="tune",
        vars=["signatures_merged", "note_end", "title_plain", "short_long_mix", "anchors"],
        title=0, map=[1, 2, 3, 4, 5, 6, 7, None, None], extra=[8]),
    "en-es-14-incendio-leicester": dict(
        split="tune", vars=["list_to_prose", "split", "no_title", "anchors"],
        title=None, map=[0, 1, 2, [3, 4], 5, None, None, None, 6], extra=[]),
    "en-es-15-resolucion-agua": dict(
        split="tune", vars=["omitted_end", "note_end", "title_heading", "anchors"],
        title=0, map=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, None], extra=[12]),
    "en-es-16-bibliotecas-leeds": dict(
        split="tune", vars=["one_to_one", "title_plain", "short_long_mix", "no_anchors"],
        title=0, map=[1, 2, 3, 4, 5], extra=[]),
    "en-es-17-cumbre-hosteleria": dict(
        split="holdout",
        vars=["web_clutter", "split", "merged", "title_plain", "short_long_mix", "anchors"],
        title=0,
        map=[None, None, 1, [2, 3], 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
             ("cut", 16, None, "La cumbre votó además"),
             ("cut", 16, "La cumbre votó además", None),
             17, 18, None],
        extra=[]),
}


def translation_file(case_dir):
    found = [p for p in (case_dir / "translation.md", case_dir / "translation.txt") if p.exists()]
    if len(found) != 1:
        raise SystemExit(f"{case_dir.name}: expected exactly one translation file")
    return found[0]


def build(case_id, spec):
    d = HERE / case_id
    src = blocks(d / "original.md")
    tblocks = [clean(t) for t in blocks(translation_file(d))]
    if len(spec["map"]) != len(src):
        raise SystemExit(f"{case_id}: map has {len(spec['map'])} entries, original has {len(src)} blocks")
    where = case_id
    used = set()

    def note_used(entry):
        if isinstance(entry, int):
            used.add(entry)
        elif isinstance(entry, list):
            used.update(entry)
        elif isinstance(entry, tuple):
            if entry[0] == "cut":
                used.add(entry[1])
            else:
                for e in entry[1:]:
                    note_used(e)

    for e in spec["map"] + spec["extra"]:
        note_used(e)
    if spec["title"] is not None:
        used.add(spec["title"])
    literal_only = {i for i, t in enumerate(tblocks) if i not in used}
    # A translation block may be covered only by literal pieces (e.g. repeated slogans).
    for i in sorted(literal_only):
        covered = any(isinstance(e, str) and clean(e) in tblocks[i] for e in spec["map"])
        if not covered:
            raise SystemExit(f"{case_id}: translation block T{i} is paired with nothing: {tblocks[i][:60]!r}")

    lang = case_id.split("-")
    data = {
        "source_lang": lang[0],
        "target_lang": lang[1],
        "split": spec["split"],
        "variations": spec["vars"],
        "title": None if spec["title"] is None else tblocks[spec["title"]],
        "blocks": [
            {"source": s, "expected": resolve(e, tblocks, f"{where} block {i}")}
            for i, (s, e) in enumerate(zip(src, spec["map"]))
        ],
        "extra": [resolve(e, tblocks, f"{where} extra") for e in spec["extra"]],
    }
    (d / "expected.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    dirs = sorted(p.name for p in HERE.iterdir() if p.is_dir() and (p / "original.md").exists())
    missing = set(dirs) ^ set(CASES)
    if missing:
        raise SystemExit(f"cases without spec or spec without case: {sorted(missing)}")
    for case_id in dirs:
        build(case_id, CASES[case_id])
    print(f"wrote {len(dirs)} expected.json files")


if __name__ == "__main__":
    sys.exit(main())
