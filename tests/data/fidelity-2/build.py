# -*- coding: utf-8 -*-
"""Writes pairs/*.json, glossary.csv and faults.jsonl from build_pairs.py and build_faults.py."""
import csv, json, os
from build_pairs import PAIRS
from build_faults import F

HERE = os.path.dirname(os.path.abspath(__file__))

GLOSSARY = [
    ("Federación Nacional de Trabajadores Mineros", "National Federation of Mine Workers", ""),
    ("Unión de Jornaleras del Campo", "Women Farmworkers' Union", ""),
    ("Coordinadora por el Agua y la Vida", "Water and Life Coalition", ""),
    ("Asociación de Familiares de Víctimas del Alto Valle", "Alto Valle Victims' Families Association", ""),
    ("Confederación Sindical de Trabajadores del Cono Sur", "Southern Cone Workers' Trade Union Confederation", ""),
    ("Sindicato Unificado de Trabajadores de la Salud", "Unified Health Workers' Union", ""),
    ("Red de Solidaridad Portuaria", "Dockers' Solidarity Network", ""),
    ("Sindicato Minero del Cinturón del Platino", "Platinum Belt Mineworkers' Union", ""),
    ("huelga general", "general strike", ""),
    ("fondo de huelga", "strike fund", ""),
    ("convenio colectivo", "collective agreement", ""),
    ("despido injustificado", "unfair dismissal", ""),
    ("trabajadores de plataformas", "platform workers", ""),
    ("Madres de la Ribera", "Madres de la Ribera", "name"),
    ("Pan y Techo", "Pan y Techo", "name"),
    ("Carers Together", "Carers Together", "name"),
    ("Rank and File Nurses", "Rank and File Nurses", "name"),
    ("Unión Portuaria del Pacífico", "Unión Portuaria del Pacífico", "name"),
]

def main():
    os.makedirs(os.path.join(HERE, "pairs"), exist_ok=True)
    by_prefix = {}
    for p in PAIRS:
        by_prefix[p["id"][:8]] = p
        with open(os.path.join(HERE, "pairs", p["id"] + ".json"), "w", encoding="utf-8") as fh:
            json.dump(p, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    with open(os.path.join(HERE, "glossary.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["es", "en", "note"])
        w.writerows(GLOSSARY)
    seen = set()
    with open(os.path.join(HERE, "faults.jsonl"), "w", encoding="utf-8") as fh:
        order = {p["id"][:8]: i for i, p in enumerate(PAIRS)}
        ordered = sorted(F, key=lambda x: (order[x[0]], -1 if x[1] == "title" else x[1]))
        for prefix, block, kind, old, new, note in ordered:
            p = by_prefix[prefix]
            clean = p["title"]["target"] if block == "title" else p["blocks"][block]["target"]
            n = clean.count(old)
            assert n == 1, (prefix, block, kind, old, n)
            target = clean.replace(old, new)
            assert target != clean
            key = (p["id"], block, target)
            assert key not in seen, key
            seen.add(key)
            fh.write(json.dumps({"pair": p["id"], "block": block, "kind": kind,
                                 "target": target, "note": note}, ensure_ascii=False) + "\n")
    print(len(PAIRS), "pairs,", len(F), "faults written")

if __name__ == "__main__":
    main()
