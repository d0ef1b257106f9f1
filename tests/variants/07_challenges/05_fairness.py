"""Answer variants for 07_challenges/05_fairness (see tests/test_exercises.py)."""

# demographic_parity_difference with one configurable step.
_DPD = (
    "def demographic_parity_difference(y_true, y_pred, groups):\n"
    "    rates = [np.mean({source}[groups == g]) for g in {which}]\n"
    "    return float({result})\n"
)
_D_OK = dict(source="y_pred", which="np.unique(groups)", result="max(rates) - min(rates)")


def _dpd(**mistake):
    return _DPD.format(**{**_D_OK, **mistake})


# equalized_odds_difference with one configurable step.
_EOD = (
    "def equalized_odds_difference(y_true, y_pred, groups):\n"
    "    tpr, fpr = [], []\n"
    "    for g in {which}:\n"
    "        m = groups == g\n"
    "        tpr.append({tpr})\n"
    "        fpr.append({fpr})\n"
    "    tpr_gap, fpr_gap = max(tpr) - min(tpr), max(fpr) - min(fpr)\n"
    "    return float({result})\n"
)
_E_OK = dict(which="np.unique(groups)",
             tpr="np.mean(y_pred[m & (y_true == 1)])",
             fpr="np.mean(y_pred[m & (y_true == 0)])",
             result="max(tpr_gap, fpr_gap)")


def _eod(**mistake):
    return _EOD.format(**{**_E_OK, **mistake})


# group_thresholds with one configurable step.
_GT = (
    "def group_thresholds(scores, groups, target_rate):\n"
    "    out = {{}}\n"
    "    for g in np.unique(groups):\n"
    "        s = {values}\n"
    "        k = {k}\n"
    "        out[{key}] = float({pick})\n"
    "    return out\n"
)
_G_OK = dict(values="np.sort(scores[groups == g])", k="int(round(target_rate * len(s)))", key="g.item()",
             pick="s[len(s) - k]")


def _gt(**mistake):
    return _GT.format(**{**_G_OK, **mistake})


