"""Answer variants for 08_applications/01_costly_decisions (see tests/test_exercises.py)."""

# bootstrap_ci with one configurable step.
_BOOT = (
    "def bootstrap_ci(y_true, y_pred, metric, n_boot=1000, alpha=0.05, seed=0):\n"
    "    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)\n"
    "    n = len(y_true)\n"
    "    rng = np.random.default_rng(seed)\n"
    "    values = []\n"
    "    for _ in range(n_boot):\n"
    "        {draw}\n"
    "        values.append({apply})\n"
    "    {tails}\n"
    "    return float(low), float(high)\n"
)
_B_OK = dict(draw="idx = rng.integers(0, n, size=n)", apply="metric(y_true[idx], y_pred[idx])",
             tails="low, high = np.quantile(values, alpha / 2), np.quantile(values, 1 - alpha / 2)")


def _boot(**mistake):
    return _BOOT.format(**{**_B_OK, **mistake})


# min_cost_threshold with one configurable step.
_COST = (
    "def min_cost_threshold(y_true, scores, cost_fn, cost_fp):\n"
    "    y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)\n"
    "    best_t, best_c = None, None\n"
    "    for t in {candidates}:\n"
    "        pred = {predict}\n"
    "        fn = int(np.sum((pred == 0) & (y_true == 1)))\n"
    "        fp = int(np.sum((pred == 1) & (y_true == 0)))\n"
    "        c = {cost}\n"
    "        if best_c is None or {better}:\n"
    "            best_t, best_c = t, c\n"
    "    return float(best_t)\n"
)
_C_OK = dict(candidates="np.unique(scores)", predict="scores >= t", cost="cost_fn * fn + cost_fp * fp",
             better="c < best_c")


def _cost(**mistake):
    return _COST.format(**{**_C_OK, **mistake})


# average_precision with one configurable step (loop over distinct thresholds, highest first).
_AP = (
    "def average_precision(y_true, scores):\n"
    "    y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=float)\n"
    "    n_pos = np.sum(y_true == 1)\n"
    "    ap, prev_recall = 0.0, 0.0\n"
    "    precisions, recalls = [], []\n"
    "    for t in np.unique(scores)[::-1]:\n"
    "        flagged = scores >= t\n"
    "        tp = np.sum(flagged & (y_true == 1))\n"
    "        precisions.append(tp / flagged.sum())\n"
    "        recalls.append(tp / n_pos)\n"
    "    {combine}\n"
    "    return float(ap)\n"
)
_AP_STEP = ("for p, r in zip(precisions, recalls):\n"
            "        ap += (r - prev_recall) * p\n"
            "        prev_recall = r")


def _ap(combine):
    return _AP.format(combine=combine)


