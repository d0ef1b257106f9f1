"""Answer variants for 07_challenges/04_scaling_and_shrinking (see tests/test_exercises.py)."""

# magnitude_prune_mask with one configurable step.
_MASK = (
    "def magnitude_prune_mask(weights, sparsity):\n"
    "    weights = np.asarray(weights)\n"
    "    k = {k}\n"
    "    order = np.argsort({score}, axis=None)\n"
    "    mask = np.ones(weights.size)\n"
    "    mask[order[:k]] = 0.0\n"
    "    return {result}\n"
)
_M_OK = dict(k="int(round(sparsity * weights.size))", score="np.abs(weights)", result="mask.reshape(weights.shape)")


def _mask(**mistake):
    return _MASK.format(**{**_M_OK, **mistake})


# distillation_loss with one configurable step.
_DIST = (
    "def distillation_loss(teacher_logits, student_logits, temperature):\n"
    "    T = temperature\n"
    "    t = keras.ops.convert_to_tensor(teacher_logits, dtype='float32')\n"
    "    s = keras.ops.convert_to_tensor(student_logits, dtype='float32')\n"
    "    log_p = keras.ops.log_softmax({tt}, axis=-1)\n"
    "    log_q = keras.ops.log_softmax({ss}, axis=-1)\n"
    "    kl = keras.ops.sum({kl}, axis=-1)\n"
    "    return {reduce}(kl) * {factor}\n"
)
_D_OK = dict(tt="t / T", ss="s / T", kl="keras.ops.exp(log_p) * (log_p - log_q)", reduce="keras.ops.mean", factor="T ** 2")


def _dist(**mistake):
    return _DIST.format(**{**_D_OK, **mistake})


# quantize_int8 with one configurable step.
_Q = (
    "def quantize_int8(w):\n"
    "    w = np.asarray(w, dtype=float)\n"
    "    scale = {scale}\n"
    "    scale = {guard}\n"
    "    q = {q}\n"
    "    return q, scale\n"
)
_Q_OK = dict(scale="np.abs(w).max(axis=0) / 127", guard="np.where(scale == 0, 1.0, scale)",
             q="np.round(w / scale).astype(np.int8)")


def _quant(**mistake):
    return _Q.format(**{**_Q_OK, **mistake})


