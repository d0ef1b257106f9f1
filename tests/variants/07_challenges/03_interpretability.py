"""Answer variants for 07_challenges/03_interpretability (see tests/test_exercises.py)."""

# saliency with one configurable step.
_SAL = (
    "def saliency(model, x, class_index):\n"
    "    x = tf.convert_to_tensor(np.asarray(x, dtype='float32'))\n"
    "    with tf.GradientTape() as tape:\n"
    "        tape.watch(x)\n"
    "        logits = model(x, training=False)\n"
    "        out = {out}\n"
    "        score = tf.reduce_sum(out * tf.one_hot({cls}, logits.shape[-1]))\n"
    "    grad = tape.gradient(score, x).numpy()\n"
    "    return {result}\n"
)
_SAL_OK = dict(out="logits", cls="class_index", result="np.abs(grad).max(axis=-1)")


def _sal(**mistake):
    return _SAL.format(**{**_SAL_OK, **mistake})


# grad_cam with one configurable step.
_CAM = (
    "def grad_cam(model, x, class_index, conv_layer_name):\n"
    "    layer_name = {layer}\n"
    "    inner = keras.Model(model.inputs, [model.get_layer(layer_name).output, model.outputs[0]])\n"
    "    x = tf.convert_to_tensor(np.asarray(x, dtype='float32'))\n"
    "    with tf.GradientTape() as tape:\n"
    "        maps, logits = inner(x, training=False)\n"
    "        out = {out}\n"
    "        score = tf.reduce_sum(out * tf.one_hot(class_index, logits.shape[-1]))\n"
    "    grads = tape.gradient(score, maps).numpy()\n"
    "    maps = maps.numpy()\n"
    "    alpha = {alpha}\n"
    "    cam = (alpha * maps).sum(axis=-1)\n"
    "    return {result}\n"
)
_CAM_OK = dict(layer="conv_layer_name", out="logits", alpha="grads.mean(axis=(1, 2), keepdims=True)",
               result="np.maximum(cam, 0.0)")


def _cam(**mistake):
    return _CAM.format(**{**_CAM_OK, **mistake})


# integrated_gradients with one configurable step (a loop of tapes, batched over the images).
_IG = (
    "def integrated_gradients(model, x, baseline, class_index, steps=64):\n"
    "    x = np.asarray(x, dtype='float32')\n"
    "    baseline = np.asarray(baseline, dtype='float32')\n"
    "    start = {start}\n"
    "    n_steps = {n_steps}\n"
    "    total = np.zeros_like(x)\n"
    "    for k in range(n_steps):\n"
    "        point = tf.convert_to_tensor(start + {alpha} * (x - start))\n"
    "        with tf.GradientTape() as tape:\n"
    "            tape.watch(point)\n"
    "            logits = model(point, training=False)\n"
    "            score = tf.reduce_sum(logits * tf.one_hot(class_index, logits.shape[-1]))\n"
    "        total += tape.gradient(score, point).numpy()\n"
    "    return {result}\n"
)
_IG_OK = dict(start="baseline", n_steps="steps", alpha="(k + 0.5) / n_steps", result="(x - start) * total / n_steps")


def _ig(**mistake):
    return _IG.format(**{**_IG_OK, **mistake})


# lime_surrogate with one configurable step.
_LIME = (
    "def lime_surrogate(masks, scores, kernel_width=0.5):\n"
    "    masks = np.asarray(masks, dtype=float)\n"
    "    scores = np.asarray(scores, dtype=float)\n"
    "    d = {distance}\n"
    "    pi = {weight}\n"
    "    design = {design}\n"
    "    root = np.sqrt(pi)\n"
    "    coef = np.linalg.lstsq(design * root[:, None], scores * root, rcond=None)[0]\n"
    "    return {result}\n"
)
_LIME_OK = dict(distance="1.0 - masks.mean(axis=1)", weight="np.exp(-d ** 2 / kernel_width ** 2)",
                design="np.column_stack([np.ones(len(masks)), masks])", result="coef[1:]")


def _lime(**mistake):
    return _LIME.format(**{**_LIME_OK, **mistake})


