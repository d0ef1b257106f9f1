"""Answer variants for 08_applications/05_spectroscopy_capstone (see tests/test_exercises.py)."""

# triplet_loss with one configurable step.
_TRIPLET = (
    "def triplet_loss(anchor, positive, negative, margin):\n"
    "    d_pos = {d_pos}\n"
    "    d_neg = {d_neg}\n"
    "    return {result}\n"
)
_T_OK = dict(d_pos="keras.ops.sum((anchor - positive) ** 2, axis=-1)",
             d_neg="keras.ops.sum((anchor - negative) ** 2, axis=-1)",
             result="keras.ops.mean(keras.ops.maximum(d_pos - d_neg + margin, 0.0))")


def _triplet(**mistake):
    return _TRIPLET.format(**{**_T_OK, **mistake})


# nearest_class with one configurable step.
_NEAREST = (
    "def nearest_class(embeddings, reference_embeddings, reference_labels):\n"
    "    E, R = np.asarray(embeddings, dtype=float), np.asarray(reference_embeddings, dtype=float)\n"
    "    d = {dist}\n"
    "    return {result}\n"
)
_N_OK = dict(dist="np.linalg.norm(E[:, None, :] - R[None, :, :], axis=-1)",
             result="np.asarray(reference_labels)[np.argmin(d, axis=1)]")


def _nearest(**mistake):
    return _NEAREST.format(**{**_N_OK, **mistake})


# validate_spectrum with one configurable rule.
_VALIDATE = (
    "import math\n"
    "def validate_spectrum(spectrum, n_points):\n"
    "    if {is_list}:\n"
    "        return 'not a list'\n"
    "    if {length}:\n"
    "        return 'wrong length'\n"
    "    if any({not_number} for v in spectrum):\n"
    "        return 'not a number'\n"
    "    if any({not_finite} for v in spectrum):\n"
    "        return 'not finite'\n"
    "    return None\n"
)
_V_OK = dict(is_list="not isinstance(spectrum, list)", length="len(spectrum) != n_points",
             not_number="isinstance(v, bool) or not isinstance(v, (int, float))",
             not_finite="not math.isfinite(v)")


def _validate(**mistake):
    return _VALIDATE.format(**{**_V_OK, **mistake})


