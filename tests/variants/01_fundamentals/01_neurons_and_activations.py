"""Answer variants for 01_neurons_and_activations (see tests/test_exercises.py)."""


# Correct helpers reused by the variants that only get one of the three functions wrong.
_RELU_OK = "def relu(z):\n    return np.maximum(z, 0.0)\n"
_LEAKY_OK = "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, z, alpha * z)\n"
_SIGMOID_OK = (
    "def sigmoid(z):\n"
    "    z = np.asarray(z, dtype=float)\n"
    "    e = np.exp(-np.abs(z))\n"
    "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
)

_SIG_GRAD_OK = "def sigmoid_grad(z):\n    s = 1 / (1 + np.exp(-z))\n    return s * (1 - s)\n"
_TANH_GRAD_OK = "def tanh_grad(z):\n    return 1 - np.tanh(z) ** 2\n"
_RELU_GRAD_OK = "def relu_grad(z):\n    return np.where(z > 0, 1.0, 0.0)\n"

VARIANTS = {
    "01_activations": {
        "correct": {
            "arithmetic masks and clipping": (
                "def relu(z):\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    return z * (z > 0)\n"
                "def leaky_relu(z, alpha=0.01):\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    return np.maximum(z, 0) + alpha * np.minimum(z, 0)\n"
                "def sigmoid(z):\n"
                "    z = np.clip(np.asarray(z, dtype=float), -500, 500)\n"
                "    return 1.0 / (1.0 + np.exp(-z))\n"
            ),
            "copies with boolean indexing, tanh identity": (
                "def relu(z):\n"
                "    out = np.array(z, dtype=float, copy=True)\n"
                "    out[out < 0] = 0\n"
                "    return out\n"
                "def leaky_relu(z, alpha=0.01):\n"
                "    out = np.array(z, dtype=float, copy=True)\n"
                "    neg = out < 0\n"
                "    out[neg] = alpha * out[neg]\n"
                "    return out\n"
                "def sigmoid(z):\n"
                "    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))\n"
            ),
            "naive sigmoid (overflow warning, but finite)": (
                _RELU_OK + _LEAKY_OK
                + "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))\n"
            ),
            "logaddexp sigmoid": (
                _RELU_OK + _LEAKY_OK
                + "def sigmoid(z):\n    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))\n"
            ),
            "relies only on what the text promises": (
                "def relu(z):\n"
                "    # an array of any shape or a plain float: np.asarray, no .shape, no loops\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    return np.where(z > 0, z, 0.0)\n"
                "def leaky_relu(z, alpha=0.01):\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    return np.where(z > 0, z, alpha * z)\n"
                "def sigmoid(z):\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    e = np.exp(-np.abs(z))\n"
                "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
            ),
        },
        "wrong": {
            "leaky_relu applies alpha to the positive side": (
                _RELU_OK + _SIGMOID_OK
                + "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, alpha * z, z)\n"
            ),
            "relu returns a boolean mask": (
                _LEAKY_OK + _SIGMOID_OK + "def relu(z):\n    return np.asarray(z) > 0\n"
            ),
            "sigmoid with exp(z) instead of exp(-z)": (
                _RELU_OK + _LEAKY_OK + "def sigmoid(z):\n    z = np.clip(np.asarray(z, dtype=float), -500, 500)\n    return 1 / (1 + np.exp(z))\n"
            ),
            "sigmoid as exp(z) / (1 + exp(z)): nan for z = 1000": (
                _RELU_OK + _LEAKY_OK + "def sigmoid(z):\n    e = np.exp(np.asarray(z, dtype=float))\n    return e / (1 + e)\n"
            ),
            "relu modifies its input in place": (
                _LEAKY_OK + _SIGMOID_OK
                + "def relu(z):\n    if isinstance(z, np.ndarray):\n        z[z < 0] = 0\n        return z\n    return max(z, 0.0)\n"
            ),
            "leaky_relu modifies its input in place": (
                _RELU_OK + _SIGMOID_OK
                + "def leaky_relu(z, alpha=0.01):\n"
                "    if isinstance(z, np.ndarray):\n"
                "        z[z < 0] *= alpha\n"
                "        return z\n"
                "    return z if z > 0 else alpha * z\n"
            ),
            "breaks 'must not produce nan or inf': math.exp on a plain float overflows": (
                _RELU_OK + _LEAKY_OK
                + "import math\n"
                "def sigmoid(z):\n"
                "    if isinstance(z, float):\n"
                "        return 1 / (1 + math.exp(-z))\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    e = np.exp(-np.abs(z))\n"
                "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
            ),
            "breaks 'do not change z': sigmoid negates its input in place": (
                _RELU_OK + _LEAKY_OK
                + "def sigmoid(z):\n"
                "    if isinstance(z, np.ndarray):\n"
                "        np.negative(z, out=z)\n"
                "        return 1 / (1 + np.exp(np.clip(z, -500, 500)))\n"
                "    return 1 / (1 + np.exp(-z))\n"
            ),
            "breaks 'same shape': relu flattens": (
                _LEAKY_OK + _SIGMOID_OK + "def relu(z):\n    return np.maximum(np.ravel(z), 0.0)\n"
            ),
            "leaky_relu ignores alpha": (
                _RELU_OK + _SIGMOID_OK
                + "def leaky_relu(z, alpha=0.01):\n    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, z, 0.01 * z)\n"
            ),
        },
    },
    "01_softmax": {
        "correct": {
            "max over the whole array (still correct)": (
                "def softmax(z):\n"
                "    e = np.exp(z - np.max(z))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            "log-sum-exp": (
                "def softmax(z):\n"
                "    z = np.asarray(z, dtype=float)\n"
                "    m = np.max(z, axis=-1, keepdims=True)\n"
                "    lse = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))\n"
                "    return np.exp(z - lse)\n"
            ),
            "row loop for batches": (
                "def softmax(z):\n"
                "    z = np.array(z, dtype=float)\n"
                "    if z.ndim == 1:\n"
                "        e = np.exp(z - z.max())\n"
                "        return e / e.sum()\n"
                "    return np.stack([softmax(row) for row in z])\n"
            ),
            "in-place on a copy, explicit axis for 2-D": (
                "def softmax(z):\n"
                "    out = np.array(z, dtype=float)\n"
                "    axis = 1 if out.ndim == 2 else 0\n"
                "    out -= out.max(axis=axis, keepdims=True)\n"
                "    np.exp(out, out=out)\n"
                "    out /= out.sum(axis=axis, keepdims=True)\n"
                "    return out\n"
            ),
            "relies only on what the text promises": (
                "def softmax(z):\n"
                "    # a NumPy array, 1-D or 2-D: array methods over the last axis\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
        },
        "wrong": {
            "unstable (no max subtracted)": (
                "def softmax(z):\n"
                "    e = np.exp(z)\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            "axis=0 on a batch": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max(axis=0, keepdims=True))\n"
                "    return e / e.sum(axis=0, keepdims=True)\n"
            ),
            "missing keepdims in the sum": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1)\n"
            ),
            "missing keepdims in the max": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max(axis=-1))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            "normalises by the max instead of the sum": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.max(axis=-1, keepdims=True)\n"
            ),
            "sum over the whole array": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max())\n"
                "    return e / e.sum()\n"
            ),
            "breaks 'numerically stable': subtracts the smallest logit": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.min(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            "breaks 'numerically stable': subtracts the mean logit": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.mean(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            "breaks 'same shape': squeezes a batch with one row": (
                "def softmax(z):\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return np.squeeze(e / e.sum(axis=-1, keepdims=True))\n"
            ),
            "changes its input in place": (
                "def softmax(z):\n"
                "    z -= z.max(axis=-1, keepdims=True)\n"
                "    e = np.exp(z)\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
            # "Does not change z" is judged from the array itself, not from np.array_equal in the learner's process.
            "changes its input in place, np shadowed so that np.array_equal says True": (
                "import types as _types\n"
                "import numpy as _np\n"
                "np = _types.SimpleNamespace(**{k: getattr(_np, k) for k in dir(_np) if not k.startswith('__')})\n"
                "np.array_equal = lambda *a, **k: True\n"
                "def softmax(z):\n"
                "    z -= z.max(axis=-1, keepdims=True)\n"
                "    e = np.exp(z)\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"
            ),
        },
    },
    "01_derivatives": {
        "correct": {
            "uses the learner's sigmoid, boolean relu grad": (
                "def sigmoid_grad(z):\n    return sigmoid(z) * (1 - sigmoid(z))\n"
                "def tanh_grad(z):\n    t = np.tanh(z)\n    return 1 - t * t\n"
                "def relu_grad(z):\n    return np.asarray(z) > 0\n"
            ),
            "closed forms without sigmoid, heaviside": (
                "def sigmoid_grad(z):\n    e = np.exp(-np.abs(z))\n    return e / (1 + e) ** 2\n"
                "def tanh_grad(z):\n    return 1 / np.cosh(z) ** 2\n"
                "def relu_grad(z):\n    return np.heaviside(z, 0.0)\n"
            ),
            # Far from 0, s * (1 - s) computed another way differs from ours by about 1e-16.
            "sigmoid computed inline with tanh": (
                "def sigmoid_grad(z):\n    s = 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))\n    return s * (1 - s)\n"
                + _TANH_GRAD_OK + _RELU_GRAD_OK
            ),
            "relies only on what the text promises": (
                "def sigmoid_grad(z):\n"
                "    s = sigmoid(z)\n"
                "    return s * (1 - s)\n"
                "def tanh_grad(z):\n"
                "    return 1 - np.tanh(z) ** 2\n"
                "def relu_grad(z):\n"
                "    return (z > 0) * 1.0\n"
            ),
        },
        "wrong": {
            "sigmoid * (1 + sigmoid)": (
                "def sigmoid_grad(z):\n    s = 1 / (1 + np.exp(-z))\n    return s * (1 + s)\n"
                + _TANH_GRAD_OK + _RELU_GRAD_OK
            ),
            "1 - tanh (not squared)": _SIG_GRAD_OK + "def tanh_grad(z):\n    return 1 - np.tanh(z)\n" + _RELU_GRAD_OK,
            "relu grad returns z": _SIG_GRAD_OK + _TANH_GRAD_OK + "def relu_grad(z):\n    return np.maximum(z, 0)\n",
            "relu grad returns z itself": _SIG_GRAD_OK + _TANH_GRAD_OK + "def relu_grad(z):\n    return z\n",
            "breaks 'any shape': relu_grad loops over a 1-D array": (
                _SIG_GRAD_OK + _TANH_GRAD_OK
                + "def relu_grad(z):\n    return np.array([1.0 if v > 0 else 0.0 for v in z])\n"
            ),
            "breaks 'the same shape': relu_grad returns a flat array": (
                _SIG_GRAD_OK + _TANH_GRAD_OK + "def relu_grad(z):\n    return (np.ravel(z) > 0).astype(float)\n"
            ),
            "relu_grad changes its input in place": (
                _SIG_GRAD_OK + _TANH_GRAD_OK
                + "def relu_grad(z):\n    z[z > 0] = 1.0\n    z[z <= 0] = 0.0\n    return z\n"
            ),
            "wrong sign (sigmoid)": (
                "def sigmoid_grad(z):\n    s = 1 / (1 + np.exp(-z))\n    return s * (s - 1)\n"
                + _TANH_GRAD_OK + _RELU_GRAD_OK
            ),
            "wrong sign (tanh)": _SIG_GRAD_OK + "def tanh_grad(z):\n    return np.tanh(z) ** 2 - 1\n" + _RELU_GRAD_OK,
            "relu grad 1 at z = 0": _SIG_GRAD_OK + _TANH_GRAD_OK + "def relu_grad(z):\n    return np.where(z >= 0, 1.0, 0.0)\n",
        },
    },
    "01_collapse_linear": {
        "correct": {
            "np.dot and a list": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return [np.dot(W1, W2), np.dot(b1, W2) + b2]\n"
            ),
            "push the identity and zero through the layers": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    d_in = W1.shape[0]\n"
                "    b = (np.zeros(d_in) @ W1 + b1) @ W2 + b2\n"
                "    W = (np.eye(d_in) @ W1 + b1) @ W2 + b2 - b\n"
                "    return W, b\n"
            ),
            "einsum": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    W = np.einsum('ih,ho->io', W1, W2)\n"
                "    b = np.einsum('h,ho->o', b1, W2) + b2\n"
                "    return (W, b)\n"
            ),
            "relies only on what the text promises": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W1.dot(W2), b1.dot(W2) + b2\n"
            ),
        },
        "wrong": {
            "forgets b1 @ W2": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W1 @ W2, b2\n"
            ),
            "breaks 'b of shape (d_out,)': returns b as a row (1, d_out)": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W1 @ W2, (b1 @ W2 + b2)[None, :]\n"
            ),
            "W2 @ W1 order": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W2 @ W1, b1 @ W2 + b2\n"
            ),
            "b = b1 + b2": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W1 @ W2, b1 + b2\n"
            ),
            "b = b1 @ W2 (forgets b2)": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return W1 @ W2, b1 @ W2\n"
            ),
            "transposed order with .T": (
                "def collapse_linear(W1, b1, W2, b2):\n"
                "    return (W2.T @ W1.T), b1 @ W2 + b2\n"
            ),
        },
    },
}
