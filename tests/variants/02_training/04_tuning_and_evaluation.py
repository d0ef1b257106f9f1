"""Answer variants for 02_training/04_tuning_and_evaluation (see tests/test_exercises.py)."""


# A correct precision_recall_f1, reused by the confusion-matrix variants (both functions share one cell).
_PRF_OK = (
    "def precision_recall_f1(y_true, y_pred):\n"
    "    t = np.asarray(y_true).astype(bool); p = np.asarray(y_pred).astype(bool)\n"
    "    tp = np.sum(t & p); fp = np.sum(~t & p); fn = np.sum(t & ~p)\n"
    "    prec = tp / (tp + fp) if tp + fp else 0.0\n"
    "    rec = tp / (tp + fn) if tp + fn else 0.0\n"
    "    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0\n"
    "    return float(prec), float(rec), float(f1)\n"
)
_CM_OK = (
    "def confusion_matrix(y_true, y_pred, n_classes):\n"
    "    cm = np.zeros((n_classes, n_classes), dtype=np.int64)\n"
    "    for t, p in zip(y_true, y_pred):\n"
    "        cm[int(t), int(p)] += 1\n"
    "    return cm\n"
)

# A correct roc_curve / auc, reused by the variants that get only one of the two wrong.
_ROC_OK = (
    "def roc_curve(y_true, scores):\n"
    "    y = np.asarray(y_true, dtype=float); s = np.asarray(scores, dtype=float)\n"
    "    order = np.argsort(-s, kind='stable'); y, s = y[order], s[order]\n"
    "    tps = np.cumsum(y); fps = np.cumsum(1 - y)\n"
    "    last = np.r_[np.diff(s) != 0, True]          # last example of each group of tied scores\n"
    "    tpr = np.r_[0.0, tps[last] / y.sum()]; fpr = np.r_[0.0, fps[last] / (1 - y).sum()]\n"
    "    return fpr, tpr\n"
)
_AUC_OK = (
    "def auc(fpr, tpr):\n"
    "    x = np.asarray(fpr, dtype=float); y = np.asarray(tpr, dtype=float)\n"
    "    trapz = getattr(np, 'trapezoid', None) or np.trapz      # NumPy >= 2.0 renamed trapz\n"
    "    return float(trapz(y, x))\n"
)