VARIANTS = {
    "07_demographic_parity_difference": {
        "correct": {
            "pandas groupby (written from the exercise text alone)": (
                "def demographic_parity_difference(y_true, y_pred, groups):\n"
                "    import pandas as pd\n"
                "    rates = pd.Series(y_pred).groupby(pd.Series(groups)).mean()\n"
                "    return float(rates.max() - rates.min())\n"
            ),
            "relies only on what the text promises": (
                "def demographic_parity_difference(y_true, y_pred, groups):\n"
                "    counts = {}\n"
                "    for p, g in zip(y_pred, groups):\n"
                "        chosen, total = counts.get(g, (0, 0))\n"
                "        counts[g] = (chosen + int(p == 1), total + 1)\n"
                "    rates = [c / t for c, t in counts.values()]\n"
                "    return float(max(rates) - min(rates))\n"
            ),
            "np.unique with return_inverse and bincount": (
                "def demographic_parity_difference(y_true, y_pred, groups):\n"
                "    _, inv = np.unique(groups, return_inverse=True)\n"
                "    rates = np.bincount(inv, weights=y_pred) / np.bincount(inv)\n"
                "    return float(np.ptp(rates))\n"
            ),
            "fairlearn's own MetricFrame": (
                "def demographic_parity_difference(y_true, y_pred, groups):\n"
                "    from fairlearn.metrics import MetricFrame, selection_rate\n"
                "    mf = MetricFrame(metrics=selection_rate, y_true=y_true, y_pred=y_pred, sensitive_features=groups)\n"
                "    return float(mf.difference())\n"
            ),
        },
        "wrong": {
            "counts of selected per group divided by everyone, not by the group's size": (
                "def demographic_parity_difference(y_true, y_pred, groups):\n"
                "    n = len(y_pred)\n"
                "    rates = [np.sum(y_pred[groups == g]) / n for g in np.unique(groups)]\n"
                "    return float(max(rates) - min(rates))\n"
            ),
            "measured on the labels instead of the predictions": _dpd(source="y_true"),
            "signed difference of the first two groups": _dpd(result="rates[0] - rates[1]"),
            "signed difference, second minus first": _dpd(result="rates[1] - rates[0]"),
            "only the first two groups": _dpd(which="np.unique(groups)[:2]", result="abs(rates[0] - rates[1])"),
            "ratio instead of difference": _dpd(result="min(rates) / max(rates)"),
            "one minus the ratio": _dpd(result="1 - min(rates) / max(rates)"),
            "largest distance to the overall rate": _dpd(result="max(abs(r - np.mean(y_pred)) for r in rates)"),
            "mean absolute difference between the groups": _dpd(
                result="np.mean([abs(a - b) for a in rates for b in rates if a is not b])"),
        },
    },
    "07_equalized_odds_difference": {
        "correct": {
            "relies only on what the text promises": (
                "def equalized_odds_difference(y_true, y_pred, groups):\n"
                "    stats = {}\n"
                "    for t, p, g in zip(y_true, y_pred, groups):\n"
                "        s = stats.setdefault(g, [0, 0, 0, 0])   # TP, positives, FP, negatives\n"
                "        if t == 1:\n"
                "            s[0] += int(p == 1)\n"
                "            s[1] += 1\n"
                "        else:\n"
                "            s[2] += int(p == 1)\n"
                "            s[3] += 1\n"
                "    tprs = [s[0] / s[1] for s in stats.values()]\n"
                "    fprs = [s[2] / s[3] for s in stats.values()]\n"
                "    return float(max(max(tprs) - min(tprs), max(fprs) - min(fprs)))\n"
            ),
            "sklearn confusion matrices": (
                "def equalized_odds_difference(y_true, y_pred, groups):\n"
                "    from sklearn.metrics import confusion_matrix\n"
                "    tpr, fpr = [], []\n"
                "    for g in set(groups.tolist()):\n"
                "        tn, fp, fn, tp = confusion_matrix(y_true[groups == g], y_pred[groups == g], labels=[0, 1]).ravel()\n"
                "        tpr.append(tp / (tp + fn))\n"
                "        fpr.append(fp / (fp + tn))\n"
                "    return float(max(np.ptp(tpr), np.ptp(fpr)))\n"
            ),
            "false negative and true negative rates (same gaps)": _eod(
                tpr="np.mean(1 - y_pred[m & (y_true == 1)])", fpr="np.mean(1 - y_pred[m & (y_true == 0)])"),
        },
        "wrong": {
            "TPR gap only (equal opportunity)": _eod(result="tpr_gap"),
            "FPR gap only": _eod(result="fpr_gap"),
            "mean of the two gaps": _eod(result="(tpr_gap + fpr_gap) / 2"),
            "sum of the two gaps": _eod(result="tpr_gap + fpr_gap"),
            "false negative rate instead of the false positive rate": _eod(
                fpr="np.mean(1 - y_pred[m & (y_true == 1)])"),
            "conditioned on the prediction (precision) instead of the label": _eod(
                tpr="np.mean(y_true[m & (y_pred == 1)])", fpr="np.mean(1 - y_true[m & (y_pred == 0)])"),
            "only the first two groups": _eod(which="np.unique(groups)[:2]"),
            "selection rate gap": _eod(tpr="np.mean(y_pred[m])", fpr="np.mean(y_pred[m])"),
        },
    },
    "07_group_thresholds": {
        "correct": {
            "relies only on what the text promises": (
                "def group_thresholds(scores, groups, target_rate):\n"
                "    out = {}\n"
                "    for g in set(groups.tolist()):\n"
                "        s = sorted((float(v) for v, h in zip(scores, groups) if h == g), reverse=True)\n"
                "        k = round(target_rate * len(s))\n"
                "        out[g] = s[k - 1]\n"
                "    return out\n"
            ),
            "ascending sort, counted from the end": _gt(),
            "np.partition": (
                "def group_thresholds(scores, groups, target_rate):\n"
                "    out = {}\n"
                "    for g in np.unique(groups).tolist():\n"
                "        s = scores[groups == g]\n"
                "        k = int(np.round(target_rate * len(s)))\n"
                "        out[g] = float(-np.partition(-s, k - 1)[k - 1])\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "one threshold for everyone": (
                "def group_thresholds(scores, groups, target_rate):\n"
                "    s = np.sort(scores)[::-1]\n"
                "    t = float(s[int(round(target_rate * len(s))) - 1])\n"
                "    return {g.item(): t for g in np.unique(groups)}\n"
            ),
            "the k-th smallest score": _gt(pick="s[k - 1]"),
            "off by one: the (k+1)-th largest": _gt(pick="s[max(len(s) - k - 1, 0)]"),
            "np.quantile (interpolated)": _gt(pick="np.quantile(s, 1 - target_rate)"),
            "floor instead of round": _gt(k="max(int(target_rate * len(s)), 1)"),
            "keys are positions, not the group values": (
                "def group_thresholds(scores, groups, target_rate):\n"
                "    out = {}\n"
                "    for i, g in enumerate(np.unique(groups)):\n"
                "        s = np.sort(scores[groups == g])\n"
                "        out[i] = float(s[len(s) - int(round(target_rate * len(s)))])\n"
                "    return out\n"
            ),
            "sorts the caller's array in place": (
                "def group_thresholds(scores, groups, target_rate):\n"
                "    order = np.argsort(scores)\n"
                "    scores.sort()\n"
                "    groups = groups[order]\n"
                "    out = {}\n"
                "    for g in np.unique(groups):\n"
                "        s = scores[groups == g]\n"
                "        out[g.item()] = float(s[len(s) - int(round(target_rate * len(s)))])\n"
                "    return out\n"
            ),
        },
    },
}
