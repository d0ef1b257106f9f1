"""Answer variants for 07_challenges/02_data_scarcity (see tests/test_exercises.py)."""

# select_pseudo_labels with one configurable step.
_SEL = (
    "def select_pseudo_labels(probs, threshold):\n"
    "    probs = np.asarray(probs)\n"
    "    keep = {keep}\n"
    "    indices = {indices}\n"
    "    labels = {labels}\n"
    "    return indices, labels\n"
)
_S_OK = dict(keep="probs.max(axis=1) >= threshold", indices="np.flatnonzero(keep)",
             labels="probs.argmax(axis=1)[keep]")


def _sel(**mistake):
    return _SEL.format(**{**_S_OK, **mistake})


# masked_mse with one configurable step.
_MSE = (
    "def masked_mse(x, x_hat, mask):\n"
    "    x, x_hat, mask = np.asarray(x, float), np.asarray(x_hat, float), np.asarray(mask, float)\n"
    "    err = {err}\n"
    "    return float({result})\n"
)
_M_OK = dict(err="(x - x_hat) ** 2", result="np.sum(mask * err) / np.sum(mask)")


def _mse(**mistake):
    return _MSE.format(**{**_M_OK, **mistake})


VARIANTS = {
    "07_pseudo_labels": {
        "correct": {
            "relies only on what the text promises (a loop)": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    indices, labels = [], []\n"
                "    for i in range(probs.shape[0]):\n"
                "        best = int(np.argmax(probs[i]))\n"
                "        if probs[i, best] >= threshold:\n"
                "            indices.append(i)\n"
                "            labels.append(best)\n"
                "    return np.array(indices, dtype=int), np.array(labels, dtype=int)\n"
            ),
            "np.where and take_along_axis": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    best = np.argmax(probs, axis=1)\n"
                "    top = np.take_along_axis(probs, best[:, None], axis=1)[:, 0]\n"
                "    (indices,) = np.where(top >= threshold)\n"
                "    return indices, best[indices]\n"
            ),
            "negated comparison": _sel(keep="~(probs.max(axis=1) < threshold)"),
            "returns a list of two arrays": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    keep = np.nonzero(np.max(probs, axis=-1) >= threshold)[0]\n"
                "    return [keep.astype(np.int32), np.argmax(probs[keep], axis=-1).astype(np.int32)]\n"
            ),
        },
        "wrong": {
            "strict > where the text says at least": _sel(keep="probs.max(axis=1) > threshold"),
            "argmax over the wrong axis (examples, not classes)": _sel(labels="probs.argmax(axis=0)"),
            "max over the wrong axis": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    probs = np.asarray(probs)\n"
                "    keep = probs.max(axis=0) >= threshold\n"
                "    indices = np.flatnonzero(keep)\n"
                "    return indices, probs.argmax(axis=1)[indices]\n"
            ),
            "thresholds the label instead of the probability": _sel(keep="probs.argmax(axis=1) >= threshold"),
            "thresholds the probability of class 1": _sel(keep="probs[:, 1] >= threshold"),
            "returns a boolean mask instead of indices": _sel(indices="keep"),
            "labels of all rows": _sel(labels="probs.argmax(axis=1)"),
            "np.nonzero of probs >= threshold (a row twice when two classes reach it)": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    rows, cols = np.nonzero(np.asarray(probs) >= threshold)\n"
                "    return rows, cols\n"
            ),
            "empty result as float arrays": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    indices, labels = [], []\n"
                "    for i, row in enumerate(probs):\n"
                "        if row.max() >= threshold:\n"
                "            indices.append(i)\n"
                "            labels.append(int(row.argmax()))\n"
                "    return np.array(indices), np.array(labels)\n"
            ),
            "sorted by confidence instead of by index": _sel(
                indices="np.flatnonzero(keep)[np.argsort(-probs.max(axis=1)[keep], kind='stable')]",
                labels="probs.argmax(axis=1)[indices]"),
            "changes the caller's array": (
                "def select_pseudo_labels(probs, threshold):\n"
                "    probs[probs < threshold] = 0.0\n"
                "    keep = probs.max(axis=1) >= threshold\n"
                "    return np.flatnonzero(keep), probs.argmax(axis=1)[keep]\n"
            ),
        },
    },
    "07_masked_mse": {
        "correct": {
            "relies only on what the text promises": (
                "def masked_mse(x, x_hat, mask):\n"
                "    return float(np.sum(mask * (x - x_hat) ** 2) / np.sum(mask))\n"
            ),
            "boolean indexing": (
                "def masked_mse(x, x_hat, mask):\n"
                "    hidden = np.asarray(mask) == 1\n"
                "    return float(np.mean((np.asarray(x) - np.asarray(x_hat))[hidden] ** 2))\n"
            ),
            "np.average with weights": (
                "def masked_mse(x, x_hat, mask):\n"
                "    return float(np.average(np.square(x - x_hat), weights=mask))\n"
            ),
        },
        "wrong": {
            "mean over all positions": _mse(result="np.mean(mask * err)"),
            "divides by all positions": _mse(result="np.sum(mask * err) / mask.size"),
            "mask inverted (the shown positions)": _mse(result="np.sum((1 - mask) * err) / np.sum(1 - mask)"),
            "mean of per-spectrum means": (
                "def masked_mse(x, x_hat, mask):\n"
                "    x, x_hat, mask = np.asarray(x, float), np.asarray(x_hat, float), np.asarray(mask, float)\n"
                "    axes = tuple(range(1, x.ndim))\n"
                "    per_row = np.sum(mask * (x - x_hat) ** 2, axis=axes) / np.sum(mask, axis=axes)\n"
                "    return float(np.mean(per_row))\n"
            ),
            "not squared (mean error)": _mse(err="x - x_hat"),
            "absolute instead of squared": _mse(err="np.abs(x - x_hat)"),
            "root of the mean (RMSE)": _mse(result="np.sqrt(np.sum(mask * err) / np.sum(mask))"),
            "unmasked MSE": _mse(result="np.mean(err)"),
        },
    },
}