VARIANTS = {
    "07_saliency": {
        "correct": {
            "relies only on what the text promises (one image at a time)": (
                "def saliency(model, x, class_index):\n"
                "    classes = np.broadcast_to(np.asarray(class_index), (len(x),))\n"
                "    out = []\n"
                "    for j in range(len(x)):\n"
                "        image = tf.Variable(x[j:j + 1].astype('float32'))\n"
                "        with tf.GradientTape() as tape:\n"
                "            score = model(image, training=False)[0, int(classes[j])]\n"
                "        g = tape.gradient(score, image).numpy()[0]\n"
                "        out.append(np.max(np.abs(g), axis=2))\n"
                "    return np.stack(out)\n"
            ),
            "tf.gather with batch_dims, tf.reduce_max": (
                "def saliency(model, x, class_index):\n"
                "    classes = np.broadcast_to(class_index, (x.shape[0],)).astype('int32')\n"
                "    xt = tf.constant(x, dtype=tf.float32)\n"
                "    with tf.GradientTape() as tape:\n"
                "        tape.watch(xt)\n"
                "        picked = tf.gather(model(xt, training=False), classes[:, None], batch_dims=1)\n"
                "        total = tf.reduce_sum(picked)\n"
                "    return tf.reduce_max(tf.abs(tape.gradient(total, xt)), axis=-1).numpy()\n"
            ),
            "float64 result": _sal(result="np.abs(grad.astype(np.float64)).max(axis=3)"),
        },
        "wrong": {
            "no absolute value": _sal(result="grad.max(axis=-1)"),
            "gradient of the softmax probability, not the logit": _sal(out="tf.nn.softmax(logits)"),
            "explains the predicted class, not class_index": _sal(cls="tf.argmax(logits, axis=-1)"),
            "sum over the channels instead of the maximum": _sal(result="np.abs(grad).sum(axis=-1)"),
            "absolute value of the channel sum": _sal(result="np.abs(grad.sum(axis=-1))"),
            "gradient with respect to the first weights": (
                "def saliency(model, x, class_index):\n"
                "    x = tf.convert_to_tensor(np.asarray(x, dtype='float32'))\n"
                "    with tf.GradientTape() as tape:\n"
                "        logits = model(x, training=False)\n"
                "        score = tf.reduce_sum(logits * tf.one_hot(class_index, logits.shape[-1]))\n"
                "    grad = tape.gradient(score, model.trainable_variables[0])\n"
                "    return np.abs(grad.numpy())\n"
            ),
        },
    },
    "07_grad_cam": {
        "correct": {
            "relies only on what the text promises (one image at a time, NumPy weights)": (
                "def grad_cam(model, x, class_index, conv_layer_name):\n"
                "    inner = keras.Model(model.inputs, [model.get_layer(conv_layer_name).output, model.outputs[0]])\n"
                "    classes = np.broadcast_to(np.asarray(class_index), (len(x),))\n"
                "    out = []\n"
                "    for j in range(len(x)):\n"
                "        with tf.GradientTape() as tape:\n"
                "            maps, logits = inner(tf.constant(x[j:j + 1], tf.float32), training=False)\n"
                "            score = logits[0, int(classes[j])]\n"
                "        g = tape.gradient(score, maps).numpy()[0]\n"
                "        a = maps.numpy()[0]\n"
                "        weights = g.reshape(-1, g.shape[-1]).mean(axis=0)\n"
                "        out.append(np.maximum(a @ weights, 0))\n"
                "    return np.stack(out)\n"
            ),
            "einsum and tf.nn.relu": (
                "def grad_cam(model, x, class_index, conv_layer_name):\n"
                "    layer = model.get_layer(conv_layer_name)\n"
                "    two = keras.Model(inputs=model.inputs, outputs=[layer.output, model.outputs[0]])\n"
                "    with tf.GradientTape() as tape:\n"
                "        A, z = two(tf.constant(x, tf.float32), training=False)\n"
                "        s = tf.reduce_sum(z * tf.one_hot(class_index, z.shape[-1]))\n"
                "    g = tape.gradient(s, A)\n"
                "    alpha = tf.reduce_mean(g, axis=[1, 2])\n"
                "    return tf.nn.relu(tf.einsum('nhwk,nk->nhw', A, alpha)).numpy()\n"
            ),
            "the mean as a sum divided by h * w": _cam(
                alpha="grads.sum(axis=(1, 2), keepdims=True) / (grads.shape[1] * grads.shape[2])"),
        },
        "wrong": {
            "no ReLU": _cam(result="cam"),
            "absolute value instead of the ReLU": _cam(result="np.abs(cam)"),
            "gradient times activation position by position (no spatial mean)": _cam(alpha="grads"),
            "sum over the positions instead of the mean": _cam(alpha="grads.sum(axis=(1, 2), keepdims=True)"),
            "gradient of the softmax probability": _cam(out="tf.nn.softmax(logits)"),
            "always the last convolution, whatever conv_layer_name says": _cam(
                layer="[l.name for l in model.layers if isinstance(l, keras.layers.Conv2D)][-1]"),
            "normalised to a maximum of 1": _cam(result="np.maximum(cam, 0) / (np.maximum(cam, 0).max() + 1e-12)"),
        },
    },
    "07_integrated_gradients": {
        "correct": {
            "relies only on what the text promises (a loop of tapes)": _ig(),
            "every point in one batch, tf.repeat": (
                "def integrated_gradients(model, x, baseline, class_index, steps=64):\n"
                "    x = x.astype('float32'); baseline = baseline.astype('float32')\n"
                "    n = x.shape[0]\n"
                "    alphas = tf.reshape((tf.range(steps, dtype=tf.float32) + 0.5) / steps, (-1, 1, 1, 1, 1))\n"
                "    pts = tf.reshape(baseline[None] + alphas * (x - baseline)[None], (-1,) + x.shape[1:])\n"
                "    cls = tf.repeat(tf.reshape(tf.broadcast_to(tf.constant(class_index, tf.int32), (n,)), (1, n)), steps, axis=0)\n"
                "    with tf.GradientTape() as tape:\n"
                "        tape.watch(pts)\n"
                "        z = model(pts, training=False)\n"
                "        s = tf.reduce_sum(tf.gather(z, tf.reshape(cls, (-1, 1)), batch_dims=1))\n"
                "    g = tf.reshape(tape.gradient(s, pts), (steps,) + x.shape)\n"
                "    return ((x - baseline) * tf.reduce_mean(g, axis=0)).numpy()\n"
            ),
            "alphas from np.linspace": _ig(alpha="np.linspace(0.5 / n_steps, 1 - 0.5 / n_steps, n_steps)[k]"),
        },
        "wrong": {
            "not multiplied by (x - baseline)": _ig(result="total / n_steps"),
            "ignores steps, always 5": _ig(n_steps="5"),
            "baseline ignored (always black)": _ig(start="np.zeros_like(x)"),
            "left Riemann sum k / steps (the text asks for midpoints)": _ig(alpha="k / n_steps"),
            "multiplied by x instead of x - baseline": _ig(result="x * total / n_steps"),
            "summed gradients, not averaged": _ig(result="(x - start) * total"),
        },
    },
    "07_lime_surrogate": {
        "correct": {
            "relies only on what the text promises (scikit-learn with sample_weight)": (
                "def lime_surrogate(masks, scores, kernel_width=0.5):\n"
                "    from sklearn.linear_model import LinearRegression\n"
                "    off = 1 - masks.mean(axis=1)\n"
                "    fit = LinearRegression().fit(masks, scores, sample_weight=np.exp(-(off / kernel_width) ** 2))\n"
                "    return np.asarray(fit.coef_, dtype=float)\n"
            ),
            "normal equations": (
                "def lime_surrogate(masks, scores, kernel_width=0.5):\n"
                "    Z = np.hstack([np.ones((masks.shape[0], 1)), masks])\n"
                "    w = np.exp(-np.square((masks.shape[1] - masks.sum(axis=1)) / masks.shape[1]) / kernel_width ** 2)\n"
                "    G = Z.T @ (w[:, None] * Z)\n"
                "    return np.linalg.solve(G, Z.T @ (w * scores))[1:]\n"
            ),
            "intercept column last": _lime(design="np.column_stack([masks, np.ones(len(masks))])", result="coef[:-1]"),
        },
        "wrong": {
            "unweighted fit": _lime(weight="np.ones(len(masks))"),
            "no intercept": _lime(design="masks", result="coef"),
            "distance not squared in the kernel": _lime(weight="np.exp(-d / kernel_width ** 2)"),
            "distance = fraction kept, not fraction switched off": _lime(distance="masks.mean(axis=1)"),
            "returns the intercept too": _lime(result="coef"),
            "ridge instead of plain least squares": (
                "def lime_surrogate(masks, scores, kernel_width=0.5):\n"
                "    from sklearn.linear_model import Ridge\n"
                "    pi = np.exp(-(1 - masks.mean(axis=1)) ** 2 / kernel_width ** 2)\n"
                "    return Ridge(alpha=1.0).fit(masks, scores, sample_weight=pi).coef_\n"
            ),
        },
    },
}
