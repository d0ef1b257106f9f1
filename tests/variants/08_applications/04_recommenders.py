"""Answer variants for 08_applications/04_recommenders (see tests/test_exercises.py)."""

# time_split with configurable steps.
_SPLIT = (
    "def time_split(users, timestamps, test_fraction):\n"
    "    users, timestamps = np.asarray(users), np.asarray(timestamps)\n"
    "    is_test = np.zeros(len(users), dtype=bool)\n"
    "    for u in np.unique(users):\n"
    "        rows = np.flatnonzero(users == u)\n"
    "        m = len(rows)\n"
    "        n_test = {n_test}\n"
    "        order = {order}\n"
    "        if n_test > 0:\n"
    "            is_test[{chosen}] = True\n"
    "    return is_test\n"
)
_S_OK = dict(n_test="min(max(1, int(test_fraction * m)), m - 1)",
             order="rows[np.argsort(timestamps[rows])]",
             chosen="order[-n_test:]")


def _split(**mistake):
    return _SPLIT.format(**{**_S_OK, **mistake})


# recall_at_k / ndcg_at_k with configurable steps.
_RANK = (
    "    s = {copy}\n"
    "    {exclude}\n"
    "    top = {top}\n"
)
_R_OK = dict(copy="np.array(scores, dtype=float)", exclude="s[np.asarray(train_items, dtype=int)] = -np.inf",
             top="np.argsort(-s)[:k]")


def _recall(result="float(hits / len(test_items))", **mistake):
    return ("def recall_at_k(scores, train_items, test_items, k):\n" + _RANK.format(**{**_R_OK, **mistake})
            + "    hits = np.isin(top, test_items).sum()\n"
            + f"    return {result}\n")


def _ndcg(discount="1 / np.log2(np.arange(1, k + 1) + 1)", ideal="disc[:min(k, len(test_items))].sum()",
          result="float(dcg / idcg)", **mistake):
    return ("def ndcg_at_k(scores, train_items, test_items, k):\n" + _RANK.format(**{**_R_OK, **mistake})
            + "    rel = np.isin(top, test_items).astype(float)\n"
            + f"    disc = {discount}\n"
            + "    dcg = (rel * disc).sum()\n"
            + f"    idcg = {ideal}\n"
            + "    with np.errstate(divide='ignore', invalid='ignore'):\n"
            + f"        return {result}\n")


