"""Answer variants for 01_fundamentals/02_forward_and_losses (see tests/test_exercises.py)."""


# Helpers for the cross-entropy exercise: each variant must define both functions.
_BCE_OK = (
    "def binary_cross_entropy(y_true, p):\n"
    "    p = np.clip(p, 1e-7, 1 - 1e-7)\n"
    "    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n"
)
_CCE_OK = (
    "def categorical_cross_entropy(Y_true, P):\n"
    "    P = np.clip(P, 1e-7, 1 - 1e-7)\n"
    "    return -np.mean(np.sum(Y_true * np.log(P), axis=1))\n"
)

VARIANTS = {
    "01_dense_layer": {
        "correct": {
            'relies only on what the text promises': (
                'def dense(X, W, b, activation=None):\n'
                '    Z = X @ W + b\n'
                '    if activation is None:\n'
                '        return Z\n'
                '    return activation(Z)\n'
            ),
            "einsum, identity lambda": (
                "def dense(X, W, b, activation=None):\n"
                "    f = activation or (lambda z: z)\n"
                "    return f(np.einsum('ni,io->no', X, W) + b)"
            ),
            "np.dot and reshape of bias": (
                "def dense(X, W, b, activation=None):\n"
                "    Z = np.dot(X, W) + np.reshape(b, (1, -1))\n"
                "    if activation is not None:\n"
                "        Z = activation(Z)\n"
                "    return Z"
            ),
            "transposes twice (W.T @ X.T).T": (
                "def dense(X, W, b, activation=None):\n"
                "    Z = (W.T @ X.T).T + b\n"
                "    return Z if activation is None else activation(Z)"
            ),
        },
        "wrong": {
            "breaks 'activation may be None': calls it unconditionally": (
                'def dense(X, W, b, activation=None):\n'
                '    return activation(X @ W + b)\n'
            ),
            "breaks 'a function applied to Z': always applies relu": (
                'def dense(X, W, b, activation=None):\n'
                '    Z = X @ W + b\n'
                '    return Z if activation is None else np.maximum(Z, 0)\n'
            ),
            "missing bias": (
                "def dense(X, W, b, activation=None):\n"
                "    Z = X @ W\n"
                "    return Z if activation is None else activation(Z)"
            ),
            "W.T @ X.T without transposing back": (
                "def dense(X, W, b, activation=None):\n"
                "    Z = W.T @ X.T + b[:, None]\n"
                "    return Z if activation is None else activation(Z)"
            ),
            "activation before the bias": (
                "def dense(X, W, b, activation=None):\n"
                "    Z = X @ W\n"
                "    if activation is not None:\n"
                "        Z = activation(Z)\n"
                "    return Z + b"
            ),
            "ignores the activation": (
                "def dense(X, W, b, activation=None):\n"
                "    return X @ W + b"
            ),
        },
    },
    "01_forward": {
        "correct": {
            'relies only on what the text promises': (
                'def forward(X, layers):\n'
                '    A = X\n'
                '    for layer in layers:\n'
                '        W, b, activation = layer\n'
                '        A = dense(A, W, b, activation)\n'
                '    return A\n'
            ),
            "recursion": (
                "def forward(X, layers):\n"
                "    if len(layers) == 0:\n"
                "        return X\n"
                "    W, b, f = layers[0]\n"
                "    return forward(dense(X, W, b, f), layers[1:])"
            ),
            "functools.reduce, no dense": (
                "from functools import reduce\n"
                "def forward(X, layers):\n"
                "    def step(A, layer):\n"
                "        Z = A @ layer[0] + layer[1]\n"
                "        return Z if layer[2] is None else layer[2](Z)\n"
                "    return reduce(step, layers, X)"
            ),
            "index loop": (
                "def forward(X, layers):\n"
                "    out = X\n"
                "    for i in range(len(layers)):\n"
                "        out = dense(out, *layers[i])\n"
                "    return out"
            ),
        },
        "wrong": {
            "breaks 'activation may be None': applies it without a check": (
                'def forward(X, layers):\n'
                '    A = X\n'
                '    for W, b, f in layers:\n'
                '        A = f(A @ W + b)\n'
                '    return A\n'
            ),
            "breaks 'returns the output of the last layer': returns all outputs": (
                'def forward(X, layers):\n'
                '    outs = [X]\n'
                '    for W, b, f in layers:\n'
                '        outs.append(dense(outs[-1], W, b, f))\n'
                '    return outs[1:]\n'
            ),
            "skips the last layer": (
                "def forward(X, layers):\n"
                "    A = X\n"
                "    for W, b, f in layers[:-1]:\n"
                "        A = dense(A, W, b, f)\n"
                "    return A"
            ),
            "skips the first layer": (
                "def forward(X, layers):\n"
                "    A = X\n"
                "    for W, b, f in layers[1:]:\n"
                "        A = dense(A, W, b, f)\n"
                "    return A"
            ),
            "every layer applied to the original X": (
                "def forward(X, layers):\n"
                "    A = X\n"
                "    for W, b, f in layers:\n"
                "        A = dense(X, W, b, f)\n"
                "    return A"
            ),
            "hard-coded two layers": (
                "def forward(X, layers):\n"
                "    (W1, b1, f1), (W2, b2, f2) = layers[0], layers[1]\n"
                "    return dense(dense(X, W1, b1, f1), W2, b2, f2)"
            ),
            "removes layers from the list": (
                "def forward(X, layers):\n"
                "    A = X\n"
                "    while layers:\n"
                "        W, b, f = layers.pop(0)\n"
                "        A = dense(A, W, b, f)\n"
                "    return A"
            ),
        },
    },
    "01_mse": {
        "correct": {
            'relies only on what the text promises': (
                'def mse(y_true, y_pred):\n'
                '    d = y_true - y_pred\n'
                '    return (d * d).sum() / d.size\n'
            ),
            "square via multiply, sum / size": (
                "def mse(y_true, y_pred):\n"
                "    d = np.asarray(y_pred) - np.asarray(y_true)\n"
                "    return np.sum(d * d) / d.size"
            ),
            "np.square and np.mean returning numpy scalar": (
                "def mse(y_true, y_pred):\n"
                "    return np.square(np.subtract(y_true, y_pred)).mean()"
            ),
            "python loop over flattened arrays": (
                "def mse(y_true, y_pred):\n"
                "    a, b = np.ravel(y_true), np.ravel(y_pred)\n"
                "    total = 0.0\n"
                "    for u, v in zip(a, b):\n"
                "        total += (u - v) ** 2\n"
                "    return total / len(a)"
            ),
        },
        "wrong": {
            "breaks 'any shape': averages rows of a 2-D array, then the rows": (
                'def mse(y_true, y_pred):\n'
                '    d = (y_true - y_pred) ** 2\n'
                '    return float(np.mean([np.mean(row) for row in d.reshape(len(d), -1)])) if d.ndim <= 2 else float(np.mean(d[0]))\n'
            ),
            "sum instead of mean": (
                "def mse(y_true, y_pred):\n"
                "    return np.sum((y_true - y_pred) ** 2)"
            ),
            "mean absolute error": (
                "def mse(y_true, y_pred):\n"
                "    return np.mean(np.abs(y_true - y_pred))"
            ),
            "plain mean difference": (
                "def mse(y_true, y_pred):\n"
                "    return np.mean(y_true - y_pred)"
            ),
            "root mean squared error": (
                "def mse(y_true, y_pred):\n"
                "    return np.sqrt(np.mean((y_true - y_pred) ** 2))"
            ),
            "mean over the last axis only": (
                "def mse(y_true, y_pred):\n"
                "    return np.mean((y_true - y_pred) ** 2, axis=-1)"
            ),
        },
    },
    "01_cross_entropy": {
        "correct": {
            'relies only on what the text promises': (
                'def binary_cross_entropy(y_true, p):\n'
                '    eps = 1e-7\n'
                '    p = np.clip(p, eps, 1 - eps)\n'
                '    return -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)).mean()\n'
                'def categorical_cross_entropy(Y_true, P):\n'
                '    eps = 1e-7\n'
                '    P = np.clip(P, eps, 1 - eps)\n'
                '    return -(Y_true * np.log(P)).sum(axis=1).mean()\n'
            ),
            "straightforward (no float conversion)": _BCE_OK + _CCE_OK,
            "np.where and picking the true class": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)\n"
                "    return float(np.mean(np.where(np.asarray(y_true) == 1, -np.log(p), -np.log(1 - p))))\n"
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(np.asarray(P, dtype=float), 1e-7, 1 - 1e-7)\n"
                "    idx = np.argmax(Y_true, axis=1)\n"
                "    return float(-np.log(P[np.arange(len(P)), idx]).mean())"
            ),
            "eps added inside the log, loops": (
                "def binary_cross_entropy(y_true, p):\n"
                "    eps = 1e-7\n"
                "    total = 0.0\n"
                "    ys, ps = np.ravel(y_true), np.ravel(p)\n"
                "    for y, q in zip(ys, ps):\n"
                "        total -= y * np.log(q + eps) + (1 - y) * np.log(1 - q + eps)\n"
                "    return total / len(ys)\n"
                "def categorical_cross_entropy(Y_true, P):\n"
                "    eps = 1e-7\n"
                "    losses = [-np.sum(y * np.log(np.clip(q, eps, 1 - eps))) for y, q in zip(Y_true, P)]\n"
                "    return np.mean(losses)"
            ),
            "float32 arithmetic": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(np.asarray(p, dtype=np.float32), np.float32(1e-7), np.float32(1 - 1e-7))\n"
                "    y = np.asarray(y_true, dtype=np.float32)\n"
                "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(np.asarray(P, dtype=np.float32), np.float32(1e-7), np.float32(1 - 1e-7))\n"
                "    return -np.mean(np.sum(np.asarray(Y_true, dtype=np.float32) * np.log(P), axis=1))"
            ),
        },
        "wrong": {
            "breaks 'clip to [eps, 1 - eps]': clips only from below (binary)": (
                'def binary_cross_entropy(y_true, p):\n'
                '    p = np.clip(p, 1e-7, None)\n'
                '    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n'
                'def categorical_cross_entropy(Y_true, P):\n'
                '    P = np.clip(P, 1e-7, 1 - 1e-7)\n'
                '    return -np.mean(np.sum(Y_true * np.log(P), axis=1))\n'
            ),
            "breaks 'eps = 1e-7': clips with eps = 1e-5": (
                'def binary_cross_entropy(y_true, p):\n'
                '    p = np.clip(p, 1e-5, 1 - 1e-5)\n'
                '    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n'
                'def categorical_cross_entropy(Y_true, P):\n'
                '    P = np.clip(P, 1e-5, 1 - 1e-5)\n'
                '    return -np.mean(np.sum(Y_true * np.log(P), axis=1))\n'
            ),
            "breaks 'clip before taking logarithms': categorical without clipping, nan_to_num": (
                'def binary_cross_entropy(y_true, p):\n'
                '    p = np.clip(p, 1e-7, 1 - 1e-7)\n'
                '    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n'
                'def categorical_cross_entropy(Y_true, P):\n'
                "    with np.errstate(divide='ignore', invalid='ignore'):\n"
                '        L = np.nan_to_num(Y_true * np.log(P))\n'
                '    return -np.mean(np.sum(L, axis=1))\n'
            ),
            "binary: missing minus sign": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(p, 1e-7, 1 - 1e-7)\n"
                "    return np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n" + _CCE_OK
            ),
            "categorical: missing minus sign": _BCE_OK + (
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(P, 1e-7, 1 - 1e-7)\n"
                "    return np.mean(np.sum(Y_true * np.log(P), axis=1))"
            ),
            "categorical: sum over axis=0 then mean": _BCE_OK + (
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(P, 1e-7, 1 - 1e-7)\n"
                "    return -np.mean(np.sum(Y_true * np.log(P), axis=0))"
            ),
            "categorical: mean over all entries": _BCE_OK + (
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(P, 1e-7, 1 - 1e-7)\n"
                "    return -np.mean(Y_true * np.log(P))"
            ),
            "binary: sum instead of mean": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(p, 1e-7, 1 - 1e-7)\n"
                "    return -np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n" + _CCE_OK
            ),
            "categorical: sum instead of mean over the batch": _BCE_OK + (
                "def categorical_cross_entropy(Y_true, P):\n"
                "    P = np.clip(P, 1e-7, 1 - 1e-7)\n"
                "    return -np.sum(Y_true * np.log(P))"
            ),
            "binary: no clipping": (
                "def binary_cross_entropy(y_true, p):\n"
                "    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n" + _CCE_OK
            ),
            "categorical: no clipping": _BCE_OK + (
                "def categorical_cross_entropy(Y_true, P):\n"
                "    return -np.mean(np.sum(Y_true * np.log(P), axis=1))"
            ),
            "binary: missing the (1 - y) log(1 - p) term": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(p, 1e-7, 1 - 1e-7)\n"
                "    return -np.mean(y_true * np.log(p))\n" + _CCE_OK
            ),
            "binary: clips with a much smaller eps (1e-15)": (
                "def binary_cross_entropy(y_true, p):\n"
                "    p = np.clip(p, 1e-15, 1 - 1e-15)\n"
                "    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))\n" + _CCE_OK
            ),
        },
    },
}
