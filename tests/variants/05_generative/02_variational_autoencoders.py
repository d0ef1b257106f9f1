"""Answer variants for 05_generative/02_variational_autoencoders (see tests/test_exercises.py)."""

_REPARAM = (
    "def reparameterize(mean, log_var, eps):\n"
    "    return {body}\n"
)


def _reparam(body):
    return _REPARAM.format(body=body)


_KL = (
    "def kl_divergence(mean, log_var):\n"
    "    return {body}\n"
)


def _kl(body):
    return _KL.format(body=body)


# vae_loss with one configurable mistake.
_LOSS = (
    "def vae_loss(x, x_decoded, mean, log_var):\n"
    "    bce = {bce}\n"
    "    per_image = bce.reshape(len(x), -1).{reduce}(axis=1)\n"
    "    reconstruction = {rec}\n"
    "    kl = {kl}\n"
    "    return {ret}\n"
)
_L_OK = dict(bce="-(x * np.log(x_decoded) + (1 - x) * np.log(1 - x_decoded))", reduce="sum",
             rec="per_image.mean()", kl="kl_divergence(mean, log_var).mean()",
             ret="reconstruction + kl, reconstruction, kl")


def _loss(**mistake):
    return _LOSS.format(**{**_L_OK, **mistake})


_INTERP = (
    "def interpolate(start, end, n_steps):\n"
    "    t = {t}\n"
    "    return {body}\n"
)
_I_OK = dict(t="np.linspace(0, 1, n_steps)[:, None]", body="start + t * (end - start)")


def _interp(**mistake):
    return _INTERP.format(**{**_I_OK, **mistake})