VARIANTS = {
    "08_bootstrap_ci": {
        "correct": {
            "relies only on what the text promises (a loop and np.quantile)": _boot(),
            "all replicates drawn in one call of shape (n_boot, n)": (
                "def bootstrap_ci(y_true, y_pred, metric, n_boot=1000, alpha=0.05, seed=0):\n"
                "    n = len(y_true)\n"
                "    rows = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))\n"
                "    vals = np.array([metric(y_true[r], y_pred[r]) for r in rows])\n"
                "    lo, hi = np.quantile(vals, [alpha / 2, 1 - alpha / 2])\n"
                "    return (float(lo), float(hi))\n"
            ),
            "np.percentile in per cent": _boot(
                tails="low, high = np.percentile(values, [100 * alpha / 2, 100 * (1 - alpha / 2)])"),
            "rng.choice(n, size=n) (the same stream as rng.integers)": _boot(draw="idx = rng.choice(n, size=n)"),
            # The text allows a 2-D y_pred (one column per model): answers written for that must pass.
            "rows taken with np.take(..., axis=0), written for 2-D scores": _boot(
                apply="metric(np.take(y_true, idx, axis=0), np.take(y_pred, idx, axis=0))"),
            "rows taken with y_pred[idx, ...]": _boot(apply="metric(y_true[idx], y_pred[idx, ...])"),
        },
        "wrong": {
            "resampling without replacement": _boot(draw="idx = rng.permutation(n)"),
            "y_true and y_pred resampled independently": _boot(
                draw="idx, idx2 = rng.integers(0, n, size=n), rng.integers(0, n, size=n)",
                apply="metric(y_true[idx], y_pred[idx2])"),
            "metric's arguments swapped, metric(y_pred_sample, y_true_sample)": _boot(
                apply="metric(y_pred[idx], y_true[idx])"),
            "tails at alpha and 1 - alpha": _boot(tails="low, high = np.quantile(values, alpha), np.quantile(values, 1 - alpha)"),
            "np.percentile with fractions (forgot the factor 100)": _boot(
                tails="low, high = np.percentile(values, [alpha / 2, 1 - alpha / 2])"),
            "a new generator for each replicate": _boot(draw="idx = np.random.default_rng(seed).integers(0, n, size=n)"),
            "normal interval, mean +- 1.96 standard deviations": _boot(
                tails="low, high = np.mean(values) - 1.96 * np.std(values), np.mean(values) + 1.96 * np.std(values)"),
            "seed ignored (always 0)": _boot(draw="rng = rng if _ else np.random.default_rng(0)\n"
                                                  "        idx = rng.integers(0, n, size=n)"),
            "n_boot - 1 replicates (off by one)": (
                "def bootstrap_ci(y_true, y_pred, metric, n_boot=1000, alpha=0.05, seed=0):\n"
                "    n = len(y_true)\n"
                "    rng = np.random.default_rng(seed)\n"
                "    vals = [metric(y_true[i], y_pred[i]) for i in (rng.integers(0, n, size=n) for _ in range(n_boot - 1))]\n"
                "    return float(np.quantile(vals, alpha / 2)), float(np.quantile(vals, 1 - alpha / 2))\n"
            ),
        },
    },
    "08_min_cost_threshold": {
        "correct": {
            "relies only on what the text promises (a loop over the distinct scores)": _cost(),
            "vectorised over sorted scores": (
                "def min_cost_threshold(y_true, scores, cost_fn, cost_fp):\n"
                "    cand = np.sort(np.unique(scores))\n"
                "    costs = [cost_fn * np.sum((scores < t) & (y_true == 1)) + cost_fp * np.sum((scores >= t) & (y_true == 0))\n"
                "             for t in cand]\n"
                "    return float(cand[int(np.argmin(costs))])\n"
            ),
            "loop from the highest threshold down, keeping the smaller on ties": _cost(
                candidates="np.unique(scores)[::-1]", better="c <= best_c"),
        },
        "wrong": {
            "maximises accuracy instead of minimising cost": _cost(cost="fn + fp"),
            "costs swapped": _cost(cost="cost_fp * fn + cost_fn * fp"),
            "predicts positive when score > threshold": _cost(predict="scores > t"),
            "cost from rates instead of counts": _cost(
                cost="cost_fn * fn / max(1, np.sum(y_true == 1)) + cost_fp * fp / max(1, np.sum(y_true == 0))"),
            "largest threshold on ties": _cost(better="c <= best_c"),
            "a fixed grid of thresholds instead of the distinct scores": _cost(candidates="np.linspace(0, 1, 101)"),
            "counts true positives as the cost of a missed positive": _cost(
                cost="cost_fn * int(np.sum(pred & (y_true == 1))) + cost_fp * fp"),
        },
    },
    "08_average_precision": {
        "correct": {
            "relies only on what the text promises (a loop over distinct thresholds)": _ap(_AP_STEP),
            "scikit-learn's average_precision_score": (
                "from sklearn.metrics import average_precision_score\n"
                "def average_precision(y_true, scores):\n"
                "    return float(average_precision_score(y_true, scores))\n"
            ),
            "from precision_recall_curve": (
                "from sklearn.metrics import precision_recall_curve\n"
                "def average_precision(y_true, scores):\n"
                "    precision, recall, _ = precision_recall_curve(y_true, scores)\n"
                "    return float(-np.sum(np.diff(recall) * precision[:-1]))\n"
            ),
        },
        "wrong": {
            "trapezoid area under the PR curve": (
                "from sklearn.metrics import auc, precision_recall_curve\n"
                "def average_precision(y_true, scores):\n"
                "    precision, recall, _ = precision_recall_curve(y_true, scores)\n"
                "    return float(auc(recall, precision))\n"
            ),
            "interpolated precision (best precision at any higher recall)": _ap(
                "precisions = np.maximum.accumulate(np.array(precisions)[::-1])[::-1]\n"
                "    " + _AP_STEP),
            "ties ranked one by one instead of grouped": (
                "def average_precision(y_true, scores):\n"
                "    order = np.argsort(-np.asarray(scores), kind='stable')\n"
                "    y = np.asarray(y_true)[order]\n"
                "    hits = np.cumsum(y)\n"
                "    precision_at_hit = hits[y == 1] / (np.flatnonzero(y == 1) + 1)\n"
                "    return float(precision_at_hit.mean())\n"
            ),
            "mean precision over all thresholds (not weighted by recall)": _ap("ap = np.mean(precisions)"),
            "ROC AUC instead of average precision": (
                "from sklearn.metrics import roc_auc_score\n"
                "def average_precision(y_true, scores):\n"
                "    return float(roc_auc_score(y_true, scores))\n"
            ),
            "recall step weighted by the previous precision": _ap(
                "prev_p = 1.0\n"
                "    for p, r in zip(precisions, recalls):\n"
                "        ap += (r - prev_recall) * prev_p\n"
                "        prev_recall, prev_p = r, p"),
        },
    },
}