VARIANTS = {
    "08_triplet_loss": {
        "correct": {
            "relies only on what the text promises (operators and keras.ops)": (
                "def triplet_loss(anchor, positive, negative, margin):\n"
                "    gap = keras.ops.sum((anchor - positive) ** 2, axis=1) - keras.ops.sum((anchor - negative) ** 2, axis=1)\n"
                "    return keras.ops.mean(keras.ops.relu(gap + margin))\n"
            ),
            "expanded squares with keras.ops.square": _triplet(
                d_pos="keras.ops.sum(keras.ops.square(anchor) - 2 * anchor * positive + keras.ops.square(positive), axis=-1)",
                d_neg="keras.ops.sum(keras.ops.square(anchor - negative), axis=-1)"),
            "tensorflow ops": (
                "def triplet_loss(anchor, positive, negative, margin):\n"
                "    a, p, n = (tf.cast(v, tf.float32) for v in (anchor, positive, negative))\n"
                "    d_pos = tf.reduce_sum(tf.square(a - p), axis=-1)\n"
                "    d_neg = tf.reduce_sum(tf.square(a - n), axis=-1)\n"
                "    return tf.reduce_mean(tf.nn.relu(d_pos - d_neg + margin))\n"
            ),
            "sum of the hinge divided by the batch size": _triplet(
                result="keras.ops.sum(keras.ops.maximum(d_pos - d_neg + margin, 0.0)) / keras.ops.shape(anchor)[0]"),
        },
        "wrong": {
            "without the margin": _triplet(result="keras.ops.mean(keras.ops.maximum(d_pos - d_neg, 0.0))"),
            "without the hinge (no max with 0)": _triplet(result="keras.ops.mean(d_pos - d_neg + margin)"),
            "hinge after the mean": _triplet(result="keras.ops.maximum(keras.ops.mean(d_pos - d_neg + margin), 0.0)"),
            "distances not squared (Euclidean norm)": _triplet(
                d_pos="keras.ops.sqrt(keras.ops.sum((anchor - positive) ** 2, axis=-1))",
                d_neg="keras.ops.sqrt(keras.ops.sum((anchor - negative) ** 2, axis=-1))"),
            "sum instead of mean": _triplet(result="keras.ops.sum(keras.ops.maximum(d_pos - d_neg + margin, 0.0))"),
            "anchor and negative swapped": _triplet(
                d_pos="keras.ops.sum((negative - positive) ** 2, axis=-1)",
                d_neg="keras.ops.sum((negative - anchor) ** 2, axis=-1)"),
            "positive and negative swapped": _triplet(result="keras.ops.mean(keras.ops.maximum(d_neg - d_pos + margin, 0.0))"),
            "squared distances summed over the batch axis": _triplet(
                d_pos="keras.ops.sum((anchor - positive) ** 2, axis=0)",
                d_neg="keras.ops.sum((anchor - negative) ** 2, axis=0)"),
            "NumPy functions (fail inside training)": (
                "def triplet_loss(anchor, positive, negative, margin):\n"
                "    d_pos = np.sum(np.square(np.asarray(anchor) - np.asarray(positive)), axis=-1)\n"
                "    d_neg = np.sum(np.square(np.asarray(anchor) - np.asarray(negative)), axis=-1)\n"
                "    return float(np.mean(np.maximum(d_pos - d_neg + margin, 0.0)))\n"
            ),
        },
    },
    "08_nearest_class": {
        "correct": {
            "relies only on what the text promises": (
                "def nearest_class(embeddings, reference_embeddings, reference_labels):\n"
                "    d = ((embeddings[:, None, :] - reference_embeddings[None, :, :]) ** 2).sum(axis=2)\n"
                "    return reference_labels[d.argmin(axis=1)]\n"
            ),
            "Euclidean norm with broadcasting": _nearest(),
            "loop over the rows": (
                "def nearest_class(embeddings, reference_embeddings, reference_labels):\n"
                "    out = []\n"
                "    for e in embeddings:\n"
                "        k = int(np.argmin(np.sum((reference_embeddings - e) ** 2, axis=1)))\n"
                "        out.append(reference_labels[k])\n"
                "    return np.array(out, dtype=int)\n"
            ),
            "sorted distances, first of each row": _nearest(
                result="np.asarray(reference_labels)[np.argsort(d, axis=1, kind='stable')[:, 0]]"),
        },
        "wrong": {
            "argmax of the distance (the farthest reference)": _nearest(
                result="np.asarray(reference_labels)[np.argmax(d, axis=1)]"),
            "returns the index of the reference, not its label": _nearest(result="np.argmin(d, axis=1)"),
            "cosine similarity instead of Euclidean distance": _nearest(
                dist="-(E @ R.T) / np.linalg.norm(E, axis=1)[:, None] / np.linalg.norm(R, axis=1)[None, :]"),
            "dot product as similarity": _nearest(dist="-(E @ R.T)"),
            "nearest class mean instead of nearest neighbour": (
                "def nearest_class(embeddings, reference_embeddings, reference_labels):\n"
                "    labels = np.unique(reference_labels)\n"
                "    means = np.stack([reference_embeddings[reference_labels == c].mean(axis=0) for c in labels])\n"
                "    d = ((embeddings[:, None, :] - means[None]) ** 2).sum(axis=2)\n"
                "    return labels[d.argmin(axis=1)]\n"
            ),
            "Manhattan distance": _nearest(dist="np.abs(E[:, None, :] - R[None, :, :]).sum(axis=-1)"),
            "position among the sorted unique labels": _nearest(
                result="np.searchsorted(np.unique(reference_labels), np.asarray(reference_labels)[np.argmin(d, axis=1)])"),
        },
    },
    "08_validate_spectrum": {
        "correct": {
            "relies only on what the text promises": (
                "import math\n"
                "def validate_spectrum(spectrum, n_points):\n"
                "    if type(spectrum) is not list:\n"
                "        return 'not a list'\n"
                "    if len(spectrum) != n_points:\n"
                "        return 'wrong length'\n"
                "    for v in spectrum:\n"
                "        if type(v) not in (int, float):\n"
                "            return 'not a number'\n"
                "    for v in spectrum:\n"
                "        if math.isnan(v) or math.isinf(v):\n"
                "            return 'not finite'\n"
                "    return None\n"
            ),
            "the rules with any()": _validate(),
            "finiteness with NumPy": _validate(not_finite="not np.isfinite(v)"),
            "finiteness by comparison": _validate(not_finite="not (-float('inf') < v < float('inf'))"),
        },
        "wrong": {
            "booleans accepted as numbers": _validate(not_number="not isinstance(v, (int, float))"),
            "only NaN is refused (inf passes)": _validate(not_finite="math.isnan(v)"),
            "any sequence accepted (tuples, arrays)": _validate(is_list="not hasattr(spectrum, '__len__') or isinstance(spectrum, (str, dict))"),
            "length may be larger": _validate(length="len(spectrum) < n_points"),
            "rules checked value by value (NaN before a string)": (
                "import math\n"
                "def validate_spectrum(spectrum, n_points):\n"
                "    if not isinstance(spectrum, list):\n"
                "        return 'not a list'\n"
                "    if len(spectrum) != n_points:\n"
                "        return 'wrong length'\n"
                "    for v in spectrum:\n"
                "        if isinstance(v, bool) or not isinstance(v, (int, float)):\n"
                "            return 'not a number'\n"
                "        if not math.isfinite(v):\n"
                "            return 'not finite'\n"
                "    return None\n"
            ),
            "length checked after the values": (
                "import math\n"
                "def validate_spectrum(spectrum, n_points):\n"
                "    if not isinstance(spectrum, list):\n"
                "        return 'not a list'\n"
                "    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in spectrum):\n"
                "        return 'not a number'\n"
                "    if any(not math.isfinite(v) for v in spectrum):\n"
                "        return 'not finite'\n"
                "    if len(spectrum) != n_points:\n"
                "        return 'wrong length'\n"
                "    return None\n"
            ),
            "returns an empty string for a valid spectrum": _validate().replace("    return None\n", "    return ''\n"),
        },
    },
}
