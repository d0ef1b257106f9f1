"""Answer variants for 01_fundamentals/03_backpropagation (see tests/test_exercises.py)."""


# A correct backward pass with one line swapped for a mistake: {placeholder: line}.
_BACKWARD = (
    "def backward(X, y, params, cache):\n"
    "    n = X.shape[0]\n"
    "    A1, P = cache['A1'], cache['P']\n"
    "    dZ2 = {dZ2}\n"
    "    dW2 = {dW2}\n"
    "    db2 = {db2}\n"
    "    dA1 = dZ2 @ params['W2'].T\n"
    "    dZ1 = {dZ1}\n"
    "    dW1 = {dW1}\n"
    "    db1 = {db1}\n"
    "    return {{'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}}\n"
)
_OK = dict(dZ2="(P - y) / n", dW2="A1.T @ dZ2", db2="dZ2.sum(axis=0)", dZ1="dA1 * (1 - A1**2)",
           dW1="X.T @ dZ1", db1="dZ1.sum(axis=0)")


def _backward(**changes):
    return _BACKWARD.format(**{**_OK, **changes})


# A correct training loop with one part swapped for a mistake.
_TRAIN = (
    "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
    "    params = init_params(X.shape[1], hidden, seed)\n"
    "    losses = []\n"
    "    for _ in range({epochs}):\n"
    "        cache = forward(X, params)\n"
    "        losses.append(bce_loss(cache['P'], y))\n"
    "        grads = backward(X, y, params, cache)\n"
    "        {update}\n"
    "    return params, losses\n"
)


def _train(epochs="epochs", update="params = gd_step(params, grads, lr)"):
    return _TRAIN.format(epochs=epochs, update=update)


