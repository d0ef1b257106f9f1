"""Answer variants for 07_challenges/01_fit_and_gradients (see tests/test_exercises.py)."""

# learning_curve with one configurable step.
_LC = (
    "def learning_curve(estimator, X, y, train_sizes, splits):\n"
    "    from sklearn.base import clone\n"
    "    tr = np.zeros((len(train_sizes), len(splits)))\n"
    "    va = np.zeros((len(train_sizes), len(splits)))\n"
    "    {before}\n"
    "    for i, n in enumerate(train_sizes):\n"
    "        for j, (train_idx, val_idx) in enumerate({splits}):\n"
    "            rows = {rows}\n"
    "            model = {model}\n"
    "            model.fit(X[rows], y[rows])\n"
    "            tr[i, j] = model.score({train_on})\n"
    "            va[i, j] = model.score({val_on})\n"
    "    return {result}\n"
)
_LC_OK = dict(before="pass", splits="splits", rows="train_idx[:n]", model="clone(estimator)",
              train_on="X[rows], y[rows]", val_on="X[val_idx], y[val_idx]", result="tr, va")


def _lc(**mistake):
    return _LC.format(**{**_LC_OK, **mistake})


# diagnose with one configurable rule.
_DIAG = (
    "def diagnose(train_score, val_score, target):\n"
    "    if {first}:\n"
    "        return {first_label}\n"
    "    if {second}:\n"
    "        return {second_label}\n"
    "    return {last}\n"
)
_D_OK = dict(first="train_score < target", first_label='"underfitting"', second="val_score < target",
             second_label='"overfitting"', last='"good fit"')


def _diag(**mistake):
    return _DIAG.format(**{**_D_OK, **mistake})


# layer_gradient_norms with one configurable step.
_LGN = (
    "def layer_gradient_norms(model, x, y, loss_fn):\n"
    "    dense = [l for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
    "    kernels = [l.kernel for l in dense]\n"
    "    with tf.GradientTape() as tape:\n"
    "        pred = model(x, training={training})\n"
    "        loss = loss_fn(y, pred)\n"
    "    grads = tape.gradient({target}, kernels)\n"
    "    out = [float({norm}) for g in grads]\n"
    "    return {result}\n"
)
_G_OK = dict(training="True", target="loss", norm="tf.norm(g)", result="out")


def _lgn(**mistake):
    return _LGN.format(**{**_G_OK, **mistake})


