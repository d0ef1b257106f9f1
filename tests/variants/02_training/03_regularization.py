"""Answer variants for 02_training/03_regularization (see tests/test_exercises.py)."""


_L2_OK_GRAD = "def l2_grad(W, lam):\n    return 2 * lam * W\n"
_L2_OK_PENALTY = "def l2_penalty(weights, lam):\n    return lam * sum(float((w ** 2).sum()) for w in weights)\n"

# A correct inverted dropout with one line swapped for a mistake.
_DROPOUT = (
    "def dropout_forward(A, keep_prob, rng, training=True):\n"
    "    if not training:\n"
    "        {eval_line}\n"
    "    mask = {mask}\n"
    "    {out_line}\n"
    "    return out, mask\n"
)
_DROP_OK = dict(
    eval_line="return A.copy(), np.ones_like(A, dtype=bool)",
    mask="rng.random(A.shape) < keep_prob",
    out_line="out = A * mask / keep_prob",
)


def _dropout(**changes):
    return _DROPOUT.format(**{**_DROP_OK, **changes})


# A correct early-stopping loop with one part swapped for a mistake.
_ES = (
    "def early_stopping(val_losses, patience, min_delta=0.0):\n"
    "    best, best_epoch, wait = float('inf'), 0, 0\n"
    "    for epoch, loss in enumerate(val_losses):\n"
    "        if {improves}:\n"
    "            best, best_epoch, wait = loss, epoch, 0\n"
    "        else:\n"
    "            wait += 1\n"
    "            if {stop}:\n"
    "                return {result}\n"
    "    return len(val_losses) - 1, best_epoch\n"
)
_ES_OK = dict(improves="loss < best - min_delta", stop="wait >= patience", result="epoch, best_epoch")


def _es(**changes):
    return _ES.format(**{**_ES_OK, **changes})