VARIANTS = {
    "05_reparameterize": {
        "correct": {
            "relies only on what the text promises": _reparam("mean + np.exp(log_var / 2) * eps"),
            "the standard deviation as the square root of the variance": _reparam(
                "mean + np.sqrt(np.exp(log_var)) * eps"),
            "keras.ops, converted back to NumPy": (
                "def reparameterize(mean, log_var, eps):\n"
                "    z = keras.ops.add(mean, keras.ops.multiply(keras.ops.exp(keras.ops.multiply(0.5, log_var)), eps))\n"
                "    return keras.ops.convert_to_numpy(z).astype('float64')\n"
            ),
            "a new array filled element by element": (
                "def reparameterize(mean, log_var, eps):\n"
                "    out = np.empty_like(mean, dtype=float)\n"
                "    for i in np.ndindex(mean.shape):\n"
                "        out[i] = mean[i] + np.exp(log_var[i]) ** 0.5 * eps[i]\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "exp(log_var): the variance instead of the standard deviation": _reparam("mean + np.exp(log_var) * eps"),
            "log_var used as the standard deviation": _reparam("mean + log_var * eps"),
            "square root of log_var": _reparam("mean + np.sqrt(np.abs(log_var)) * eps"),
            "exp(-log_var / 2)": _reparam("mean + np.exp(-log_var / 2) * eps"),
            "no noise term: the mean returned": _reparam("mean + 0 * eps"),
            "noise not scaled": _reparam("mean + eps"),
            "mean forgotten": _reparam("np.exp(log_var / 2) * eps"),
            "fresh noise drawn instead of eps": _reparam(
                "mean + np.exp(log_var / 2) * np.random.default_rng(0).standard_normal(np.shape(mean))"),
            "eps changed in place": (
                "def reparameterize(mean, log_var, eps):\n"
                "    eps *= np.exp(log_var / 2)\n"
                "    return mean + eps\n"
            ),
        },
    },
    "05_kl_divergence": {
        "correct": {
            "relies only on what the text promises": _kl(
                "-0.5 * np.sum(1 + log_var - mean ** 2 - np.exp(log_var), axis=1)"),
            "the per-dimension form 0.5 (mu^2 + sigma^2 - 1 - log sigma^2), summed in a loop": (
                "def kl_divergence(mean, log_var):\n"
                "    total = np.zeros(mean.shape[0])\n"
                "    for j in range(mean.shape[1]):\n"
                "        var = np.exp(log_var[:, j])\n"
                "        total = total + 0.5 * (mean[:, j] ** 2 + var - 1.0 - log_var[:, j])\n"
                "    return total\n"
            ),
            "keras.ops, converted back to NumPy": (
                "def kl_divergence(mean, log_var):\n"
                "    kl = -0.5 * keras.ops.sum(1 + log_var - keras.ops.square(mean) - keras.ops.exp(log_var), axis=-1)\n"
                "    return keras.ops.convert_to_numpy(kl).astype('float64')\n"
            ),
        },
        "wrong": {
            "wrong sign": _kl("0.5 * np.sum(1 + log_var - mean ** 2 - np.exp(log_var), axis=1)"),
            "the 1/2 missing": _kl("-np.sum(1 + log_var - mean ** 2 - np.exp(log_var), axis=1)"),
            "exp(log_var / 2): the standard deviation instead of the variance": _kl(
                "-0.5 * np.sum(1 + log_var - mean ** 2 - np.exp(log_var / 2), axis=1)"),
            "the 1 missing": _kl("-0.5 * np.sum(log_var - mean ** 2 - np.exp(log_var), axis=1)"),
            "log_var term missing": _kl("-0.5 * np.sum(1 - mean ** 2 - np.exp(log_var), axis=1)"),
            "mean over the latent dimensions instead of the sum": _kl(
                "-0.5 * np.mean(1 + log_var - mean ** 2 - np.exp(log_var), axis=1)"),
            "summed over the batch too": _kl("-0.5 * np.sum(1 + log_var - mean ** 2 - np.exp(log_var))"),
            "summed over the batch axis": _kl("-0.5 * np.sum(1 + log_var - mean ** 2 - np.exp(log_var), axis=0)"),
            "mean instead of mean squared": _kl("-0.5 * np.sum(1 + log_var - mean - np.exp(log_var), axis=1)"),
            "mean changed in place": (
                "def kl_divergence(mean, log_var):\n"
                "    mean **= 2\n"
                "    return -0.5 * np.sum(1 + log_var - mean - np.exp(log_var), axis=1)\n"
            ),
        },
    },
    "05_vae_loss": {
        "correct": {
            "relies only on what the text promises": _loss(),
            "np.sum over the trailing axes, clipped outputs, floats in a list": (
                "def vae_loss(x, x_decoded, mean, log_var):\n"
                "    p = np.clip(x_decoded, 1e-7, 1 - 1e-7)\n"
                "    axes = tuple(range(1, np.ndim(x)))\n"
                "    rec = float(np.mean(np.sum(-(x * np.log(p) + (1 - x) * np.log1p(-p)), axis=axes)))\n"
                "    kl = float(np.mean(kl_divergence(mean, log_var)))\n"
                "    return [rec + kl, rec, kl]\n"
            ),
            "the batch mean as a sum divided by the batch size": (
                "def vae_loss(x, x_decoded, mean, log_var):\n"
                "    n = x.shape[0]\n"
                "    rec = -np.sum(np.where(x > 0, x * np.log(x_decoded), 0) + (1 - x) * np.log(1 - x_decoded)) / n\n"
                "    kl = np.sum(kl_divergence(mean, log_var)) / n\n"
                "    return (rec + kl, rec, kl)\n"
            ),
        },
        "wrong": {
            "pixels averaged, not summed (keras.losses.binary_crossentropy's default)": _loss(reduce="mean"),
            "summed over the batch instead of averaged": _loss(rec="per_image.sum()", kl="kl_divergence(mean, log_var).sum()"),
            "KL summed over the batch": _loss(kl="kl_divergence(mean, log_var).sum()"),
            "minus sign of the cross-entropy missing": _loss(
                bce="x * np.log(x_decoded) + (1 - x) * np.log(1 - x_decoded)"),
            "(1 - x) term missing": _loss(bce="-(x * np.log(x_decoded))"),
            "squared error instead of cross-entropy": _loss(bce="(x - x_decoded) ** 2"),
            "KL subtracted": _loss(ret="reconstruction - kl, reconstruction, kl"),
            "order (reconstruction, kl, total)": _loss(ret="reconstruction, kl, reconstruction + kl"),
            "KL term left out of the total": _loss(ret="reconstruction, reconstruction, kl"),
            "only the last axis summed": (
                "def vae_loss(x, x_decoded, mean, log_var):\n"
                "    bce = -(x * np.log(x_decoded) + (1 - x) * np.log(1 - x_decoded))\n"
                "    rec = bce.sum(axis=-1).mean()\n"
                "    kl = kl_divergence(mean, log_var).mean()\n"
                "    return rec + kl, rec, kl\n"
            ),
        },
    },
    "05_interpolate": {
        "correct": {
            "relies only on what the text promises": _interp(),
            "a list of rows with k / (n_steps - 1), stacked": (
                "def interpolate(start, end, n_steps):\n"
                "    return np.stack([(1 - k / (n_steps - 1)) * start + k / (n_steps - 1) * end\n"
                "                     for k in range(n_steps)])\n"
            ),
            "np.outer for the steps": (
                "def interpolate(start, end, n_steps):\n"
                "    return start[None, :] + np.outer(np.arange(n_steps) / (n_steps - 1), end - start)\n"
            ),
        },
        "wrong": {
            "end excluded": _interp(t="np.linspace(0, 1, n_steps, endpoint=False)[:, None]"),
            "both ends excluded": _interp(t="np.linspace(0, 1, n_steps + 2)[1:-1, None]"),
            "from end to start": _interp(body="end + t * (start - end)"),
            "steps of 1 / n_steps": _interp(t="(np.arange(n_steps) / n_steps)[:, None]"),
            "one step too many": _interp(t="np.linspace(0, 1, n_steps + 1)[:, None]"),
            "transposed: shape (d, n_steps)": _interp(body="(start + t * (end - start)).T"),
            "start changed in place (walked step by step)": (
                "def interpolate(start, end, n_steps):\n"
                "    step = (end - start) / (n_steps - 1)\n"
                "    rows = []\n"
                "    for k in range(n_steps):\n"
                "        rows.append(start.copy())\n"
                "        start += step\n"
                "    return np.array(rows)\n"
            ),
        },
    },
}
