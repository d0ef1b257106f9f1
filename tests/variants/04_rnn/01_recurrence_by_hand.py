"""Answer variants for 04_rnn/01_recurrence_by_hand (see tests/test_exercises.py)."""

# A loop version of rnn_forward with one configurable mistake, to keep the wrong variants short.
_FORWARD_LOOP = (
    "def rnn_forward(x, W_x, W_h, b, h0=None, return_sequences=False):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    h = {init}\n"
    "    out = []\n"
    "    for t in range({steps}):\n"
    "        h = rnn_step({x_t}, {h_in}, W_x, W_h, b)\n"
    "        out.append(h)\n"
    "    return {ret}\n"
)
_F_OK = dict(
    init="np.zeros((x.shape[0], W_h.shape[0])) if h0 is None else h0",
    steps="x.shape[1]",
    x_t="x[:, t]",
    h_in="h",
    ret="np.stack(out, axis=1) if return_sequences else h",
)


def _forward(**mistake):
    return _FORWARD_LOOP.format(**{**_F_OK, **mistake})


# A loop version of bptt with one configurable mistake.
_BPTT_LOOP = (
    "def bptt(x, W_x, W_h, b, v):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    n, T, d = x.shape\n"
    "    u = W_h.shape[0]\n"
    "    hs = [np.zeros((n, u))]\n"
    "    for t in range(T):\n"
    "        hs.append(np.tanh(x[:, t] @ W_x + hs[-1] @ W_h + b))\n"
    "    dWx, dWh, db = np.zeros_like(W_x, dtype=float), np.zeros_like(W_h, dtype=float), np.zeros_like(b, dtype=float)\n"
    "    g = np.ones((n, u)) * v\n"
    "    for t in {order}:\n"
    "        delta = {delta}\n"
    "        dWx += x[:, t - 1].T @ delta\n"
    "        dWh += {h_prev}.T @ delta\n"
    "        db += delta.sum(axis=0)\n"
    "        g = {back}\n"
    "    return {{'W_x': dWx, 'W_h': dWh, 'b': db}}\n"
)
_B_OK = dict(order="range(T, 0, -1)", delta="g * (1 - hs[t] ** 2)", h_prev="hs[t - 1]", back="delta @ W_h.T")


def _bptt(**mistake):
    return _BPTT_LOOP.format(**{**_B_OK, **mistake})