VARIANTS = {
    "07_learning_curve": {
        "correct": {
            "relies only on what the text promises (lists, then arrays)": (
                "def learning_curve(estimator, X, y, train_sizes, splits):\n"
                "    import sklearn.base\n"
                "    train_rows, val_rows = [], []\n"
                "    for n in train_sizes:\n"
                "        t_row, v_row = [], []\n"
                "        for train_idx, val_idx in splits:\n"
                "            first = train_idx[:n]\n"
                "            fitted = sklearn.base.clone(estimator)\n"
                "            fitted.fit(X[first], y[first])\n"
                "            t_row.append(fitted.score(X[first], y[first]))\n"
                "            v_row.append(fitted.score(X[val_idx], y[val_idx]))\n"
                "        train_rows.append(t_row)\n"
                "        val_rows.append(v_row)\n"
                "    return np.array(train_rows, dtype=float), np.array(val_rows, dtype=float)\n"
            ),
            "scikit-learn's own learning_curve": (
                "def learning_curve(estimator, X, y, train_sizes, splits):\n"
                "    from sklearn.model_selection import learning_curve as sk_lc\n"
                "    _, tr, va = sk_lc(estimator, X, y, train_sizes=train_sizes, cv=splits, shuffle=False)\n"
                "    return tr, va\n"
            ),
            "splits in the outer loop, fills columns": (
                "def learning_curve(estimator, X, y, train_sizes, splits):\n"
                "    from sklearn.base import clone\n"
                "    cols_t, cols_v = [], []\n"
                "    for train_idx, val_idx in splits:\n"
                "        ct, cv = [], []\n"
                "        for n in train_sizes:\n"
                "            m = clone(estimator).fit(X[train_idx[:n]], y[train_idx[:n]])\n"
                "            ct.append(m.score(X[train_idx[:n]], y[train_idx[:n]]))\n"
                "            cv.append(m.score(X[val_idx], y[val_idx]))\n"
                "        cols_t.append(ct)\n"
                "        cols_v.append(cv)\n"
                "    return np.array(cols_t).T, np.array(cols_v).T\n"
            ),
        },
        "wrong": {
            "validation scored on the training rows": _lc(val_on="X[rows], y[rows]"),
            "training score on all of train_idx": _lc(train_on="X[train_idx], y[train_idx]"),
            "fits on all of train_idx whatever n": _lc(rows="train_idx"),
            "a random subset of n instead of the first n": _lc(
                rows="np.random.default_rng(0).choice(train_idx, size=n, replace=False)"),
            "the last n indices instead of the first n": _lc(rows="train_idx[-n:]"),
            "shape transposed": _lc(result="tr.T, va.T"),
            "one seed only (the first split)": _lc(splits="splits[:1]", result="tr[:, :1], va[:, :1]"),
            "the first split reused for every column": _lc(splits="[splits[0]] * len(splits)"),
            "mean over the seeds instead of every seed": _lc(result="tr.mean(axis=1), va.mean(axis=1)"),
            "estimator not cloned (fits the one passed in)": _lc(model="estimator"),
            "cloned once, the clone refitted every time": _lc(before="shared = clone(estimator)", model="shared"),
            "validation and training scores swapped": _lc(result="va, tr"),
        },
    },
    "07_diagnose": {
        "correct": {
            "relies only on what the text promises": _diag(),
            "with not and >=": (
                "def diagnose(train_score, val_score, target):\n"
                "    if not train_score >= target:\n"
                "        return 'underfitting'\n"
                "    return 'good fit' if val_score >= target else 'overfitting'\n"
            ),
            "a lookup on two booleans": (
                "def diagnose(train_score, val_score, target):\n"
                "    table = {(False, False): 'underfitting', (False, True): 'underfitting',\n"
                "             (True, False): 'overfitting', (True, True): 'good fit'}\n"
                "    return table[(bool(train_score >= target), bool(val_score >= target))]\n"
            ),
        },
        "wrong": {
            "validation checked first": _diag(first="val_score < target", first_label='"overfitting"',
                                              second="train_score < target", second_label='"underfitting"'),
            "a score equal to the target does not reach it": _diag(first="train_score <= target",
                                                                   second="val_score <= target"),
            "overfitting decided by the gap alone": _diag(second="train_score - val_score > 0.05"),
            "validation compared with the training score": _diag(second="val_score < train_score"),
            "labels 'underfit' and 'overfit'": _diag(first_label='"underfit"', second_label='"overfit"'),
            "'good' instead of 'good fit'": _diag(last='"good"'),
            "underfitting judged from the validation score": _diag(first="val_score < target and train_score - val_score < 0.05"),
        },
    },
    "07_layer_gradient_norms": {
        "correct": {
            "relies only on what the text promises": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    kernels = []\n"
                "    for layer in model.layers:\n"
                "        if isinstance(layer, keras.layers.Dense):\n"
                "            kernels.append(layer.kernel)\n"
                "    with tf.GradientTape() as tape:\n"
                "        loss = loss_fn(y, model(x, training=True))\n"
                "    result = []\n"
                "    for g in tape.gradient(loss, kernels):\n"
                "        result.append(float(np.sqrt(np.sum(np.square(np.asarray(g, dtype=np.float64))))))\n"
                "    return result\n"
            ),
            "kernels found by their path, np.linalg.norm": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    kernels = [v for v in model.trainable_weights if v.path.endswith('kernel')]\n"
                "    with tf.GradientTape() as tape:\n"
                "        loss = loss_fn(y, model(x, training=True))\n"
                "    return [float(np.linalg.norm(np.asarray(g))) for g in tape.gradient(loss, kernels)]\n"
            ),
            "gradients of all trainable weights, then the Dense kernels picked": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    weights = model.trainable_weights\n"
                "    with tf.GradientTape() as tape:\n"
                "        loss = loss_fn(y, model(x, training=True))\n"
                "    grads = dict(zip([id(w) for w in weights], tape.gradient(loss, weights)))\n"
                "    dense = [l for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
                "    return [float(tf.sqrt(tf.reduce_sum(tf.square(grads[id(l.kernel)])))) for l in dense]\n"
            ),
        },
        "wrong": {
            "training=False (batch norm uses its moving statistics)": _lgn(training="False"),
            "squared norm": _lgn(norm="tf.reduce_sum(tf.square(g))"),
            "sum of absolute values": _lgn(norm="tf.reduce_sum(tf.abs(g))"),
            "largest absolute value": _lgn(norm="tf.reduce_max(tf.abs(g))"),
            "layers in reverse order": _lgn(result="out[::-1]"),
            "gradient of the predictions, not of the loss": _lgn(target="pred"),
            "norms of the weights, not of their gradients": _lgn(result="[float(tf.norm(k)) for k in kernels]"),
            "kernel and bias in one norm": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    dense = [l for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
                "    with tf.GradientTape() as tape:\n"
                "        loss = loss_fn(y, model(x, training=True))\n"
                "    grads = tape.gradient(loss, [w for l in dense for w in l.trainable_weights])\n"
                "    result, k = [], 0\n"
                "    for l in dense:\n"
                "        n_w = len(l.trainable_weights)\n"
                "        result.append(float(tf.sqrt(sum(tf.reduce_sum(tf.square(g)) for g in grads[k:k + n_w]))))\n"
                "        k += n_w\n"
                "    return result\n"
            ),
            "norms of the activations (layer outputs)": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    dense = [l for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
                "    probe = keras.Model(model.inputs, [l.output for l in dense])\n"
                "    outs = probe(x, training=True)\n"
                "    return [float(tf.norm(o)) for o in outs]\n"
            ),
            "the gradient with respect to each layer's output, not its kernel": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    dense = [l for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
                "    probe = keras.Model(model.inputs, [l.output for l in dense])\n"
                "    with tf.GradientTape() as tape:\n"
                "        outs = probe(x, training=True)\n"
                "        loss = loss_fn(y, outs[-1])\n"
                "    return [float(tf.norm(g)) for g in tape.gradient(loss, outs)]\n"
            ),
            "trains the model (applies one SGD step first)": (
                "def layer_gradient_norms(model, x, y, loss_fn):\n"
                "    kernels = [l.kernel for l in model.layers if isinstance(l, keras.layers.Dense)]\n"
                "    with tf.GradientTape() as tape:\n"
                "        loss = loss_fn(y, model(x, training=True))\n"
                "    grads = tape.gradient(loss, kernels)\n"
                "    for k, g in zip(kernels, grads):\n"
                "        k.assign_sub(0.1 * g)\n"
                "    return [float(tf.norm(g)) for g in grads]\n"
            ),
        },
    },
}