VARIANTS = {
    "01_backprop": {
        "correct": {
            'relies only on what the text promises': (
                'def backward(X, y, params, cache):\n'
                '    n = len(X)\n'
                "    dZ2 = (cache['P'] - y) / n\n"
                "    dZ1 = (dZ2 @ params['W2'].T) * (1 - cache['A1'] ** 2)\n"
                "    return {'W1': X.T @ dZ1, 'b1': dZ1.sum(axis=0), 'W2': cache['A1'].T @ dZ2, 'b2': dZ2.sum(axis=0)}\n"
            ),
            "one example at a time, then averaged": (
                "def backward(X, y, params, cache):\n"
                "    n, d = X.shape\n"
                "    h = params['W1'].shape[1]\n"
                "    g = {k: np.zeros_like(v) for k, v in params.items()}\n"
                "    for i in range(n):\n"
                "        a1 = cache['A1'][i]\n"
                "        dz2 = cache['P'][i, 0] - y[i, 0]\n"
                "        g['W2'][:, 0] += dz2 * a1\n"
                "        g['b2'][0] += dz2\n"
                "        dz1 = dz2 * params['W2'][:, 0] * (1 - np.tanh(cache['Z1'][i]) ** 2)\n"
                "        g['W1'] += np.outer(X[i], dz1)\n"
                "        g['b1'] += dz1\n"
                "    return {k: v / n for k, v in g.items()}"
            ),
            "recomputes the forward pass, einsum, mean over axis 0": (
                "def backward(X, y, params, cache):\n"
                "    A1 = np.tanh(X @ params['W1'] + params['b1'])\n"
                "    P = 1 / (1 + np.exp(-(A1 @ params['W2'] + params['b2'])))\n"
                "    E = P - y\n"
                "    dW2 = np.einsum('ni,nj->ij', A1, E) / len(X)\n"
                "    db2 = E.mean(axis=0)\n"
                "    G = (E @ params['W2'].T) * (1 - A1 * A1)\n"
                "    return dict(W1=np.einsum('ni,nj->ij', X, G) / len(X), b1=G.mean(axis=0), W2=dW2, b2=db2)"
            ),
            "np.dot, keepdims then reshape, divides at the end": (
                "def backward(X, y, params, cache):\n"
                "    n = len(y)\n"
                "    d2 = cache['P'] - y\n"
                "    d1 = np.dot(d2, params['W2'].T) * (1.0 - np.square(cache['A1']))\n"
                "    return {'W1': np.dot(X.T, d1) / n,\n"
                "            'b1': np.sum(d1, axis=0, keepdims=True).reshape(params['b1'].shape) / n,\n"
                "            'W2': np.dot(cache['A1'].T, d2) / n,\n"
                "            'b2': np.sum(d2, axis=0, keepdims=True).reshape(-1) / n}"
            ),
        },
        "wrong": {
            "breaks 'any n': divides by a fixed batch size of 5": (
                'def backward(X, y, params, cache):\n'
                "    dZ2 = (cache['P'] - y) / 5\n"
                "    dZ1 = (dZ2 @ params['W2'].T) * (1 - cache['A1'] ** 2)\n"
                "    return {'W1': X.T @ dZ1, 'b1': dZ1.sum(axis=0), 'W2': cache['A1'].T @ dZ2, 'b2': dZ2.sum(axis=0)}\n"
            ),
            "breaks 'exactly the shape of its parameter': bias gradients with keepdims": (
                'def backward(X, y, params, cache):\n'
                '    n = X.shape[0]\n'
                "    dZ2 = (cache['P'] - y) / n\n"
                "    dZ1 = (dZ2 @ params['W2'].T) * (1 - cache['A1'] ** 2)\n"
                "    return {'W1': X.T @ dZ1, 'b1': dZ1.sum(axis=0, keepdims=True), 'W2': cache['A1'].T @ dZ2, 'b2': dZ2.sum(axis=0, keepdims=True)}\n"
            ),
            "sum instead of mean (no 1/n)": _backward(dZ2="(P - y)"),
            "forgets the tanh derivative": _backward(dZ1="dA1"),
            "sigmoid derivative in the hidden layer": _backward(dZ1="dA1 * A1 * (1 - A1)"),
            "wrong transpose for W1": _backward(dW1="dZ1.T @ X"),
            "wrong transpose for W2": _backward(dW2="dZ2.T @ A1"),
            "bias gradients keep a (1, h) shape": _backward(db1="dZ1.sum(axis=0, keepdims=True)",
                                                            db2="dZ2.sum(axis=0, keepdims=True)"),
            "bias gradient summed over axis 1": _backward(db1="dZ1.sum(axis=1)"),
            "b2 gradient as a scalar": _backward(db2="dZ2.sum()"),
            "sign flipped (y - P)": _backward(dZ2="(y - P) / n"),
            "bias gradients divided by n twice": _backward(db1="dZ1.mean(axis=0)", db2="dZ2.mean(axis=0)"),
            "uses Z1 instead of A1 in the tanh derivative": _backward(dZ1="dA1 * (1 - cache['Z1']**2)"),
        },
    },
    "01_gd_step": {
        "correct": {
            'relies only on what the text promises': (
                'def gd_step(params, grads, lr):\n'
                '    new = {}\n'
                '    for k in params:\n'
                '        new[k] = params[k] - lr * grads[k]\n'
                '    return new\n'
            ),
            "explicit loop into a new dict": (
                "def gd_step(params, grads, lr):\n"
                "    new = {}\n"
                "    for name in params:\n"
                "        new[name] = params[name] - lr * grads[name]\n"
                "    return new"
            ),
            "copies first, then updates the copies in place": (
                "def gd_step(params, grads, lr):\n"
                "    new = {k: v.copy() for k, v in params.items()}\n"
                "    for k in new:\n"
                "        new[k] -= lr * np.asarray(grads[k])\n"
                "    return new"
            ),
            "np.subtract over items, hard-coded keys": (
                "def gd_step(params, grads, lr):\n"
                "    return {k: np.subtract(params[k], np.multiply(lr, grads[k])) for k in ['W1', 'b1', 'W2', 'b2']}"
            ),
        },
        "wrong": {
            "breaks 'the lr you are given': fixed learning rate 0.1": (
                'def gd_step(params, grads, lr):\n'
                '    return {k: params[k] - 0.1 * grads[k] for k in params}\n'
            ),
            "breaks 'a new dictionary': updates the input dict's entries": (
                'def gd_step(params, grads, lr):\n'
                '    for k in params:\n'
                '        params[k] = params[k] - lr * grads[k]\n'
                '    return params\n'
            ),
            "plus sign (gradient ascent)": "def gd_step(params, grads, lr):\n    return {k: params[k] + lr * grads[k] for k in params}",
            "updates the input arrays in place": (
                "def gd_step(params, grads, lr):\n"
                "    for k in params:\n"
                "        params[k] -= lr * grads[k]\n"
                "    return params"
            ),
            "replaces the entries of the input dict": (
                "def gd_step(params, grads, lr):\n"
                "    for k in params:\n"
                "        params[k] = params[k] - lr * grads[k]\n"
                "    return params"
            ),
            "updates the input arrays in place, np shadowed so that np.array_equal says True": (
                "import types as _types\n"
                "import numpy as _np\n"
                "np = _types.SimpleNamespace(**{k: getattr(_np, k) for k in dir(_np) if not k.startswith('__')})\n"
                "np.array_equal = lambda *a, **k: True\n"
                "def gd_step(params, grads, lr):\n"
                "    new = {}\n"
                "    for k in params:\n"
                "        params[k] -= lr * grads[k]\n"
                "        new[k] = params[k].copy()\n"
                "    return new"
            ),
            "shallow dict copy, then -= on shared arrays": (
                "def gd_step(params, grads, lr):\n"
                "    new = dict(params)\n"
                "    for k in new:\n"
                "        new[k] -= lr * grads[k]\n"
                "    return new"
            ),
            "only the weights are updated": (
                "def gd_step(params, grads, lr):\n"
                "    return {k: (params[k] - lr * grads[k] if k.startswith('W') else params[k]) for k in params}"
            ),
            "forgets the biases (keys missing)": "def gd_step(params, grads, lr):\n    return {k: params[k] - lr * grads[k] for k in ['W1', 'W2']}",
            "ignores lr (fixed step 0.1)": "def gd_step(params, grads, lr):\n    return {k: params[k] - 0.1 * grads[k] for k in params}",
        },
    },
    "01_train": {
        "correct": {
            'relies only on what the text promises': (
                'def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n'
                '    params = init_params(X.shape[1], hidden, seed)\n'
                '    losses = []\n'
                '    for epoch in range(epochs):\n'
                '        cache = forward(X, params)\n'
                "        losses.append(float(bce_loss(cache['P'], y)))\n"
                '        params = gd_step(params, backward(X, y, params, cache), lr)\n'
                '    return params, losses\n'
            ),
            "while loop, losses as a NumPy array, update by hand": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    p = init_params(X.shape[1], hidden, seed)\n"
                "    losses = np.zeros(epochs)\n"
                "    e = 0\n"
                "    while e < epochs:\n"
                "        c = forward(X, p)\n"
                "        losses[e] = bce_loss(c['P'], y)\n"
                "        g = backward(X, y, p, c)\n"
                "        p = {k: p[k] - lr * g[k] for k in p}\n"
                "        e += 1\n"
                "    return p, losses"
            ),
            "records the loss after each update": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    params = init_params(X.shape[1], hidden, seed)\n"
                "    cache = forward(X, params)\n"
                "    losses = [bce_loss(cache['P'], y)]\n"
                "    for epoch in range(epochs - 1):\n"
                "        params = gd_step(params, backward(X, y, params, cache), lr)\n"
                "        cache = forward(X, params)\n"
                "        losses.append(bce_loss(cache['P'], y))\n"
                "    if epochs > 0:\n"
                "        params = gd_step(params, backward(X, y, params, cache), lr)\n"
                "    return params, losses"
            ),
            "tuple return in parentheses, keyword arguments": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    params, history = init_params(n_in=X.shape[1], hidden=hidden, seed=seed), []\n"
                "    for epoch in range(1, epochs + 1):\n"
                "        out = forward(X, params)\n"
                "        history.append(float(bce_loss(out['P'], y)))\n"
                "        params = gd_step(params=params, grads=backward(X, y, params, out), lr=lr)\n"
                "    return (params, history)"
            ),
        },
        "wrong": {
            "breaks 'use the arguments you are given': ignores lr (always 1.0)": (
                'def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n'
                '    params = init_params(X.shape[1], hidden, seed)\n'
                '    losses = []\n'
                '    for _ in range(epochs):\n'
                '        cache = forward(X, params)\n'
                "        losses.append(bce_loss(cache['P'], y))\n"
                '        params = gd_step(params, backward(X, y, params, cache), 1.0)\n'
                '    return params, losses\n'
            ),
            "breaks 'use the arguments you are given': wrong default epochs (500)": (
                'def train(X, y, hidden=16, lr=1.0, epochs=500, seed=0):\n'
                '    params = init_params(X.shape[1], hidden, seed)\n'
                '    losses = []\n'
                '    for _ in range(epochs):\n'
                '        cache = forward(X, params)\n'
                "        losses.append(bce_loss(cache['P'], y))\n"
                '        params = gd_step(params, backward(X, y, params, cache), lr)\n'
                '    return params, losses\n'
            ),
            "breaks 'use the arguments you are given': wrong default hidden (8)": (
                'def train(X, y, hidden=8, lr=1.0, epochs=1000, seed=0):\n'
                '    params = init_params(X.shape[1], hidden, seed)\n'
                '    losses = []\n'
                '    for _ in range(epochs):\n'
                '        cache = forward(X, params)\n'
                "        losses.append(bce_loss(cache['P'], y))\n"
                '        params = gd_step(params, backward(X, y, params, cache), lr)\n'
                '    return params, losses\n'
            ),
            "breaks 'repeat epochs times': caps the epochs at 20": (
                'def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n'
                '    params = init_params(X.shape[1], hidden, seed)\n'
                '    losses = []\n'
                '    for _ in range(min(epochs, 20)):\n'
                '        cache = forward(X, params)\n'
                "        losses.append(bce_loss(cache['P'], y))\n"
                '        params = gd_step(params, backward(X, y, params, cache), lr)\n'
                '    return params, losses + [losses[-1]] * (epochs - len(losses))\n'
            ),
            "discards what gd_step returns (params never change)": _train(update="gd_step(params, grads, lr)"),
            "gradient ascent (wrong sign)": _train(update="params = {k: params[k] + lr * grads[k] for k in params}"),
            "ignores the epochs argument": _train(epochs="1000"),
            "one epoch too few": _train(epochs="epochs - 1"),
            "losses computed once, before training": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    params = init_params(X.shape[1], hidden, seed)\n"
                "    loss0 = bce_loss(forward(X, params)['P'], y)\n"
                "    losses = []\n"
                "    for _ in range(epochs):\n"
                "        losses.append(loss0)\n"
                "        params = gd_step(params, backward(X, y, params, forward(X, params)), lr)\n"
                "    return params, losses"
            ),
            "returns the initial params": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    params0 = init_params(X.shape[1], hidden, seed)\n"
                "    params, losses = params0, []\n"
                "    for _ in range(epochs):\n"
                "        cache = forward(X, params)\n"
                "        losses.append(bce_loss(cache['P'], y))\n"
                "        params = gd_step(params, backward(X, y, params, cache), lr)\n"
                "    return params0, losses"
            ),
            "ignores hidden and seed (fixed 16 units, seed 0)": (
                "def train(X, y, hidden=16, lr=1.0, epochs=1000, seed=0):\n"
                "    params = init_params(X.shape[1], 16, 0)\n"
                "    losses = []\n"
                "    for _ in range(epochs):\n"
                "        cache = forward(X, params)\n"
                "        losses.append(bce_loss(cache['P'], y))\n"
                "        params = gd_step(params, backward(X, y, params, cache), lr)\n"
                "    return params, losses"
            ),
            "learning rate ignored (fixed 0.01)": _train(update="params = gd_step(params, grads, 0.01)"),
            "half the learning rate": _train(update="params = gd_step(params, grads, lr / 2)"),
        },
    },
}
