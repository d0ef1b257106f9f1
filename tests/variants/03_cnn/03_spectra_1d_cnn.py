"""Answer variants for 03_cnn/03_spectra_1d_cnn (see tests/test_exercises.py)."""


VARIANTS = {
    "03_snv": {
        "correct": {
            "relies only on what the text promises": (
                "def snv(X):\n"
                "    # X is a NumPy array of shape (n_spectra, n_points); statistics per row, ddof=0\n"
                "    means = X.mean(axis=1)[:, None]\n"
                "    stds = np.sqrt(((X - means) ** 2).mean(axis=1))[:, None]\n"
                "    return (X - means) / stds\n"
            ),
            "only what the text promises: X is a NumPy array, used as given": (
                "def snv(X):\n"
                "    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)\n"
            ),
            "row loop with np.mean / np.std": (
                "def snv(X):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return np.stack([(r - np.mean(r)) / np.std(r) for r in X])\n"
            ),
            "transpose trick with explicit std formula": (
                "def snv(X):\n"
                "    X = np.array(X, dtype=float)\n"
                "    c = X.T - X.mean(axis=-1)\n"
                "    return (c / np.sqrt((c ** 2).mean(axis=0))).T\n"
            ),
        },
        "wrong": {
            "normalises over axis 0 (per wavenumber)": (
                "def snv(X):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return (X - X.mean(axis=0)) / X.std(axis=0)\n"
            ),
            "forgets to divide by the std": (
                "def snv(X):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return X - X.mean(axis=1, keepdims=True)\n"
            ),
            "global mean and std": (
                "def snv(X):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return (X - X.mean()) / X.std()\n"
            ),
            "sample std (ddof=1)": (
                "def snv(X):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, ddof=1, keepdims=True)\n"
            ),
        },
    },
    "03_baseline": {
        "correct": {
            "relies only on what the text promises": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    out = np.empty(X.shape)\n"
                "    for i in range(X.shape[0]):\n"
                "        out[i] = X[i] - np.polyval(np.polyfit(axis, X[i], degree), axis)\n"
                "    return out\n"
            ),
            "row loop with polyfit / polyval": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return np.stack([r - np.polyval(np.polyfit(axis, r, degree), axis) for r in X])\n"
            ),
            "least squares with lstsq on a scaled Vandermonde matrix": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    t = (np.asarray(axis, float) - np.mean(axis)) / np.ptp(axis)\n"
                "    V = np.vander(t, degree + 1)\n"
                "    coef, *_ = np.linalg.lstsq(V, X.T, rcond=None)\n"
                "    return X - (V @ coef).T\n"
            ),
        },
        "wrong": {
            "one polynomial fitted to the mean spectrum for all rows": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return X - np.polyval(np.polyfit(axis, X.mean(axis=0), degree), axis)\n"
            ),
            "degree one too high": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return np.stack([r - np.polyval(np.polyfit(axis, r, degree + 1), axis) for r in X])\n"
            ),
            "degree one too low": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    return np.stack([r - np.polyval(np.polyfit(axis, r, degree - 1), axis) for r in X])\n"
            ),
            "fits along the wrong axis (across spectra)": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    s = np.arange(X.shape[0], dtype=float)\n"
                "    d = min(degree, X.shape[0] - 1)\n"
                "    return np.stack([c - np.polyval(np.polyfit(s, c, d), s) for c in X.T]).T\n"
            ),
            "fits against the point index instead of the axis values": (
                "def remove_baseline(X, axis, degree=2):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    i = np.arange(X.shape[1], dtype=float)\n"
                "    return np.stack([r - np.polyval(np.polyfit(i, r, degree), i) for r in X])\n"
            ),
        },
    },
    "03_align": {
        "correct": {
            "relies only on what the text promises": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    n, p = X.shape\n"
                "    out = np.empty((n, p))\n"
                "    lags = np.zeros(n, dtype=int)\n"
                "    for i in range(n):\n"
                "        x = X[i]\n"
                "        best, best_score = None, None\n"
                "        for L in range(-max_shift, max_shift + 1):\n"
                "            if L >= 0:\n"
                "                s = np.concatenate([np.full(L, x[0]), x[:p - L]])\n"
                "            else:\n"
                "                s = np.concatenate([x[-L:], np.full(-L, x[-1])])\n"
                "            score = np.dot(s, reference)\n"
                "            if best_score is None or score > best_score:\n"
                "                best, best_score, best_s = L, score, s\n"
                "        out[i], lags[i] = best_s, best\n"
                "    return out, lags\n"
            ),
            "vectorised: all shifted copies of all rows at once": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], int(max_shift)\n"
                "    P = np.pad(X, ((0, 0), (m, m)), mode='edge')\n"
                "    L = np.arange(-m, m + 1)\n"
                "    S = np.stack([P[:, m - l: m - l + p] for l in L], axis=1)\n"
                "    best = np.argmax(S @ np.asarray(reference, dtype=float), axis=1)\n"
                "    return S[np.arange(len(X)), best], L[best]\n"
            ),
            "np.roll, then the wrapped ends overwritten; dict of scores": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    def shift(x, L):\n"
                "        s = np.roll(x, L)\n"
                "        if L > 0:\n"
                "            s[:L] = x[0]\n"
                "        elif L < 0:\n"
                "            s[L:] = x[-1]\n"
                "        return s\n"
                "    rows, lags = [], []\n"
                "    for x in X:\n"
                "        scores = {L: float(np.dot(shift(x, L), reference)) for L in range(-max_shift, max_shift + 1)}\n"
                "        best = max(scores, key=scores.get)\n"
                "        rows.append(shift(x, best))\n"
                "        lags.append(best)\n"
                "    return np.array(rows), np.array(lags)\n"
            ),
        },
        "wrong": {
            "opposite shift convention s[j] = x[j + L]: the lags have the wrong sign": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        S = [P[m + L: m + L + p] for L in range(-m, m + 1)]\n"
                "        k = int(np.argmax([s @ reference for s in S]))\n"
                "        out[i] = S[k]\n"
                "        lags.append(k - m)\n"
                "    return out, np.array(lags)\n"
            ),
            "right lag, but the spectrum is shifted the other way": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        scores = [P[m - L: m - L + p] @ reference for L in range(-m, m + 1)]\n"
                "        L = int(np.argmax(scores)) - m\n"
                "        out[i] = P[m + L: m + L + p]\n"
                "        lags.append(L)\n"
                "    return out, np.array(lags)\n"
            ),
            "np.roll applied to the reference in the score (lag of the wrong sign)": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        cand = list(range(-max_shift, max_shift + 1))\n"
                "        L = cand[int(np.argmax([np.dot(x, np.roll(reference, l)) for l in cand]))]\n"
                "        P = np.pad(x, max_shift, mode='edge')\n"
                "        out[i] = P[max_shift - L: max_shift - L + len(x)]\n"
                "        lags.append(L)\n"
                "    return out, np.array(lags)\n"
            ),
            "lag range off by one: range(-max_shift, max_shift)": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        cand = list(range(-m, m))\n"
                "        S = [P[m - L: m - L + p] for L in cand]\n"
                "        k = int(np.argmax([s @ reference for s in S]))\n"
                "        out[i] = S[k]\n"
                "        lags.append(cand[k])\n"
                "    return out, np.array(lags)\n"
            ),
            "lag range off by one at the other end: range(-max_shift + 1, max_shift + 1)": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        cand = list(range(-m + 1, m + 1))\n"
                "        S = [P[m - L: m - L + p] for L in cand]\n"
                "        k = int(np.argmax([s @ reference for s in S]))\n"
                "        out[i] = S[k]\n"
                "        lags.append(cand[k])\n"
                "    return out, np.array(lags)\n"
            ),
            "aligns to the mean of X instead of the reference": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    reference = X.mean(axis=0)\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        S = [P[m - L: m - L + p] for L in range(-m, m + 1)]\n"
                "        k = int(np.argmax([s @ reference for s in S]))\n"
                "        out[i] = S[k]\n"
                "        lags.append(k - m)\n"
                "    return out, np.array(lags)\n"
            ),
            "aligns to the first spectrum instead of the reference": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p, m = X.shape[1], max_shift\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        S = [P[m - L: m - L + p] for L in range(-m, m + 1)]\n"
                "        k = int(np.argmax([s @ X[0] for s in S]))\n"
                "        out[i] = S[k]\n"
                "        lags.append(k - m)\n"
                "    return out, np.array(lags)\n"
            ),
            "np.roll wraps the ends around": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    out, lags = np.empty_like(X), []\n"
                "    cand = np.arange(-max_shift, max_shift + 1)\n"
                "    for i, x in enumerate(X):\n"
                "        L = cand[int(np.argmax([np.roll(x, l) @ reference for l in cand]))]\n"
                "        out[i] = np.roll(x, L)\n"
                "        lags.append(L)\n"
                "    return out, np.array(lags)\n"
            ),
            "ignores max_shift (best lag of the full cross-correlation)": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    p = X.shape[1]\n"
                "    out, lags = np.empty_like(X), []\n"
                "    for i, x in enumerate(X):\n"
                "        L = int(np.argmax(np.correlate(reference, x, mode='full'))) - (p - 1)\n"
                "        m = abs(L)\n"
                "        P = np.pad(x, m, mode='edge')\n"
                "        out[i] = P[m - L: m - L + p]\n"
                "        lags.append(L)\n"
                "    return out, np.array(lags)\n"
            ),
            "zero-filled shifts (breaks: each lag scored on the edge-filled shift): np.correlate, then shift by concatenation": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.array(X, dtype=float)\n"
                "    p = X.shape[1]\n"
                "    out, lags = np.zeros_like(X), np.zeros(len(X), dtype=int)\n"
                "    for i, x in enumerate(X):\n"
                "        c = np.correlate(reference, x, mode='full')   # c[k]: lag k - (p - 1)\n"
                "        window = c[p - 1 - max_shift: p + max_shift]\n"
                "        L = int(np.argmax(window)) - max_shift\n"
                "        if L >= 0:\n"
                "            out[i] = np.concatenate([np.full(L, x[0]), x[:p - L]])\n"
                "        else:\n"
                "            out[i] = np.concatenate([x[-L:], np.full(-L, x[-1])])\n"
                "        lags[i] = L\n"
                "    return out, lags\n"
            ),
            "np.roll in the score, edge-filled output (breaks: each lag scored on the edge-filled shift)": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    n, p = X.shape\n"
                "    out, lags = np.empty_like(X), np.zeros(n, dtype=int)\n"
                "    for i, x in enumerate(X):\n"
                "        scores = [np.dot(np.roll(x, L), reference) for L in range(-max_shift, max_shift + 1)]\n"
                "        L = int(np.argmax(scores)) - max_shift\n"
                "        padded = np.pad(x, max_shift, mode='edge')\n"
                "        out[i], lags[i] = padded[max_shift - L:max_shift - L + p], L\n"
                "    return out, lags\n"
            ),
            "ends filled the other way round (breaks: left with x[0], right with x[-1])": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    X = np.asarray(X, dtype=float)\n"
                "    n, p = X.shape\n"
                "    out, lags = np.empty_like(X), np.zeros(n, dtype=int)\n"
                "    for i, x in enumerate(X):\n"
                "        padded = np.concatenate([np.full(max_shift, x[-1]), x, np.full(max_shift, x[0])])\n"
                "        shifted = np.stack([padded[max_shift - L:max_shift - L + p] for L in range(-max_shift, max_shift + 1)])\n"
                "        k = int(np.argmax(shifted @ reference))\n"
                "        out[i], lags[i] = shifted[k], k - max_shift\n"
                "    return out, lags\n"
            ),
            "writes the shifted rows back into X": (
                "def align_to_reference(X, reference, max_shift):\n"
                "    p, m = X.shape[1], max_shift\n"
                "    lags = []\n"
                "    for i in range(len(X)):\n"
                "        P = np.pad(X[i], m, mode='edge')\n"
                "        S = [P[m - L: m - L + p] for L in range(-m, m + 1)]\n"
                "        k = int(np.argmax([s @ reference for s in S]))\n"
                "        X[i] = S[k]\n"
                "        lags.append(k - m)\n"
                "    return X, np.array(lags)\n"
            ),
        },
    },
    "03_class_weights": {
        "correct": {
            "relies only on what the text promises": (
                "def balanced_class_weights(y):\n"
                "    # y is a 1-D array or a list of integer labels, not necessarily 0..k-1\n"
                "    classes, counts = np.unique(np.asarray(y), return_counts=True)\n"
                "    n, k = len(y), len(classes)\n"
                "    return {int(c): float(n / (k * m)) for c, m in zip(classes, counts)}\n"
            ),
            "loop with a Counter": (
                "from collections import Counter\n"
                "def balanced_class_weights(y):\n"
                "    counts = Counter(np.asarray(y).tolist())\n"
                "    n, k = sum(counts.values()), len(counts)\n"
                "    return {c: n / (k * m) for c, m in counts.items()}\n"
            ),
            "wraps sklearn's compute_class_weight": (
                "from sklearn.utils.class_weight import compute_class_weight\n"
                "def balanced_class_weights(y):\n"
                "    y = np.asarray(y)\n"
                "    classes = np.unique(y)\n"
                "    return dict(zip(classes, compute_class_weight('balanced', classes=classes, y=y)))\n"
            ),
        },
        "wrong": {
            "inverse count without normalisation": (
                "def balanced_class_weights(y):\n"
                "    classes, counts = np.unique(y, return_counts=True)\n"
                "    return {int(c): 1.0 / m for c, m in zip(classes, counts)}\n"
            ),
            "counts instead of inverse": (
                "def balanced_class_weights(y):\n"
                "    classes, counts = np.unique(y, return_counts=True)\n"
                "    k = len(classes)\n"
                "    return {int(c): k * m / len(y) for c, m in zip(classes, counts)}\n"
            ),
            "keys 0..k-1 instead of the classes": (
                "def balanced_class_weights(y):\n"
                "    classes, counts = np.unique(y, return_counts=True)\n"
                "    n, k = counts.sum(), len(classes)\n"
                "    return {i: n / (k * m) for i, m in enumerate(counts)}\n"
            ),
            "classes missing: counts with bincount over range(max)": (
                "def balanced_class_weights(y):\n"
                "    counts = np.bincount(np.asarray(y))\n"
                "    n, k = counts.sum(), len(counts)\n"
                "    return {c: n / (k * m) for c, m in enumerate(counts) if m > 0}\n"
            ),
            "uses y.size (breaks: y may be a list)": (
                "def balanced_class_weights(y):\n"
                "    classes, counts = np.unique(y, return_counts=True)\n"
                "    return {int(c): float(y.size / (len(classes) * m)) for c, m in zip(classes, counts)}\n"
            ),
        },
    },
}
