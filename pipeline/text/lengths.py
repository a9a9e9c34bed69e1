"""Gale–Church: how well two stretches of text in two languages match by length alone.

Pure functions. `length_cost` is the cost of one pairing's length difference; `gale_church`
aligns two short sequences (the sentences of one block and of its translation) with 1–1,
1–0, 0–1, 2–1 and 1–2 beads. Aligning whole documents is `interchange/pairing.py`, which
adds evidence beyond length.
"""

from __future__ import annotations

import math

# Expected characters of translation per character of original, per direction.
MEAN_RATIO = {("es", "en"): 0.9, ("en", "es"): 1.12}
VARIANCE = 6.8  # Gale–Church's s²
BEADS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}

Bead = tuple[list[int], list[int], float]


def phi(x: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def length_cost(len_src: int, len_tgt: int, ratio: float, mean: float | None = None) -> float:
    """-log P(length difference) for a pairing (its prior is counted apart).

    The difference is scaled by the mean of the two lengths, or by `mean` where given.
    """
    if len_src == 0 and len_tgt == 0:
        return 0.0
    if mean is None:
        mean = (len_src * ratio + len_tgt) / 2
    delta = (len_tgt - len_src * ratio) / math.sqrt(max(mean, 1) * VARIANCE)
    p = 2 * (1 - phi(abs(delta)))
    return -math.log(max(p, 1e-12))


def _length(len_src: int, len_tgt: int, ratio: float) -> float:
    # As Gale and Church: an empty side is scaled by the other side's length alone.
    return length_cost(len_src, len_tgt, ratio, None if len_src else len_tgt)


def _cost(len_src: int, len_tgt: int, ratio: float, bead: tuple[int, int]) -> float:
    return -math.log(BEADS[bead]) + _length(len_src, len_tgt, ratio)


def gale_church(src: list[int], tgt: list[int], ratio: float) -> list[Bead]:
    """Align two sequences of lengths: beads of (source indexes, target indexes, probability)."""
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = cost[i][j] + _cost(sum(src[i:ni]), sum(tgt[j:nj]), ratio, (di, dj))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        probability = math.exp(-_length(sum(src[i - di : i]), sum(tgt[j - dj : j]), ratio))
        beads.append((list(range(i - di, i)), list(range(j - dj, j)), probability))
        i, j = i - di, j - dj
    return beads[::-1]
