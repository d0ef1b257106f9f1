"""Answer variants for 05_generative/04_measuring_and_uses (see tests/test_exercises.py)."""

_STATS = (
    "def feature_statistics(features):\n"
    "    return {mu}, {sigma}\n"
)


def _stats(mu="features.mean(axis=0)", sigma="np.cov(features, rowvar=False)"):
    return _STATS.format(mu=mu, sigma=sigma)


_FRECHET = (
    "def frechet_distance(mu1, sigma1, mu2, sigma2):\n"
    "    root = {root}\n"
    "    return float({means} + np.trace(sigma1 + sigma2 - {two} * root))\n"
)
_F_OK = dict(root="linalg.sqrtm(sigma1 @ sigma2).real", means="np.sum((mu1 - mu2) ** 2)", two="2")


def _frechet(**mistake):
    return _FRECHET.format(**{**_F_OK, **mistake})


_UP = (
    "def upsample_nearest(images, factor):\n"
    "    return {body}\n"
)


def _up(body):
    return _UP.format(body=body)


VARIANTS = {
    "05_feature_statistics": {
        "correct": {
            "relies only on what the text promises": _stats(),
            "centred features, X^T X / (n - 1)": (
                "def feature_statistics(features):\n"
                "    n = features.shape[0]\n"
                "    mu = np.sum(features, axis=0) / n\n"
                "    centred = features - mu\n"
                "    return mu, centred.T @ centred / (n - 1)\n"
            ),
            "np.cov of the transpose, ddof spelled out, a list": (
                "def feature_statistics(features):\n"
                "    return [np.mean(features, axis=0), np.cov(features.T, ddof=1)]\n"
            ),
        },
        "wrong": {
            "divided by n (bias=True)": _stats(sigma="np.cov(features, rowvar=False, bias=True)"),
            "divided by n (ddof=0, by hand)": (
                "def feature_statistics(features):\n"
                "    mu = features.mean(axis=0)\n"
                "    centred = features - mu\n"
                "    return mu, centred.T @ centred / len(features)\n"
            ),
            "rowvar left at its default: an (n, n) matrix": _stats(sigma="np.cov(features)"),
            "mean over the wrong axis": _stats(mu="features.mean(axis=1)"),
            "not centred: X^T X / (n - 1)": _stats(sigma="features.T @ features / (len(features) - 1)"),
            "only the variances (a diagonal matrix)": _stats(sigma="np.diag(features.var(axis=0, ddof=1))"),
            "centred in place": (
                "def feature_statistics(features):\n"
                "    mu = features.mean(axis=0)\n"
                "    features -= mu\n"
                "    return mu, features.T @ features / (len(features) - 1)\n"
            ),
        },
    },
    "05_frechet_distance": {
        "correct": {
            "relies only on what the text promises": _frechet(),
            "eigen-decomposition of sqrt(s1) s2 sqrt(s1) (same trace)": (
                "def frechet_distance(mu1, sigma1, mu2, sigma2):\n"
                "    w1, v1 = np.linalg.eigh(sigma1)\n"
                "    root1 = v1 @ np.diag(np.sqrt(np.clip(w1, 0, None))) @ v1.T\n"
                "    w = np.linalg.eigvalsh(root1 @ sigma2 @ root1)\n"
                "    trace_root = np.sum(np.sqrt(np.clip(w, 0, None)))\n"
                "    return float(np.dot(mu1 - mu2, mu1 - mu2) + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_root)\n"
            ),
            "np.linalg.norm squared, np.real, a NumPy float": (
                "def frechet_distance(mu1, sigma1, mu2, sigma2):\n"
                "    covmean = np.real(linalg.sqrtm(np.dot(sigma1, sigma2)))\n"
                "    return np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)\n"
            ),
        },
        "wrong": {
            "no matrix square root: Tr(s1 + s2 - 2 s1 s2)": _frechet(root="sigma1 @ sigma2"),
            "element-wise square root of the product": _frechet(root="np.sqrt(np.abs(sigma1 @ sigma2))"),
            "element-wise square root, NaNs dropped": _frechet(root="np.nan_to_num(np.sqrt(sigma1 @ sigma2))"),
            "product of two roots sqrtm(s1) sqrtm(s2)": _frechet(root="(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real"),
            "element-wise product instead of the matrix product": _frechet(root="linalg.sqrtm(sigma1 * sigma2).real"),
            "the factor 2 missing": _frechet(two="1"),
            "distance of the means not squared": _frechet(means="np.linalg.norm(mu1 - mu2)"),
            "square root of the whole distance": (
                "def frechet_distance(mu1, sigma1, mu2, sigma2):\n"
                "    root = linalg.sqrtm(sigma1 @ sigma2).real\n"
                "    return float(np.sqrt(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * root)))\n"
            ),
            "means left out": _frechet(means="0.0"),
        },
    },
    "05_upsample_nearest": {
        "correct": {
            "relies only on what the text promises": _up("np.repeat(np.repeat(images, factor, axis=1), factor, axis=2)"),
            "a Kronecker product with a block of ones": (
                "def upsample_nearest(images, factor):\n"
                "    return np.kron(images, np.ones((1, factor, factor), dtype=images.dtype))\n"
            ),
            "fancy indexing with i // factor": (
                "def upsample_nearest(images, factor):\n"
                "    n, h, w = images.shape\n"
                "    rows = np.arange(h * factor) // factor\n"
                "    cols = np.arange(w * factor) // factor\n"
                "    return images[:, rows][:, :, cols]\n"
            ),
        },
        "wrong": {
            "only the rows repeated": _up("np.repeat(images, factor, axis=1)"),
            "np.tile: the whole image repeated": _up("np.tile(images, (1, factor, factor))"),
            "flattened repeat, reshaped": _up(
                "np.repeat(images, factor * factor).reshape(images.shape[0], images.shape[1] * factor, -1)"),
            "cast to float": _up("np.repeat(np.repeat(images, factor, axis=1), factor, axis=2).astype('float64')"),
            "bilinear instead of nearest": (
                "def upsample_nearest(images, factor):\n"
                "    import tensorflow as tf\n"
                "    n, h, w = images.shape\n"
                "    out = tf.image.resize(images[..., None].astype('float32'), (h * factor, w * factor)).numpy()[..., 0]\n"
                "    return out.astype(images.dtype)\n"
            ),
        },
    },
}