VARIANTS = {
    "02_confusion_metrics": {
        "correct": {
            "relies only on what the text promises (loops over the pairs, a tuple of floats)": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    counts = np.zeros((n_classes, n_classes), dtype=int)\n"
                "    for t, p in zip(y_true, y_pred):\n"
                "        counts[int(t), int(p)] += 1\n"
                "    return counts\n"
                "\n"
                "def precision_recall_f1(y_true, y_pred):\n"
                "    tp = fp = fn = 0\n"
                "    for t, p in zip(y_true, y_pred):\n"
                "        tp += bool(t) and bool(p)\n"
                "        fp += (not t) and bool(p)\n"
                "        fn += bool(t) and not p\n"
                "    precision = tp / (tp + fp) if tp + fp else 0.0\n"
                "    recall = tp / (tp + fn) if tp + fn else 0.0\n"
                "    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0\n"
                "    return float(precision), float(recall), float(f1)\n"
            ),
            "python loops, counts from boolean masks": _CM_OK + _PRF_OK,
            "np.bincount on flat index, sklearn-style F1 from counts": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    flat = np.asarray(y_true, dtype=int) * n_classes + np.asarray(y_pred, dtype=int)\n"
                "    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)\n"
                "def precision_recall_f1(y_true, y_pred):\n"
                "    cm = confusion_matrix(np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int), 2)\n"
                "    tn, fp, fn, tp = cm.ravel()\n"
                "    with np.errstate(invalid='ignore', divide='ignore'):\n"
                "        prec = np.nan_to_num(tp / (tp + fp)); rec = np.nan_to_num(tp / (tp + fn))\n"
                "    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0\n"
                "    return (float(prec), float(rec), float(f1))\n"
            ),
            "list comprehension matrix, precision via mean": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    yt, yp = np.asarray(y_true), np.asarray(y_pred)\n"
                "    return np.array([[int(np.sum((yt == i) & (yp == j))) for j in range(n_classes)] for i in range(n_classes)])\n"
                "def precision_recall_f1(y_true, y_pred):\n"
                "    yt, yp = np.asarray(y_true) == 1, np.asarray(y_pred) == 1\n"
                "    prec = float(yt[yp].mean()) if yp.any() else 0.0\n"
                "    rec = float(yp[yt].mean()) if yt.any() else 0.0\n"
                "    f1 = 0.0 if prec + rec == 0 else 2 / (1 / prec + 1 / rec) if prec and rec else 0.0\n"
                "    return prec, rec, f1\n"
            ),
        },
        "wrong": {
            "transposed confusion matrix (rows = predicted)": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    cm = np.zeros((n_classes, n_classes), dtype=int)\n"
                "    for t, p in zip(y_true, y_pred):\n"
                "        cm[int(p), int(t)] += 1\n"
                "    return cm\n" + _PRF_OK
            ),
            "matrix only as large as the labels present": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    m = int(max(np.max(y_true), np.max(y_pred))) + 1\n"
                "    cm = np.zeros((m, m), dtype=int)\n"
                "    for t, p in zip(y_true, y_pred):\n"
                "        cm[int(t), int(p)] += 1\n"
                "    return cm\n" + _PRF_OK
            ),
            "float counts (np.histogram2d)": (
                "def confusion_matrix(y_true, y_pred, n_classes):\n"
                "    return np.histogram2d(y_true, y_pred, bins=n_classes, range=[[-0.5, n_classes - 0.5]] * 2)[0]\n" + _PRF_OK
            ),
            "precision and recall swapped": _CM_OK + (
                "def precision_recall_f1(y_true, y_pred):\n"
                "    t = np.asarray(y_true).astype(bool); p = np.asarray(y_pred).astype(bool)\n"
                "    tp = np.sum(t & p); fp = np.sum(~t & p); fn = np.sum(t & ~p)\n"
                "    prec = tp / (tp + fn) if tp + fn else 0.0\n"
                "    rec = tp / (tp + fp) if tp + fp else 0.0\n"
                "    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0\n"
                "    return float(prec), float(rec), float(f1)\n"
            ),
            "F1 as the arithmetic mean": _CM_OK + (
                "def precision_recall_f1(y_true, y_pred):\n"
                "    t = np.asarray(y_true).astype(bool); p = np.asarray(y_pred).astype(bool)\n"
                "    tp = np.sum(t & p); fp = np.sum(~t & p); fn = np.sum(t & ~p)\n"
                "    prec = tp / (tp + fp) if tp + fp else 0.0\n"
                "    rec = tp / (tp + fn) if tp + fn else 0.0\n"
                "    return float(prec), float(rec), float((prec + rec) / 2)\n"
            ),
            "NaN on 0/0": _CM_OK + (
                "def precision_recall_f1(y_true, y_pred):\n"
                "    t = np.asarray(y_true).astype(bool); p = np.asarray(y_pred).astype(bool)\n"
                "    tp = np.sum(t & p); fp = np.sum(~t & p); fn = np.sum(t & ~p)\n"
                "    with np.errstate(invalid='ignore', divide='ignore'):\n"
                "        prec = np.float64(tp) / (tp + fp); rec = np.float64(tp) / (tp + fn)\n"
                "        f1 = 2 * prec * rec / (prec + rec)\n"
                "    return float(prec), float(rec), float(f1)\n"
            ),
            "positive class taken as 0": _CM_OK + (
                "def precision_recall_f1(y_true, y_pred):\n"
                "    t = np.asarray(y_true) == 0; p = np.asarray(y_pred) == 0\n"
                "    tp = np.sum(t & p); fp = np.sum(~t & p); fn = np.sum(t & ~p)\n"
                "    prec = tp / (tp + fp) if tp + fp else 0.0\n"
                "    rec = tp / (tp + fn) if tp + fn else 0.0\n"
                "    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0\n"
                "    return float(prec), float(rec), float(f1)\n"
            ),
        },
    },
    "02_roc_auc": {
        "correct": {
            "relies only on what the text promises (np.asarray of lists and booleans, trapezoids)": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true) == 1\n"
                "    s = np.asarray(scores, dtype=float)\n"
                "    fpr, tpr = [0.0], [0.0]\n"
                "    for t in sorted(set(s.tolist()), reverse=True):\n"
                "        flagged = s >= t\n"
                "        fpr.append(np.sum(flagged & ~y) / np.sum(~y))\n"
                "        tpr.append(np.sum(flagged & y) / np.sum(y))\n"
                "    return np.array(fpr, dtype=float), np.array(tpr, dtype=float)\n"
                "\n"
                "def auc(fpr, tpr):\n"
                "    area = 0.0\n"
                "    for i in range(len(fpr) - 1):\n"
                "        area += (fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2\n"
                "    return float(area)\n"
            ),
            "cumulative sums over sorted scores, NumPy trapezoid": _ROC_OK + _AUC_OK,
            "loop over thresholds with Python lists, explicit trapezoid loop": (
                "def roc_curve(y_true, scores):\n"
                "    y = list(np.asarray(y_true).astype(int)); s = [float(v) for v in scores]\n"
                "    P = sum(y); N = len(y) - P\n"
                "    fpr, tpr = [0.0], [0.0]\n"
                "    for t in sorted(set(s), reverse=True):\n"
                "        tpr.append(sum(1 for yi, si in zip(y, s) if si >= t and yi == 1) / P)\n"
                "        fpr.append(sum(1 for yi, si in zip(y, s) if si >= t and yi == 0) / N)\n"
                "    return np.array(fpr), np.array(tpr)\n"
                "def auc(fpr, tpr):\n"
                "    area = 0.0\n"
                "    for i in range(len(fpr) - 1):\n"
                "        area += (fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2\n"
                "    return float(area)\n"
            ),
            "broadcast comparison matrix": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.sort(np.unique(s))[::-1]\n"
                "    flagged = s[None, :] >= th[:, None]\n"
                "    tpr = np.concatenate([[0.0], flagged[:, y].mean(axis=1)])\n"
                "    fpr = np.concatenate([[0.0], flagged[:, ~y].mean(axis=1)])\n"
                "    return fpr, tpr\n"
                "def auc(fpr, tpr):\n"
                "    fpr, tpr = np.asarray(fpr), np.asarray(tpr)\n"
                "    return float(((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1])).sum() / 2)\n"
            ),
        },
        "wrong": {
            "fpr and tpr swapped": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.unique(s)[::-1]\n"
                "    tpr = [0.0] + [np.mean(s[y] >= t) for t in th]\n"
                "    fpr = [0.0] + [np.mean(s[~y] >= t) for t in th]\n"
                "    return np.array(tpr), np.array(fpr)\n" + _AUC_OK
            ),
            "thresholds sorted ascending": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.unique(s)\n"
                "    tpr = [0.0] + [np.mean(s[y] >= t) for t in th]\n"
                "    fpr = [0.0] + [np.mean(s[~y] >= t) for t in th]\n"
                "    return np.array(fpr), np.array(tpr)\n" + _AUC_OK
            ),
            "ascending thresholds, flag scores <= t (reversed curve)": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.unique(s)\n"
                "    tpr = [0.0] + [np.mean(s[y] <= t) for t in th]\n"
                "    fpr = [0.0] + [np.mean(s[~y] <= t) for t in th]\n"
                "    return np.array(fpr), np.array(tpr)\n" + _AUC_OK
            ),
            "ties handled one example at a time": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true, dtype=float); s = np.asarray(scores, dtype=float)\n"
                "    order = np.argsort(-s, kind='stable'); y = y[order]\n"
                "    tpr = np.r_[0.0, np.cumsum(y) / y.sum()]; fpr = np.r_[0.0, np.cumsum(1 - y) / (1 - y).sum()]\n"
                "    return fpr, tpr\n" + _AUC_OK
            ),
            "strict inequality score > t": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.unique(s)[::-1]\n"
                "    tpr = [0.0] + [np.mean(s[y] > t) for t in th]\n"
                "    fpr = [0.0] + [np.mean(s[~y] > t) for t in th]\n"
                "    return np.array(fpr), np.array(tpr)\n" + _AUC_OK
            ),
            "no starting point (0, 0)": (
                "def roc_curve(y_true, scores):\n"
                "    y = np.asarray(y_true).astype(bool); s = np.asarray(scores, dtype=float)\n"
                "    th = np.unique(s)[::-1]\n"
                "    return np.array([np.mean(s[~y] >= t) for t in th]), np.array([np.mean(s[y] >= t) for t in th])\n" + _AUC_OK
            ),
            "rectangle rule (left heights)": _ROC_OK + (
                "def auc(fpr, tpr):\n"
                "    x = np.asarray(fpr, dtype=float); y = np.asarray(tpr, dtype=float)\n"
                "    return float(np.sum(np.diff(x) * y[:-1]))\n"
            ),
            "rectangle rule (right heights)": _ROC_OK + (
                "def auc(fpr, tpr):\n"
                "    x = np.asarray(fpr, dtype=float); y = np.asarray(tpr, dtype=float)\n"
                "    return float(np.sum(np.diff(x) * y[1:]))\n"
            ),
        },
    },
    "02_kfold": {
        "correct": {
            "relies only on what the text promises (permutation, array_split, a list of pairs)": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(seed).permutation(n)\n"
                "    folds = np.array_split(order, k)\n"
                "    pairs = []\n"
                "    for i in range(k):\n"
                "        others = [folds[j] for j in range(k) if j != i]\n"
                "        pairs.append((np.concatenate(others), folds[i]))\n"
                "    return pairs\n"
            ),
            "fold boundaries computed by hand, RandomState shuffle": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.RandomState(seed).permutation(n)\n"
                "    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]\n"
                "    bounds = np.cumsum([0] + sizes)\n"
                "    out = []\n"
                "    for i in range(k):\n"
                "        val = order[bounds[i]:bounds[i + 1]]\n"
                "        train = np.setdiff1d(np.arange(n), val)\n"
                "        out.append((train, val))\n"
                "    return out\n"
            ),
            "round-robin folds as lists, train from a boolean mask": (
                "def kfold_indices(n, k, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    order = rng.permutation(n)\n"
                "    folds = [order[i::k] for i in range(k)]\n"
                "    pairs = []\n"
                "    for f in folds:\n"
                "        mask = np.ones(n, dtype=bool); mask[f] = False\n"
                "        pairs.append((list(np.flatnonzero(mask)), list(f)))\n"
                "    return pairs\n"
            ),
        },
        "wrong": {
            "remainder lost (n // k per fold)": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(seed).permutation(n)\n"
                "    size = n // k\n"
                "    folds = [order[i * size:(i + 1) * size] for i in range(k)]\n"
                "    return [(np.setdiff1d(order, f), f) for f in folds]\n"
            ),
            "validation fold included in training": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(seed).permutation(n)\n"
                "    return [(order.copy(), f) for f in np.array_split(order, k)]\n"
            ),
            "no shuffling": (
                "def kfold_indices(n, k, seed=0):\n"
                "    folds = np.array_split(np.arange(n), k)\n"
                "    return [(np.concatenate(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k)]\n"
            ),
            "k - 1 folds": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(seed).permutation(n)\n"
                "    folds = np.array_split(order, k)\n"
                "    return [(np.concatenate(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k - 1)]\n"
            ),
            "seed ignored (fresh unseeded generator)": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng().permutation(n)\n"
                "    folds = np.array_split(order, k)\n"
                "    return [(np.concatenate(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k)]\n"
            ),
            "seed ignored (always seed 0)": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(0).permutation(n)\n"
                "    folds = np.array_split(order, k)\n"
                "    return [(np.concatenate(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k)]\n"
            ),
            "ceil-sized folds (last folds too small or empty)": (
                "def kfold_indices(n, k, seed=0):\n"
                "    order = np.random.default_rng(seed).permutation(n)\n"
                "    size = -(-n // k)\n"
                "    folds = [order[i * size:(i + 1) * size] for i in range(k)]\n"
                "    return [(np.setdiff1d(order, f), f) for f in folds]\n"
            ),
        },
    },
    "02_random_search": {
        "correct": {
            "relies only on what the text promises (one generator, space.items(), the formulas as given)": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        config = {}\n"
                "        for name, (low, high, scale) in space.items():\n"
                "            if scale == 'log':\n"
                "                config[name] = np.exp(rng.uniform(np.log(low), np.log(high)))\n"
                "            else:\n"
                "                config[name] = rng.uniform(low, high)\n"
                "        history.append((config, objective(**config)))\n"
                "    best_config, best_score = history[0]\n"
                "    for config, score in history:\n"
                "        if score > best_score:\n"
                "            best_config, best_score = config, score\n"
                "    return best_config, best_score, history\n"
            ),
            "configs drawn first, best by argmax": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    configs = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {}\n"
                "        for name, (lo, hi, scale) in space.items():\n"
                "            c[name] = 10 ** rng.uniform(np.log10(lo), np.log10(hi)) if scale == 'log' else rng.uniform(lo, hi)\n"
                "        configs.append(c)\n"
                "    history = [(c, objective(**c)) for c in configs]\n"
                "    i = int(np.argmax([s for _, s in history]))\n"
                "    return history[i][0], history[i][1], history\n"
            ),
            "vectorised per parameter, running best": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    columns = {}\n"
                "    for name, (lo, hi, scale) in space.items():\n"
                "        if scale == 'log':\n"
                "            columns[name] = np.exp(rng.uniform(np.log(lo), np.log(hi), size=n_trials))\n"
                "        else:\n"
                "            columns[name] = rng.uniform(lo, hi, size=n_trials)\n"
                "    history, best, best_score = [], None, -np.inf\n"
                "    for i in range(n_trials):\n"
                "        config = {name: float(col[i]) for name, col in columns.items()}\n"
                "        score = objective(**config)\n"
                "        history.append((config, score))\n"
                "        if score > best_score:\n"
                "            best, best_score = config, score\n"
                "    return best, best_score, history\n"
            ),
        },
        "wrong": {
            "a new generator made from the seed inside the loop (every trial the same)": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    pass\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        rng = np.random.default_rng(seed)\n"
                "        config = {}\n"
                "        for name, (low, high, scale) in space.items():\n"
                "            u = rng.uniform(np.log(low), np.log(high)) if scale == 'log' else rng.uniform(low, high)\n"
                "            config[name] = float(np.exp(u)) if scale == 'log' else float(u)\n"
                "        history.append((config, objective(**config)))\n"
                "    pass\n"
                "    best_config, best_score = max(history, key=lambda item: item[1])\n"
                "    return best_config, best_score, history\n"
            ),
            "names and ranges paired in sorted order (sorted(space) zipped with space.values())": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        pass\n"
                "        config = {}\n"
                "        for name, (low, high, scale) in zip(sorted(space), space.values()):\n"
                "            u = rng.uniform(np.log(low), np.log(high)) if scale == 'log' else rng.uniform(low, high)\n"
                "            config[name] = float(np.exp(u)) if scale == 'log' else float(u)\n"
                "        history.append((config, objective(**config)))\n"
                "    pass\n"
                "    best_config, best_score = max(history, key=lambda item: item[1])\n"
                "    return best_config, best_score, history\n"
            ),
            "history sorted best first (the text: in the order they were tried)": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        pass\n"
                "        config = {}\n"
                "        for name, (low, high, scale) in space.items():\n"
                "            u = rng.uniform(np.log(low), np.log(high)) if scale == 'log' else rng.uniform(low, high)\n"
                "            config[name] = float(np.exp(u)) if scale == 'log' else float(u)\n"
                "        history.append((config, objective(**config)))\n"
                "    history.sort(key=lambda item: -item[1])\n"
                "    best_config, best_score = max(history, key=lambda item: item[1])\n"
                "    return best_config, best_score, history\n"
            ),
            "minimises instead of maximising": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = min(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "uniform sampling for log-scaled parameters": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(rng.uniform(lo, hi)) for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "log sampling for every parameter": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(max(lo, 1e-12)), np.log(hi)))) for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "seed ignored (unseeded generator)": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng()\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "seed ignored (always seed 0)": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(0)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "one trial too few": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials - 1):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "best config and score from different trials": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    return history[-1][0], max(s for _, s in history), history\n"
            ),
            "objective called twice per trial": (
                "def random_search(objective, space, n_trials, seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    history = []\n"
                "    for _ in range(n_trials):\n"
                "        c = {n: float(np.exp(rng.uniform(np.log(lo), np.log(hi))) if s == 'log' else rng.uniform(lo, hi))\n"
                "             for n, (lo, hi, s) in space.items()}\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: objective(**t[0]))\n"
                "    return best[0], best[1], history\n"
            ),
        },
    },
    "02_grid_search": {
        "correct": {
            "relies only on what the text promises (itertools.product over the lists, a dict per combination)": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid.keys())\n"
                "    history = []\n"
                "    for values in itertools.product(*grid.values()):\n"
                "        config = dict(zip(names, values))\n"
                "        history.append((config, objective(**config)))\n"
                "    best_config, best_score = history[0]\n"
                "    for config, score in history[1:]:\n"
                "        if score > best_score:\n"
                "            best_config, best_score = config, score\n"
                "    return best_config, best_score, history\n"
            ),
            "recursive": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    def combos(i):\n"
                "        if i == len(names):\n"
                "            yield {}\n"
                "            return\n"
                "        for v in grid[names[i]]:\n"
                "            for rest in combos(i + 1):\n"
                "                yield {names[i]: v, **rest}\n"
                "    history = [(c, objective(**c)) for c in combos(0)]\n"
                "    best_score = max(s for _, s in history)\n"
                "    best_config = next(c for c, s in history if s == best_score)\n"
                "    return best_config, best_score, history\n"
            ),
            "combinations in another order (first name fastest), best from the sorted history": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)[::-1]\n"
                "    history = []\n"
                "    for values in itertools.product(*(grid[n] for n in names)):\n"
                "        config = {n: v for n, v in zip(names[::-1], values[::-1])}\n"
                "        history.append((config, objective(**config)))\n"
                "    best_config, best_score = sorted(history, key=lambda item: item[1])[-1]\n"
                "    return best_config, best_score, history\n"
            ),
            "index arithmetic, manual best": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid.keys())\n"
                "    sizes = [len(grid[n]) for n in names]\n"
                "    total = int(np.prod(sizes))\n"
                "    history, best = [], None\n"
                "    for k in range(total):\n"
                "        cfg, r = {}, k\n"
                "        for n, m in zip(reversed(names), reversed(sizes)):\n"
                "            cfg[n] = grid[n][r % m]\n"
                "            r //= m\n"
                "        score = objective(**cfg)\n"
                "        history.append((cfg, score))\n"
                "        if best is None or score > best[1]:\n"
                "            best = (cfg, score)\n"
                "    return best[0], best[1], history\n"
            ),
        },
        "wrong": {
            "names sorted, values in the grid's own order (mismatched when the keys are not sorted)": (
                "def grid_search(objective, grid):\n"
                "    names = sorted(grid)\n"
                "    history = []\n"
                "    for values in itertools.product(*grid.values()):\n"
                "        config = dict(zip(names, values))\n"
                "        history.append((config, objective(**config)))\n"
                "    best_config, best_score = max(history, key=lambda item: item[1])\n"
                "    return best_config, best_score, history\n"
            ),
            "zip instead of product": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    history = [(dict(zip(names, vals)), objective(**dict(zip(names, vals)))) for vals in zip(*grid.values())]\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "minimises": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    history = []\n"
                "    for vals in itertools.product(*grid.values()):\n"
                "        c = dict(zip(names, vals))\n"
                "        history.append((c, objective(**c)))\n"
                "    best = min(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "off by one: skips each last value": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    history = []\n"
                "    for vals in itertools.product(*(grid[n][:-1] or grid[n] for n in names)):\n"
                "        c = dict(zip(names, vals))\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
            "evaluates the best configuration again": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    history = []\n"
                "    for vals in itertools.product(*grid.values()):\n"
                "        c = dict(zip(names, vals))\n"
                "        history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])[0]\n"
                "    return best, objective(**best), history\n"
            ),
            "returns the last configuration": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    history = []\n"
                "    for vals in itertools.product(*grid.values()):\n"
                "        c = dict(zip(names, vals))\n"
                "        history.append((c, objective(**c)))\n"
                "    return history[-1][0], max(s for _, s in history), history\n"
            ),
            "one hyperparameter at a time": (
                "def grid_search(objective, grid):\n"
                "    names = list(grid)\n"
                "    base = {n: grid[n][0] for n in names}\n"
                "    history = []\n"
                "    for n in names:\n"
                "        for v in grid[n]:\n"
                "            c = dict(base, **{n: v})\n"
                "            history.append((c, objective(**c)))\n"
                "    best = max(history, key=lambda t: t[1])\n"
                "    return best[0], best[1], history\n"
            ),
        },
    },
}
