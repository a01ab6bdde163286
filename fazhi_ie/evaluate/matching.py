"""One-to-one matching of gold and predicted items (maximum-weight bipartite assignment)."""

from __future__ import annotations

from collections.abc import Mapping


# --- one-to-one matching --------------------------------------------------------
def _hungarian_max(weights: list[list[int]]) -> list[int]:
    """Maximum-weight assignment of every row to a distinct column (rows <= cols).

    O(rows² · cols) Hungarian algorithm with potentials (integer arithmetic).
    Returns, for each row, its column.
    """
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j; 0 = free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv: list[float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta: float = inf
            j1 = 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def match_one_to_one(
    n_gold: int,
    n_pred: int,
    edges: Mapping[tuple[int, int], tuple[int, int]],
) -> list[tuple[int, int]]:
    """A one-to-one matching of gold and predicted items.

    ``edges`` maps ``(gold_index, pred_index)`` of every compatible pair to a
    preference ``(agree, tie)`` of small non-negative integers (``agree`` at
    most 2, ``tie`` at most 1). The result is a maximum matching (most pairs);
    among those, one with the largest total ``agree``; among those, the
    largest total ``tie``. It does not depend on the order of the items except
    in choosing between matchings that are equal on all three counts.
    """
    if not edges:
        return []
    # Connected components (union-find over gold nodes g and pred nodes n_gold + p).
    parent = list(range(n_gold + n_pred))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, p in edges:
        a, b = find(g), find(n_gold + p)
        if a != b:
            parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for g, p in edges:
        rows, cols = groups.setdefault(find(g), ([], []))
        if g not in rows:
            rows.append(g)
        if p not in cols:
            cols.append(p)
    pairs: list[tuple[int, int]] = []
    for rows, cols in groups.values():
        rows.sort()
        cols.sort()
        k = min(len(rows), len(cols))
        s2 = k + 1  # the total of `tie` never reaches s2
        s1 = k * (2 * s2 + 1) + 1  # the total of agree*s2+tie never reaches s1
        transpose = len(rows) > len(cols)
        outer, inner = (cols, rows) if transpose else (rows, cols)
        matrix: list[list[int]] = []
        for a in outer:
            line = []
            for b in inner:
                key = (b, a) if transpose else (a, b)
                pref = edges.get(key)
                line.append(0 if pref is None else s1 + pref[0] * s2 + pref[1])
            matrix.append(line)
        for oi, ii in enumerate(_hungarian_max(matrix)):
            a, b = outer[oi], inner[ii]
            key = (b, a) if transpose else (a, b)
            if key in edges:
                pairs.append(key)
    pairs.sort()
    return pairs


def _bipartite_perfect(left: list[set[str]], right: list[set[str]]) -> bool:
    """True when ``left`` and ``right`` can be paired one to one by shared keys."""
    if len(left) != len(right):
        return False
    match_r: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, keys in enumerate(right):
            if j in seen or not (left[i] & keys):
                continue
            seen.add(j)
            if j not in match_r or augment(match_r[j], seen):
                match_r[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(left)))