VARIANTS = {
    "07_quantize_int8": {
        "correct": {
            "relies only on what the text promises: a loop over the columns": (
                "def quantize_int8(w):\n"
                "    n_in, n_out = w.shape\n"
                "    q = np.zeros((n_in, n_out), dtype=np.int8)\n"
                "    scale = np.ones(n_out)\n"
                "    for j in range(n_out):\n"
                "        m = float(np.max(np.abs(w[:, j])))\n"
                "        if m > 0:\n"
                "            scale[j] = m / 127\n"
                "        q[:, j] = np.round(w[:, j] / scale[j])\n"
                "    return q, scale\n"
            ),
            "vectorised in float32 with a clip": (
                "def quantize_int8(w):\n"
                "    w = np.asarray(w, dtype=np.float32)\n"
                "    amax = np.max(np.abs(w), axis=0, keepdims=True)\n"
                "    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)\n"
                "    return np.clip(np.rint(w / scale), -127, 127).astype('int8'), scale[0]\n"
            ),
            "as in the text, one step at a time": _quant(),
        },
        "wrong": {
            "one scale per row (axis=1)": (
                "def quantize_int8(w):\n"
                "    scale = np.abs(w).max(axis=1, keepdims=True) / 127\n"
                "    scale = np.where(scale == 0, 1.0, scale)\n"
                "    return np.round(w / scale).astype(np.int8), scale.ravel()[: w.shape[1]]\n"
            ),
            "max w instead of max |w|": _quant(scale="w.max(axis=0) / 127"),
            "128 instead of 127": _quant(scale="np.abs(w).max(axis=0) / 128",
                                        q="np.clip(np.round(w / scale), -128, 127).astype(np.int8)"),
            "truncating cast instead of rounding": _quant(q="(w / scale).astype(np.int8)"),
            "no guard for a zero column": _quant(guard="scale", q="np.nan_to_num(np.round(w / scale)).astype(np.int8)"),
            "q returned as floats": _quant(q="np.round(w / scale)"),
            "changes the caller's array": (
                "def quantize_int8(w):\n"
                "    scale = np.abs(w).max(axis=0) / 127\n"
                "    scale = np.where(scale == 0, 1.0, scale)\n"
                "    w /= scale\n"
                "    return np.round(w).astype(np.int8), scale\n"
            ),
        },
    },
    "07_magnitude_prune_mask": {
        "correct": {
            "relies only on what the text promises: a boolean mask from a threshold": (
                "def magnitude_prune_mask(weights, sparsity):\n"
                "    k = int(round(sparsity * weights.size))\n"
                "    if k == 0:\n"
                "        return np.ones(weights.shape, dtype=bool)\n"
                "    cut = np.sort(np.abs(weights).ravel())[k - 1]\n"
                "    return np.abs(weights) > cut\n"
            ),
            "argsort over the flattened magnitudes": _mask(),
            "argpartition and put_along": (
                "def magnitude_prune_mask(weights, sparsity):\n"
                "    flat = np.abs(weights).reshape(-1)\n"
                "    k = int(round(sparsity * flat.size))\n"
                "    mask = np.ones_like(flat)\n"
                "    if k:\n"
                "        mask[np.argpartition(flat, k - 1)[:k]] = 0\n"
                "    return mask.reshape(np.shape(weights))\n"
            ),
        },
        "wrong": {
            "prunes the most negative values, not the smallest magnitudes": _mask(score="weights"),
            "per row instead of over the whole array": (
                "def magnitude_prune_mask(weights, sparsity):\n"
                "    w = np.atleast_2d(np.abs(weights)).reshape(-1, np.shape(weights)[-1])\n"
                "    k = int(round(sparsity * w.shape[1]))\n"
                "    mask = np.ones_like(w)\n"
                "    order = np.argsort(w, axis=1)[:, :k]\n"
                "    np.put_along_axis(mask, order, 0.0, axis=1)\n"
                "    return mask.reshape(np.shape(weights))\n"
            ),
            "count truncated with int() instead of rounded": _mask(k="int(sparsity * weights.size)"),
            "one entry too many pruned": _mask(k="int(round(sparsity * weights.size)) + 1"),
            "one entry too few pruned": _mask(k="max(int(round(sparsity * weights.size)) - 1, 0)"),
            "mask inverted (1 where pruned)": _mask(result="1.0 - mask.reshape(weights.shape)"),
            "returns the pruned weights, not the mask": _mask(result="weights * mask.reshape(weights.shape)"),
            "changes the caller's array": (
                "def magnitude_prune_mask(weights, sparsity):\n"
                "    k = int(round(sparsity * weights.size))\n"
                "    np.abs(weights, out=weights)\n"
                "    order = np.argsort(weights, axis=None)\n"
                "    mask = np.ones(weights.size)\n"
                "    mask[order[:k]] = 0.0\n"
                "    return mask.reshape(weights.shape)\n"
            ),
            "threshold index off at sparsity 0 (prunes everything but the largest)": (
                "def magnitude_prune_mask(weights, sparsity):\n"
                "    k = int(round(sparsity * weights.size))\n"
                "    cut = np.sort(np.abs(weights).ravel())[k - 1]\n"
                "    return (np.abs(weights) > cut).astype(float)\n"
            ),
        },
    },
    "07_distillation_loss": {
        "correct": {
            "relies only on what the text promises: logsumexp by hand with keras.ops": (
                "def distillation_loss(teacher_logits, student_logits, temperature):\n"
                "    ops = keras.ops\n"
                "    t = ops.cast(teacher_logits, 'float32') / temperature\n"
                "    s = ops.cast(student_logits, 'float32') / temperature\n"
                "    log_p = t - ops.logsumexp(t, axis=1, keepdims=True)\n"
                "    log_q = s - ops.logsumexp(s, axis=1, keepdims=True)\n"
                "    p = ops.exp(log_p)\n"
                "    per_example = ops.sum(p * log_p, axis=1) - ops.sum(p * log_q, axis=1)\n"
                "    return ops.sum(per_example) / ops.cast(ops.shape(t)[0], 'float32') * temperature * temperature\n"
            ),
            "keras.ops, as in the solution": _dist(),
            "tf.nn.log_softmax and tf.reduce_mean": (
                "def distillation_loss(teacher_logits, student_logits, temperature):\n"
                "    log_p = tf.nn.log_softmax(tf.cast(teacher_logits, tf.float32) / temperature)\n"
                "    log_q = tf.nn.log_softmax(tf.cast(student_logits, tf.float32) / temperature)\n"
                "    kl = tf.reduce_sum(tf.exp(log_p) * (log_p - log_q), axis=-1)\n"
                "    return tf.reduce_mean(kl) * temperature ** 2\n"
            ),
            "cross-entropy minus entropy, with tf": (
                "def distillation_loss(teacher_logits, student_logits, temperature):\n"
                "    log_p = tf.nn.log_softmax(tf.cast(teacher_logits, tf.float32) / temperature)\n"
                "    log_q = tf.nn.log_softmax(tf.cast(student_logits, tf.float32) / temperature)\n"
                "    per_example = -tf.reduce_sum(tf.exp(log_p) * log_q, axis=-1) + tf.reduce_sum(tf.exp(log_p) * log_p, axis=-1)\n"
                "    return tf.reduce_mean(per_example) * (temperature * temperature)\n"
            ),
        },
        "wrong": {
            "teacher's logits not divided by T": _dist(tt="t"),
            "no T ** 2 factor": _dist(factor="1.0"),
            "factor T instead of T ** 2": _dist(factor="T"),
            "KL reversed, KL(q || p)": _dist(kl="keras.ops.exp(log_q) * (log_q - log_p)"),
            "logits not divided by T at all": _dist(tt="t", ss="s"),
            "summed over the batch": _dist(reduce="keras.ops.sum"),
            "mean over every entry (batch and classes)": _dist(kl="keras.ops.exp(log_p) * (log_p - log_q) / keras.ops.cast(keras.ops.shape(t)[-1], 'float32')"),
            "log of a softmax computed by hand (overflows)": (
                "def distillation_loss(teacher_logits, student_logits, temperature):\n"
                "    t = tf.exp(tf.cast(teacher_logits, tf.float32) / temperature)\n"
                "    s = tf.exp(tf.cast(student_logits, tf.float32) / temperature)\n"
                "    p = t / tf.reduce_sum(t, axis=-1, keepdims=True)\n"
                "    q = s / tf.reduce_sum(s, axis=-1, keepdims=True)\n"
                "    return tf.reduce_mean(tf.reduce_sum(p * tf.math.log(p / q), axis=-1)) * temperature ** 2\n"
            ),
            "NumPy inside (fails when traced in train_step)": (
                "def distillation_loss(teacher_logits, student_logits, temperature):\n"
                "    t = np.asarray(teacher_logits, dtype=np.float64) / temperature\n"
                "    s = np.asarray(student_logits, dtype=np.float64) / temperature\n"
                "    log_p = t - t.max(1, keepdims=True) - np.log(np.exp(t - t.max(1, keepdims=True)).sum(1, keepdims=True))\n"
                "    log_q = s - s.max(1, keepdims=True) - np.log(np.exp(s - s.max(1, keepdims=True)).sum(1, keepdims=True))\n"
                "    return float(np.mean(np.sum(np.exp(log_p) * (log_p - log_q), axis=1)) * temperature ** 2)\n"
            ),
        },
    },
}
