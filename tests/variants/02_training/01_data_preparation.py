"""Answer variants for 02_training/01_data_preparation (see tests/test_exercises.py)."""


_STANDARDIZE_OK = (
    "def standardize(X, mean, std):\n"
    "    return (np.asarray(X, dtype=float) - mean) / std\n"
)
_FIT_OK = (
    "def fit_standardizer(X_train):\n"
    "    m, s = X_train.mean(axis=0), X_train.std(axis=0)\n"
    "    s[s == 0] = 1.0\n"
    "    return m, s\n"
)

_HE_OK = (
    "def he_normal(fan_in, fan_out, rng):\n"
    "    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n"
)
_GLOROT_OK = (
    "def glorot_uniform(fan_in, fan_out, rng):\n"
    "    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
    "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n"
)

VARIANTS = {
    "02_standardize": {
        "correct": {
            "loops over columns, keepdims-free, float32 input allowed": (
                "def fit_standardizer(X_train):\n"
                "    X_train = np.asarray(X_train, dtype=np.float64)\n"
                "    means, stds = [], []\n"
                "    for j in range(X_train.shape[1]):\n"
                "        col = X_train[:, j]\n"
                "        means.append(col.mean())\n"
                "        sd = np.sqrt(np.mean((col - col.mean()) ** 2))\n"
                "        stds.append(sd if sd > 0 else 1.0)\n"
                "    return np.array(means), np.array(stds)\n"
                "\n"
                "def standardize(X, mean, std):\n"
                "    out = np.array(X, dtype=float, copy=True)\n"
                "    out -= mean\n"
                "    out /= std\n"
                "    return out\n"
            ),
            "in-place on a copy, std fixed with boolean index": _FIT_OK + "\n" + _STANDARDIZE_OK,
            "relies only on what the text promises (2-D array, np.std default, zeros -> 1)": (
                "def fit_standardizer(X_train):\n"
                "    mean = np.mean(X_train, axis=0)\n"
                "    std = np.std(X_train, axis=0)\n"
                "    std[std == 0] = 1\n"
                "    return mean, std\n"
                "\n"
                "def standardize(X, mean, std):\n"
                "    return (X - mean) / std\n"
            ),
            "returns a list, divides via reciprocal": (
                "def fit_standardizer(X_train):\n"
                "    sd = np.std(X_train, axis=0)\n"
                "    return [np.mean(X_train, axis=0), np.where(sd > 0, sd, 1)]\n"
                "\n"
                "def standardize(X, mean, std):\n"
                "    return (X - mean) * (1.0 / std)\n"
            ),
        },
        "wrong": {
            "statistics over the wrong axis (axis=1)": (
                "def fit_standardizer(X_train):\n"
                "    s = X_train.std(axis=1)\n"
                "    return X_train.mean(axis=1), np.where(s == 0, 1.0, s)\n" + "\n" + _STANDARDIZE_OK
            ),
            "statistics of the whole array": (
                "def fit_standardizer(X_train):\n"
                "    s = X_train.std()\n"
                "    return X_train.mean(), (s if s > 0 else 1.0)\n" + "\n" + _STANDARDIZE_OK
            ),
            "variance instead of standard deviation": (
                "def fit_standardizer(X_train):\n"
                "    v = X_train.var(axis=0)\n"
                "    return X_train.mean(axis=0), np.where(v == 0, 1.0, v)\n" + "\n" + _STANDARDIZE_OK
            ),
            "zero std not replaced (division by zero)": (
                "def fit_standardizer(X_train):\n"
                "    return X_train.mean(axis=0), X_train.std(axis=0)\n" + "\n" + _STANDARDIZE_OK
            ),
            "zero std replaced by a tiny epsilon": (
                "def fit_standardizer(X_train):\n"
                "    return X_train.mean(axis=0), X_train.std(axis=0) + 1e-8\n" + "\n" + _STANDARDIZE_OK
            ),
            "standardize refits on X (ignores the training statistics)": (
                _FIT_OK + "\n"
                "def standardize(X, mean, std):\n"
                "    m, s = fit_standardizer(np.asarray(X, dtype=float))\n"
                "    return (X - m) / s\n"
            ),
            "sample std (ddof=1)": (
                "def fit_standardizer(X_train):\n"
                "    s = X_train.std(axis=0, ddof=1)\n"
                "    return X_train.mean(axis=0), np.where(s == 0, 1.0, s)\n" + "\n" + _STANDARDIZE_OK
            ),
            "modifies X in place": (
                _FIT_OK + "\n"
                "def standardize(X, mean, std):\n"
                "    X -= mean\n"
                "    X /= std\n"
                "    return X\n"
            ),
        },
    },
    "02_stratified_split": {
        "correct": {
            "lists of python ints, int(x + 0.5) rounding, shuffled within class": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    rng = np.random.default_rng(seed)\n"
                "    train, val, test = [], [], []\n"
                "    for c in sorted(set(y.tolist())):\n"
                "        idx = [i for i in range(len(y)) if y[i] == c]\n"
                "        rng.shuffle(idx)\n"
                "        nv, nt = int(fractions[1] * len(idx) + 0.5), int(fractions[2] * len(idx) + 0.5)\n"
                "        val += idx[:nv]; test += idx[nv:nv + nt]; train += idx[nv + nt:]\n"
                "    return train, val, test\n"
            ),
            "one global permutation, stable sort by label, np.split": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    rng = np.random.default_rng(seed)\n"
                "    perm = rng.permutation(len(y))\n"
                "    order = perm[np.argsort(y[perm], kind='stable')]\n"
                "    out = [[], [], []]\n"
                "    for c in np.unique(y):\n"
                "        idx = order[y[order] == c]\n"
                "        n_c = len(idx)\n"
                "        nt, nv = round(fractions[2] * n_c), round(fractions[1] * n_c)\n"
                "        te, va, tr = np.split(idx, [nt, nt + nv])\n"
                "        out[0].append(tr); out[1].append(va); out[2].append(te)\n"
                "    return tuple(rng.permutation(np.concatenate(p)) for p in out)\n"
            ),
            "relies only on what the text promises (np.unique, flatnonzero, permutation, round)": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    rng = np.random.default_rng(seed)\n"
                "    train, val, test = [], [], []\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        n_val, n_test = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        val.append(idx[:n_val])\n"
                "        test.append(idx[n_val:n_val + n_test])\n"
                "        train.append(idx[n_val + n_test:])\n"
                "    return np.concatenate(train), np.concatenate(val), np.concatenate(test)\n"
            ),
            "rng.choice without replacement, test first": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    rng = np.random.default_rng(seed)\n"
                "    tr, va, te = [], [], []\n"
                "    for c in np.unique(y):\n"
                "        pool = np.flatnonzero(y == c)\n"
                "        t = rng.choice(pool, size=int(np.round(fractions[2] * len(pool))), replace=False)\n"
                "        pool = np.setdiff1d(pool, t)\n"
                "        v = rng.choice(pool, size=int(np.round(fractions[1] * (len(pool) + len(t)))), replace=False)\n"
                "        te.append(t); va.append(v); tr.append(np.setdiff1d(pool, v))\n"
                "    return np.concatenate(tr), np.concatenate(va), np.concatenate(te)\n"
            ),
        },
        "wrong": {
            "assumes the labels are 0, 1, ..., K-1 (the text: any integers)": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in range(int(y.max()) + 1):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p).astype(int) for p in parts)\n"
            ),
            "ignores the fractions argument (always 0.6, 0.2, 0.2)": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(0.2 * len(idx)), round(0.2 * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "needs a NumPy array (y.shape on a list; the text: an array or a list)": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c)[: y.shape[0]])\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "plain random split (not stratified)": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    n = len(y)\n"
                "    perm = np.random.default_rng(seed).permutation(n)\n"
                "    n_tr, n_va = round(fractions[0] * n), round(fractions[1] * n)\n"
                "    return perm[:n_tr], perm[n_tr:n_tr + n_va], perm[n_tr + n_va:]\n"
            ),
            "off by one: loses an example per class": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt + 1:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "off by one: validation and test overlap": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[max(nv - 1, 0):max(nv - 1, 0) + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "ignores the seed": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(0)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "global np.random instead of the seeded generator": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = np.random.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "no shuffling within a class": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = np.flatnonzero(y == c)\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "boolean masks instead of indices": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    masks = [np.zeros(len(y), dtype=bool) for _ in range(3)]\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        masks[1][idx[:nv]] = True; masks[2][idx[nv:nv + nt]] = True; masks[0][idx[nv + nt:]] = True\n"
                "    return tuple(masks)\n"
            ),
            "floor instead of round": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    y = np.asarray(y); rng = np.random.default_rng(seed)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y):\n"
                "        idx = rng.permutation(np.flatnonzero(y == c))\n"
                "        nv, nt = int(fractions[1] * len(idx)), int(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
            "shuffles y in place": (
                "def stratified_split(y, fractions=(0.6, 0.2, 0.2), seed=0):\n"
                "    rng = np.random.default_rng(seed)\n"
                "    y_arr = np.asarray(y)\n"
                "    parts = ([], [], [])\n"
                "    for c in np.unique(y_arr):\n"
                "        idx = np.flatnonzero(y_arr == c)\n"
                "        rng.shuffle(idx)\n"
                "        nv, nt = round(fractions[1] * len(idx)), round(fractions[2] * len(idx))\n"
                "        parts[1].append(idx[:nv]); parts[2].append(idx[nv:nv + nt]); parts[0].append(idx[nv + nt:])\n"
                "    if isinstance(y, np.ndarray):\n"
                "        rng.shuffle(y)\n"
                "    elif isinstance(y, list):\n"
                "        y.reverse()\n"
                "    return tuple(np.concatenate(p) for p in parts)\n"
            ),
        },
    },
    "02_he_init": {
        "correct": {
            "relies only on what the text promises (rng.normal(loc, scale, size), rng.uniform(low, high, size))": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.normal(0, (2 / fan_in) ** 0.5, (fan_in, fan_out))\n"
                "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = (6 / (fan_in + fan_out)) ** 0.5\n"
                "    return rng.uniform(-a, a, (fan_in, fan_out))\n"
            ),
            "standard_normal scaled, uniform from random()": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)\n"
                "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    limit = (6 / (fan_in + fan_out)) ** 0.5\n"
                "    return (2 * rng.random((fan_in, fan_out)) - 1) * limit\n"
            ),
            "float32 results via variance form": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    var = 2.0 / fan_in\n"
                "    return rng.normal(size=(fan_in, fan_out), scale=var ** 0.5).astype(np.float32)\n"
                "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    var = 2.0 / (fan_in + fan_out)\n"
                "    a = np.sqrt(3 * var)\n"
                "    return rng.uniform(low=-a, high=a, size=(fan_in, fan_out)).astype(np.float32)\n"
            ),
            "drawn as (fan_out, fan_in) and transposed: other samples, same distributions": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return np.sqrt(2.0 / fan_in) * rng.standard_normal((fan_out, fan_in)).T\n"
                "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                "    return a - 2 * a * rng.random((fan_out, fan_in)).T\n"
            ),
        },
        "wrong": {
            "variance 2/fan_in used as the standard deviation": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))\n" + "\n" + _GLOROT_OK
            ),
            "fan_out instead of fan_in": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.normal(0.0, np.sqrt(2.0 / fan_out), size=(fan_in, fan_out))\n" + "\n" + _GLOROT_OK
            ),
            "Glorot limit with fan_in only": (
                _HE_OK + "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(6.0 / fan_in)\n"
                "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n"
            ),
            "Glorot without the factor 6 (normal-variance formula as the limit)": (
                _HE_OK + "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(2.0 / (fan_in + fan_out))\n"
                "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n"
            ),
            "ignores rng (global np.random)": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return np.random.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n"
                "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                "    return np.random.uniform(-a, a, size=(fan_in, fan_out))\n"
            ),
            "new generator with a fixed seed inside": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return np.random.default_rng(0).normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))\n"
                "\n" + _GLOROT_OK
            ),
            "Glorot: the same generator state reused (a fresh generator seeded from rng each call)": (
                _HE_OK + "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                "    return np.random.default_rng(1).uniform(-a, a, size=(fan_in, fan_out))\n"
            ),
            "He drawn from a uniform distribution": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    a = np.sqrt(3 * 2.0 / fan_in)\n"
                "    return rng.uniform(-a, a, size=(fan_in, fan_out))\n" + "\n" + _GLOROT_OK
            ),
            "Glorot drawn from a normal distribution": (
                _HE_OK + "\n"
                "def glorot_uniform(fan_in, fan_out, rng):\n"
                "    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))\n"
            ),
            "transposed shape (fan_out, fan_in)": (
                "def he_normal(fan_in, fan_out, rng):\n"
                "    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_out, fan_in))\n" + "\n" + _GLOROT_OK
            ),
        },
    },
}