VARIANTS = {
    "04_rnn_step": {
        "correct": {
            "relies only on what the text promises": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return np.tanh(x_t @ W_x + h_prev @ W_h + b)\n"
            ),
            "np.dot and a separate pre-activation": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    a = np.dot(x_t, W_x) + np.dot(h_prev, W_h)\n"
                "    a = a + b[None, :]\n"
                "    return np.tanh(a)\n"
            ),
            "einsum": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return np.tanh(np.einsum('nd,du->nu', x_t, W_x) + np.einsum('nk,ku->nu', h_prev, W_h) + b)\n"
            ),
            "tanh from exponentials": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    a = x_t @ W_x + h_prev @ W_h + b\n"
                "    return 1 - 2 / (np.exp(2 * a) + 1)\n"
            ),
        },
        "wrong": {
            "W_x @ x order (transposed weights)": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return np.tanh((W_x.T @ x_t.T).T + (W_h @ h_prev.T).T + b)\n"
            ),
            "W_h transposed": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return np.tanh(x_t @ W_x + h_prev @ W_h.T + b)\n"
            ),
            "no tanh": "def rnn_step(x_t, h_prev, W_x, W_h, b):\n    return x_t @ W_x + h_prev @ W_h + b\n",
            "sigmoid instead of tanh": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return 1 / (1 + np.exp(-(x_t @ W_x + h_prev @ W_h + b)))\n"
            ),
            "bias forgotten": "def rnn_step(x_t, h_prev, W_x, W_h, b):\n    return np.tanh(x_t @ W_x + h_prev @ W_h)\n",
            "tanh on the input part only": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    return np.tanh(x_t @ W_x + b) + h_prev @ W_h\n"
            ),
            "previous state ignored": "def rnn_step(x_t, h_prev, W_x, W_h, b):\n    return np.tanh(x_t @ W_x + b)\n",
            "updates h_prev in place": (
                "def rnn_step(x_t, h_prev, W_x, W_h, b):\n"
                "    a = x_t @ W_x + h_prev @ W_h + b\n"
                "    h_prev[...] = np.tanh(a)\n"
                "    return h_prev\n"
            ),
        },
    },
    "04_rnn_forward": {
        "correct": {
            "relies only on what the text promises": _forward(),
            "preallocated output, h0 copied": (
                "def rnn_forward(x, W_x, W_h, b, h0=None, return_sequences=False):\n"
                "    n, T, _ = x.shape\n"
                "    u = W_x.shape[1]\n"
                "    h = np.zeros((n, u)) if h0 is None else np.array(h0, dtype=float)\n"
                "    states = np.empty((n, T, u))\n"
                "    for t in range(T):\n"
                "        h = rnn_step(x[:, t, :], h, W_x, W_h, b)\n"
                "        states[:, t, :] = h\n"
                "    if return_sequences:\n"
                "        return states\n"
                "    return states[:, -1, :]\n"
            ),
            "time-major loop over a transposed array": (
                "def rnn_forward(x, W_x, W_h, b, h0=None, return_sequences=False):\n"
                "    xt = np.transpose(x, (1, 0, 2))\n"
                "    h = h0 if h0 is not None else np.zeros((x.shape[0], len(b)))\n"
                "    hs = []\n"
                "    for step in xt:\n"
                "        h = rnn_step(step, h, W_x, W_h, b)\n"
                "        hs.append(h)\n"
                "    return np.transpose(np.array(hs), (1, 0, 2)) if return_sequences else hs[-1]\n"
            ),
        },
        "wrong": {
            "state reset to zero at every step": _forward(h_in="np.zeros((x.shape[0], W_h.shape[0]))"),
            "h0 ignored": _forward(init="np.zeros((x.shape[0], W_h.shape[0]))"),
            "first state returned instead of last": _forward(ret="np.stack(out, axis=1) if return_sequences else out[0]"),
            "return_sequences ignored": _forward(ret="h"),
            "always returns the sequence": _forward(ret="np.stack(out, axis=1)"),
            "time and batch axes swapped": (
                "def rnn_forward(x, W_x, W_h, b, h0=None, return_sequences=False):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    h = np.zeros((x.shape[1], W_h.shape[0])) if h0 is None else h0\n"
                "    out = []\n"
                "    for t in range(x.shape[0]):\n"
                "        h = rnn_step(x[t], h, W_x, W_h, b)\n"
                "        out.append(h)\n"
                "    return np.stack(out, axis=0) if return_sequences else h\n"
            ),
            "sequence stacked time-first": _forward(ret="np.stack(out, axis=0) if return_sequences else h"),
            "sequence includes h0": (
                _forward(ret="np.stack(out, axis=1) if return_sequences else h")
                .replace("    out = []\n", "    out = [h]\n")
                .replace("np.stack(out, axis=1) if", "np.stack(out, axis=1)[:, :-1] if")
            ),
            "last step skipped": _forward(steps="x.shape[1] - 1"),
            "steps read in reverse": _forward(x_t="x[:, x.shape[1] - 1 - t]"),
        },
    },
    "04_bptt": {
        "correct": {
            "relies only on what the text promises": _bptt(),
            "uses rnn_forward and reversed()": (
                "def bptt(x, W_x, W_h, b, v):\n"
                "    H = rnn_forward(x, W_x, W_h, b, return_sequences=True)\n"
                "    n, T, _ = x.shape\n"
                "    prev = np.concatenate([np.zeros_like(H[:, :1]), H[:, :-1]], axis=1)\n"
                "    out = {'b': np.zeros(b.shape), 'W_h': np.zeros(W_h.shape), 'W_x': np.zeros(W_x.shape)}\n"
                "    g = np.tile(v, (n, 1)).astype(float)\n"
                "    for t in reversed(range(T)):\n"
                "        d = g * (1 - np.tanh(np.arctanh(np.clip(H[:, t], -1 + 1e-16, 1 - 1e-16))) ** 2)\n"
                "        d = g * (1 - H[:, t] ** 2)\n"
                "        out['W_x'] = out['W_x'] + np.einsum('nd,nu->du', x[:, t], d)\n"
                "        out['W_h'] = out['W_h'] + np.einsum('nk,nu->ku', prev[:, t], d)\n"
                "        out['b'] = out['b'] + d.sum(0)\n"
                "        g = d @ W_h.T\n"
                "    return out\n"
            ),
            "deltas stored first, sums vectorised": (
                "def bptt(x, W_x, W_h, b, v):\n"
                "    n, T, _ = x.shape\n"
                "    H = np.zeros((n, T + 1, W_h.shape[0]))\n"
                "    for t in range(T):\n"
                "        H[:, t + 1] = rnn_step(x[:, t], H[:, t], W_x, W_h, b)\n"
                "    D = np.zeros((n, T, W_h.shape[0]))\n"
                "    g = np.broadcast_to(v, (n, W_h.shape[0]))\n"
                "    for t in range(T - 1, -1, -1):\n"
                "        D[:, t] = g * (1 - H[:, t + 1] ** 2)\n"
                "        g = D[:, t] @ W_h.T\n"
                "    return {'W_x': np.einsum('ntd,ntu->du', x, D), 'W_h': np.einsum('ntk,ntu->ku', H[:, :-1], D),\n"
                "            'b': D.sum(axis=(0, 1))}\n"
            ),
        },
        "wrong": {
            "missing (1 - h**2) factor": _bptt(delta="g"),
            "truncated BPTT (last step only)": _bptt(order="[T]"),
            "W_h gradient uses h_t instead of h_{t-1}": _bptt(h_prev="hs[t]"),
            "gradient passed back without W_h": _bptt(back="delta"),
            "gradient passed back through W_h, not its transpose": _bptt(back="delta @ W_h"),
            "tanh' taken at h_{t-1}": _bptt(delta="g * (1 - hs[t - 1] ** 2)"),
            "g not updated (each step sees v)": _bptt(back="g"),
            "bias gradient averaged over the batch": _bptt().replace("delta.sum(axis=0)", "delta.mean(axis=0)"),
        },
    },
    "04_clip_by_global_norm": {
        "correct": {
            "relies only on what the text promises": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
                "    factor = min(1.0, max_norm / norm)\n"
                "    return [g * factor for g in grads]\n"
            ),
            "concatenated flat vector, explicit branch": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    flat = np.concatenate([np.ravel(g) for g in grads])\n"
                "    norm = np.linalg.norm(flat)\n"
                "    if norm <= max_norm:\n"
                "        return [np.array(g, copy=True) for g in grads]\n"
                "    return [g * (max_norm / norm) for g in grads]\n"
            ),
            "norm of norms": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = np.linalg.norm([np.linalg.norm(g) for g in grads])\n"
                "    out = []\n"
                "    for g in grads:\n"
                "        out.append(g * np.minimum(1.0, max_norm / norm))\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "per-array clipping": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]\n"
            ),
            "missing min(1, .) (scales small gradients up)": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
                "    return [g * (max_norm / norm) for g in grads]\n"
            ),
            "modifies the arrays in place": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
                "    for g in grads:\n"
                "        g *= min(1.0, max_norm / norm)\n"
                "    return list(grads)\n"
            ),
            "clip by value": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    return [np.clip(g, -max_norm, max_norm) for g in grads]\n"
            ),
            "global norm without the square root": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = sum(np.sum(g ** 2) for g in grads)\n"
                "    return [g * min(1.0, max_norm / norm) for g in grads]\n"
            ),
            "sum of the per-array norms": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = sum(np.linalg.norm(g) for g in grads)\n"
                "    return [g * min(1.0, max_norm / norm) for g in grads]\n"
            ),
            "returns a tuple": (
                "def clip_by_global_norm(grads, max_norm):\n"
                "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
                "    return tuple(g * min(1.0, max_norm / norm) for g in grads)\n"
            ),
        },
    },
}