VARIANTS = {
    "08_time_split": {
        "correct": {
            "relies only on what the text promises (one loop over users, rank by sorting)": _split(),
            "pandas groupby and rank": (
                "import pandas as pd\n"
                "def time_split(users, timestamps, test_fraction):\n"
                "    df = pd.DataFrame({'u': users, 't': timestamps})\n"
                "    m = df.groupby('u')['t'].transform('size').to_numpy()\n"
                "    newest = df.groupby('u')['t'].rank(ascending=False, method='first').to_numpy()\n"
                "    n_test = np.minimum(np.maximum(1, (test_fraction * m).astype(int)), m - 1)\n"
                "    return newest <= n_test\n"
            ),
            "sorted by (user, time) with lexsort, then the last n_test of each run": (
                "def time_split(users, timestamps, test_fraction):\n"
                "    order = np.lexsort((timestamps, users))\n"
                "    out = np.zeros(len(users), dtype=bool)\n"
                "    su = users[order]\n"
                "    bounds = np.r_[0, np.flatnonzero(su[1:] != su[:-1]) + 1, len(su)]\n"
                "    for a, b in zip(bounds[:-1], bounds[1:]):\n"
                "        m = b - a\n"
                "        n = min(max(1, int(test_fraction * m)), m - 1)\n"
                "        out[order[b - n:b]] = True\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "the earliest interactions instead of the latest": _split(chosen="order[:n_test]"),
            "one global time cut instead of per user": (
                "def time_split(users, timestamps, test_fraction):\n"
                "    cut = np.quantile(timestamps, 1 - test_fraction)\n"
                "    return np.asarray(timestamps) > cut\n"
            ),
            "a random choice per user instead of the latest": _split(order="np.random.default_rng(0).permutation(rows)"),
            "no minimum of one test interaction": _split(n_test="min(int(test_fraction * m), m - 1)"),
            "no cap at m - 1 (a one-interaction user goes to test)": _split(n_test="max(1, int(test_fraction * m))"),
            "rounds instead of the floor": _split(n_test="min(max(1, round(test_fraction * m)), m - 1)"),
            "the mask in sorted order, not aligned with the input rows": (
                "def time_split(users, timestamps, test_fraction):\n"
                "    order = np.lexsort((timestamps, users))\n"
                "    su = users[order]\n"
                "    out = np.zeros(len(users), dtype=bool)\n"
                "    for u in np.unique(su):\n"
                "        rows = np.flatnonzero(su == u)\n"
                "        m = len(rows)\n"
                "        n = min(max(1, int(test_fraction * m)), m - 1)\n"
                "        out[rows[m - n:]] = True\n"
                "    return out\n"
            ),
            "sorts the caller's arrays in place": (
                "def time_split(users, timestamps, test_fraction):\n"
                "    order = np.lexsort((timestamps, users))\n"
                "    users[:] = users[order]\n"
                "    timestamps[:] = timestamps[order]\n"
                "    out = np.zeros(len(users), dtype=bool)\n"
                "    for u in np.unique(users):\n"
                "        rows = np.flatnonzero(users == u)\n"
                "        m = len(rows)\n"
                "        n = min(max(1, int(test_fraction * m)), m - 1)\n"
                "        out[order[rows[m - n:]]] = True\n"
                "    return out\n"
            ),
        },
    },
    "08_recall_at_k": {
        "correct": {
            "training items masked to -inf, then argsort (written from the exercise text alone)": (
                "def recall_at_k(scores, train_items, test_items, k):\n"
                "    s = np.array(scores, dtype=float)\n"
                "    s[np.asarray(train_items, dtype=int)] = -np.inf\n"
                "    top = np.argsort(-s, kind='stable')[:k]\n"
                "    return float(len(set(top.tolist()) & set(np.asarray(test_items).tolist())) / len(test_items))\n"
            ),
            "relies only on what the text promises (a loop down the sorted list)": (
                "def recall_at_k(scores, train_items, test_items, k):\n"
                "    seen = set(int(i) for i in train_items)\n"
                "    wanted = set(int(i) for i in test_items)\n"
                "    top = []\n"
                "    for i in sorted(range(len(scores)), key=lambda i: -scores[i]):\n"
                "        if i not in seen:\n"
                "            top.append(i)\n"
                "        if len(top) == k:\n"
                "            break\n"
                "    return len(wanted.intersection(top)) / len(wanted)\n"
            ),
            "keeps the candidate ids with setdiff1d, argpartition": (
                "def recall_at_k(scores, train_items, test_items, k):\n"
                "    candidates = np.setdiff1d(np.arange(len(scores)), train_items)\n"
                "    best = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]\n"
                "    return float(len(np.intersect1d(best, test_items)) / len(test_items))\n"
            ),
            "ascending argsort read from the end": _recall(top="np.argsort(s)[::-1][:k]"),
        },
        "wrong": {
            "hits divided by k instead of by the number of test items": (
                "def recall_at_k(scores, train_items, test_items, k):\n"
                "    s = np.array(scores, dtype=float)\n"
                "    s[np.asarray(train_items, dtype=int)] = -np.inf\n"
                "    top = np.argsort(-s, kind='stable')[:k]\n"
                "    return float(len(set(top.tolist()) & set(np.asarray(test_items).tolist())) / k)\n"
            ),
            "counts the items seen in training (no exclusion)": _recall(exclude="pass"),
            "divides by k (precision@k)": _recall(result="float(hits / k)"),
            "divides by min(k, len(test_items))": _recall(result="float(hits / min(k, len(test_items)))"),
            "ranks by increasing score": _recall(top="np.argsort(s)[:k]"),
            "off by one: the top k + 1": _recall(top="np.argsort(-s)[:k + 1]"),
            "deletes the training items, so the ids shift": _recall(copy="np.array(scores, dtype=float)",
                                                                   exclude="s = np.delete(s, train_items)"),
            "sets the caller's scores to -inf": _recall(copy="scores"),
            "returns the number of hits": _recall(result="float(hits)"),
        },
    },
    "08_ndcg_at_k": {
        "correct": {
            "relies only on what the text promises (loops, math.log2)": (
                "import math\n"
                "def ndcg_at_k(scores, train_items, test_items, k):\n"
                "    seen = set(int(i) for i in train_items)\n"
                "    wanted = set(int(i) for i in test_items)\n"
                "    ranking = [i for i in sorted(range(len(scores)), key=lambda i: -scores[i]) if i not in seen]\n"
                "    dcg = sum(1 / math.log2(r + 1) for r, i in enumerate(ranking[:k], start=1) if i in wanted)\n"
                "    idcg = sum(1 / math.log2(r + 1) for r in range(1, min(k, len(wanted)) + 1))\n"
                "    return dcg / idcg\n"
            ),
            "natural log (the base cancels in the ratio)": _ndcg(discount="1 / np.log(np.arange(1, k + 1) + 1)"),
            "0-based ranks with log2(r + 2)": _ndcg(discount="1 / np.log2(np.arange(k) + 2)"),
            "ideal list built explicitly and scored like the real one": _ndcg(
                ideal="(np.r_[np.ones(min(k, len(test_items))), np.zeros(k - min(k, len(test_items)))] * disc).sum()"),
        },
        "wrong": {
            "no log discount": _ndcg(discount="np.ones(k)"),
            "log2(r) with r from 1 (divides by zero at rank 1)": _ndcg(discount="1 / np.log2(np.arange(1, k + 1))"),
            "log2(r + 1) with r from 0": _ndcg(discount="1 / np.log2(np.arange(k) + 1)"),
            "not normalised (returns the DCG)": _ndcg(result="float(dcg)"),
            "ideal DCG from the predicted top k sorted (not the ideal list)": _ndcg(ideal="(np.sort(rel)[::-1] * disc).sum()"),
            "ideal DCG over every test item, not capped at k": _ndcg(
                ideal="(1 / np.log2(np.arange(1, len(test_items) + 1) + 1)).sum()"),
            "training items not excluded": _ndcg(exclude="pass"),
            "sets the caller's scores to -inf": _ndcg(copy="scores"),
            "ranks by increasing score": _ndcg(top="np.argsort(s)[:k]"),
        },
    },
}