VARIANTS = {
    "02_l2_penalty": {
        "correct": {
            "relies only on what the text promises (a list of arrays, a sum of squares)": (
                "def l2_penalty(weights, lam):\n"
                "    return lam * sum(np.sum(w ** 2) for w in weights)\n"
                "\n"
                "def l2_grad(W, lam):\n"
                "    return 2 * lam * W\n"
            ),
            "explicit loops over arrays and entries": (
                "def l2_penalty(weights, lam):\n"
                "    total = 0.0\n"
                "    for w in weights:\n"
                "        for v in np.ravel(w):\n"
                "            total += v * v\n"
                "    return lam * total\n"
                + _L2_OK_GRAD
            ),
            "concatenate, dot product, np.multiply for the gradient": (
                "def l2_penalty(weights, lam):\n"
                "    flat = np.concatenate([np.asarray(w, dtype=float).ravel() for w in weights])\n"
                "    return np.float64(lam) * flat @ flat\n"
                "def l2_grad(W, lam):\n"
                "    return np.multiply(W, 2.0 * lam)\n"
            ),
            "Keras regulariser itself (float32)": (
                "def l2_penalty(weights, lam):\n"
                "    reg = keras.regularizers.L2(lam)\n"
                "    return sum(float(keras.ops.convert_to_numpy(reg(np.asarray(w, dtype='float32')))) for w in weights)\n"
                "def l2_grad(W, lam):\n"
                "    G = np.array(W, dtype=float, copy=True)\n"
                "    G *= 2 * lam\n"
                "    return G\n"
            ),
        },
        "wrong": {
            "lam ignored (hard-coded 0.01)": (
                "def l2_penalty(weights, lam):\n"
                "    return 0.01 * sum(np.sum(w ** 2) for w in weights)\n" + _L2_OK_GRAD
            ),
            "L1 instead of L2 (absolute values)": (
                "def l2_penalty(weights, lam):\n"
                "    return lam * sum(np.abs(w).sum() for w in weights)\n" + _L2_OK_GRAD
            ),
            "mean instead of sum": (
                "def l2_penalty(weights, lam):\n"
                "    return lam * sum(np.mean(w ** 2) for w in weights)\n" + _L2_OK_GRAD
            ),
            "gradient without the factor 2": _L2_OK_PENALTY + "def l2_grad(W, lam):\n    return lam * W\n",
            "only the first array of the list": (
                "def l2_penalty(weights, lam):\n"
                "    return lam * float(np.sum(weights[0] ** 2))\n" + _L2_OK_GRAD
            ),
            "convention with 1/2 (penalty and gradient)": (
                "def l2_penalty(weights, lam):\n"
                "    return 0.5 * lam * sum(float((w ** 2).sum()) for w in weights)\n"
                "def l2_grad(W, lam):\n"
                "    return lam * W\n"
            ),
            "gradient in place": _L2_OK_PENALTY + "def l2_grad(W, lam):\n    W *= 2 * lam\n    return W\n",
            "squares of the sum": (
                "def l2_penalty(weights, lam):\n"
                "    return lam * sum(float(np.sum(w)) ** 2 for w in weights)\n" + _L2_OK_GRAD
            ),
        },
    },
    "02_inverted_dropout": {
        "correct": {
            "relies only on what the text promises (rng.random(A.shape) < keep_prob, np.ones for eval)": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    if not training:\n"
                "        return A + 0.0, np.ones(A.shape)\n"
                "    mask = rng.random(A.shape) < keep_prob\n"
                "    return np.where(mask, A / keep_prob, 0), mask\n"
            ),
            "float 0/1 mask from rng.uniform, multiplication": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    A = np.asarray(A, dtype=float)\n"
                "    if training:\n"
                "        mask = (rng.uniform(0.0, 1.0, size=A.shape) < keep_prob).astype(float)\n"
                "        return A * mask * (1.0 / keep_prob), mask\n"
                "    return A, np.ones(A.shape)\n"
            ),
            "binomial mask, np.where, returns A itself in eval mode": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    if not training:\n"
                "        return A, np.full(np.shape(A), True)\n"
                "    mask = rng.binomial(1, keep_prob, size=np.shape(A)).astype(bool)\n"
                "    out = np.where(mask, A, 0) / keep_prob\n"
                "    return out, mask\n"
            ),
            "keep where random > 1 - keep_prob: another mask from the same rng": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    A = np.asarray(A, dtype=float)\n"
                "    if not training:\n"
                "        return A.copy(), np.ones(A.shape, dtype=bool)\n"
                "    mask = rng.random(A.shape) > 1.0 - keep_prob\n"
                "    return A * mask / keep_prob, mask\n"
            ),
            "drop where random >= keep_prob, copy then zero": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    out = np.array(A, dtype=float, copy=True)\n"
                "    if not training:\n"
                "        return out, np.ones_like(out, dtype=int)\n"
                "    drop = rng.random(out.shape) >= keep_prob\n"
                "    out[drop] = 0.0\n"
                "    out /= keep_prob\n"
                "    return out, ~drop\n"
            ),
        },
        "wrong": {
            "keep_prob ignored in the scaling (always doubles)": _dropout(out_line="out = A * mask * 2.0"),
            "no 1/keep_prob scaling (plain dropout)": _dropout(out_line="out = A * mask"),
            "scales at inference time too": _dropout(eval_line="return A / keep_prob, np.ones_like(A, dtype=bool)"),
            "drops with probability keep_prob": _dropout(mask="rng.random(A.shape) < 1 - keep_prob"),
            "one mask per unit, shared by the batch": _dropout(mask="np.broadcast_to(rng.random(A.shape[1:]) < keep_prob, A.shape)"),
            "one decision per example": _dropout(mask="np.broadcast_to(rng.random(A.shape[:1] + (1,) * (A.ndim - 1)) < keep_prob, A.shape)"),
            "modifies A in place": (
                "def dropout_forward(A, keep_prob, rng, training=True):\n"
                "    if not training:\n"
                "        return A, np.ones_like(A, dtype=bool)\n"
                "    mask = rng.random(A.shape) < keep_prob\n"
                "    A *= mask / keep_prob\n"
                "    return A, mask\n"
            ),
            "global np.random instead of rng": _dropout(mask="np.random.random(A.shape) < keep_prob"),
            "new generator with a fixed seed": _dropout(mask="np.random.default_rng(0).random(A.shape) < keep_prob"),
            "multiplies by keep_prob instead of dividing": _dropout(out_line="out = A * mask * keep_prob"),
        },
    },
    "02_early_stopping": {
        "correct": {
            "relies only on what the text promises (the rule as stated, plain ints)": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    best, best_epoch, wait = None, 0, 0\n"
                "    for e in range(len(val_losses)):\n"
                "        if e == 0 or val_losses[e] < best - min_delta:\n"
                "            best, best_epoch, wait = val_losses[e], e, 0\n"
                "        else:\n"
                "            wait += 1\n"
                "            if wait == patience:\n"
                "                return e, best_epoch\n"
                "    return len(val_losses) - 1, best_epoch\n"
            ),
            "while loop, counts epochs since best, min over a NumPy array": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    losses = np.asarray(val_losses, dtype=float)\n"
                "    best_epoch, e = 0, 1\n"
                "    while e < len(losses):\n"
                "        if best_epoch is not None and losses[e] < losses[best_epoch] - min_delta:\n"
                "            best_epoch = e\n"
                "        elif e - best_epoch >= patience:\n"
                "            return e, best_epoch\n"
                "        e += 1\n"
                "    return len(losses) - 1, best_epoch\n"
            ),
            "difference to best greater than min_delta, returns a list": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    best, best_epoch, bad = None, 0, 0\n"
                "    for i, v in enumerate(val_losses):\n"
                "        if best is None or best - v > min_delta:\n"
                "            best, best_epoch, bad = v, i, 0\n"
                "            continue\n"
                "        bad += 1\n"
                "        if bad == patience:\n"
                "            return [i, best_epoch]\n"
                "    return [len(val_losses) - 1, best_epoch]\n"
            ),
        },
        "wrong": {
            "best tracks the lowest loss seen, also in epochs that do not improve": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    best, best_epoch, wait = float('inf'), 0, 0\n"
                "    for epoch, loss in enumerate(val_losses):\n"
                "        if loss < best - min_delta:\n"
                "            best_epoch, wait = epoch, 0\n"
                "        else:\n"
                "            wait += 1\n"
                "            if wait >= patience:\n"
                "                return epoch, best_epoch\n"
                "        best = min(best, loss)\n"
                "    return len(val_losses) - 1, best_epoch\n"
            ),
            "min_delta ignored": _es(improves="loss < best"),
            "off by one: stops one epoch late": _es(stop="wait > patience"),
            "off by one: stops one epoch early": _es(stop="wait >= patience - 1"),
            "returns the stop epoch as the best (no restore)": _es(result="epoch, epoch"),
            "ties count as improvement (<=)": _es(improves="loss <= best - min_delta"),
            "ignores min_delta": _es(improves="loss < best"),
            "min_delta in the wrong direction": _es(improves="loss < best + min_delta"),
            "best is the lowest loss, even without improvement": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    best, best_epoch, wait = float('inf'), 0, 0\n"
                "    for epoch, loss in enumerate(val_losses):\n"
                "        if loss < best - min_delta:\n"
                "            best_epoch, wait = epoch, 0\n"
                "        else:\n"
                "            wait += 1\n"
                "            if wait >= patience:\n"
                "                return epoch, best_epoch\n"
                "        best = min(best, loss)\n"
                "    return len(val_losses) - 1, best_epoch\n"
            ),
            "never stops: always returns the last epoch": (
                "def early_stopping(val_losses, patience, min_delta=0.0):\n"
                "    return len(val_losses) - 1, int(np.argmin(val_losses))\n"
            ),
        },
    },
}
