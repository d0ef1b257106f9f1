"""Answer variants for 02_training/02_optimizers (see tests/test_exercises.py)."""


# Correct RMSprop / AdaGrad, to pair with a wrong version of the other function.
_RMSPROP_OK = (
    "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
    "    s = rho * s + (1 - rho) * g * g\n"
    "    return w - lr * g / np.sqrt(s + eps), s\n"
)
_ADAGRAD_OK = (
    "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
    "    s = s + g * g\n"
    "    return w - lr * g / np.sqrt(s + eps), s\n"
)

# A correct Adam step with one line swapped for a mistake.
_ADAM = (
    "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
    "    m = {m}\n"
    "    v = {v}\n"
    "    new_w = {w}\n"
    "    return new_w, m, v\n"
)
_ADAM_OK = dict(
    m="beta1 * m + (1 - beta1) * g",
    v="beta2 * v + (1 - beta2) * g**2",
    w="w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps)",
)


def _adam(**changes):
    return _ADAM.format(**{**_ADAM_OK, **changes})


VARIANTS = {
    "02_momentum": {
        "correct": {
            "relies only on what the text promises (the two equations, nothing else)": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    new_v = momentum * v - lr * g\n"
                "    return w + new_v, new_v"
            ),
            "velocity first, in one return line": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v - lr * g\n"
                "    return w + v, v"
            ),
            "np.asarray, explicit float arrays, np.add / np.multiply": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    w, g, v = (np.asarray(a, dtype=float) for a in (w, g, v))\n"
                "    velocity = np.multiply(momentum, v) - np.multiply(lr, g)\n"
                "    return np.add(w, velocity), velocity"
            ),
            "copies, then in-place updates of the copies; returns a list": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = np.array(v, dtype=float, copy=True)\n"
                "    v *= momentum\n"
                "    v -= lr * np.asarray(g)\n"
                "    return [np.asarray(w, dtype=float) + v, v]"
            ),
        },
        "wrong": {
            "hard-coded learning rate 0.01": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v - 0.01 * g\n"
                "    return w + v, v"
            ),
            "array methods only (v.copy(); fails on plain floats)": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    new_v = v.copy() * momentum - lr * g\n"
                "    return w + new_v, new_v"
            ),
            "sign error: velocity points uphill": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v + lr * g\n"
                "    return w + v, v"
            ),
            "sign error: w - v with the Keras velocity": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v - lr * g\n"
                "    return w - v, v"
            ),
            "learning rate applied twice": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v - lr * g\n"
                "    return w + lr * v, v"
            ),
            "velocity not returned (old v handed back)": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    new_v = momentum * v - lr * g\n"
                "    return w + new_v, v"
            ),
            "state lost: ignores the incoming velocity": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    new_v = -lr * g\n"
                "    return w + new_v, new_v"
            ),
            "PyTorch convention (v without the learning rate)": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = momentum * v + g\n"
                "    return w - lr * v, v"
            ),
            "updates the caller's arrays in place": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v *= momentum\n"
                "    v -= lr * g\n"
                "    w += v\n"
                "    return w, v"
            ),
            "hard-coded momentum 0.9": (
                "def momentum_step(w, g, v, lr=0.01, momentum=0.9):\n"
                "    v = 0.9 * v - lr * g\n"
                "    return w + v, v"
            ),
        },
    },
    "02_rmsprop_adagrad": {
        "correct": {
            "relies only on what the text promises (the equations, eps inside the root)": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    new_s = rho * s + (1 - rho) * g**2\n"
                "    return w - lr * g / np.sqrt(new_s + eps), new_s\n"
                "\n"
                "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    new_s = s + g**2\n"
                "    return w - lr * g / np.sqrt(new_s + eps), new_s\n"
            ),
            "np.square, np.sqrt on a sum, separate names": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    new_s = rho * s + (1.0 - rho) * np.square(g)\n"
                "    step = lr * g / np.sqrt(new_s + eps)\n"
                "    return w - step, new_s\n"
                "\n"
                "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    new_s = np.add(s, np.square(g))\n"
                "    return w - lr * g / np.sqrt(new_s + eps), new_s\n"
            ),
            "power 0.5 and a division by the root, asarray first": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    w, g, s = np.asarray(w, float), np.asarray(g, float), np.asarray(s, float)\n"
                "    s2 = s + (1 - rho) * (g**2 - s)\n"
                "    return w - lr * g * (s2 + eps) ** -0.5, s2\n"
                "\n"
                "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    w, g, s = np.asarray(w, float), np.asarray(g, float), np.asarray(s, float)\n"
                "    s2 = s + g**2\n"
                "    return w - lr / (s2 + eps) ** 0.5 * g, s2\n"
            ),
            "AdaGrad written as RMSprop-like helper, lists returned": (
                "def _scaled(w, g, s_new, lr, eps):\n"
                "    return w - lr * g / np.sqrt(s_new + eps)\n"
                "\n"
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s_new = rho * s + (1 - rho) * g * g\n"
                "    return [_scaled(w, g, s_new, lr, eps), s_new]\n"
                "\n"
                "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s_new = s + g * g\n"
                "    return [_scaled(w, g, s_new, lr, eps), s_new]\n"
            ),
        },
        "wrong": {
            "AdaGrad: array methods only (s.copy(); fails on plain floats)": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    new_s = s.copy() + g**2\n"
                "    return w - lr * g / np.sqrt(new_s + eps), new_s\n"
            ),
            "RMSprop: eps ignored (hard-coded 1e-7)": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s = rho * s + (1 - rho) * g**2\n"
                "    return w - lr * g / np.sqrt(s + 1e-7), s\n" + _ADAGRAD_OK
            ),
            "AdaGrad: lr ignored (hard-coded 0.001)": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s = s + g**2\n"
                "    return w - 0.001 * g / np.sqrt(s + eps), s\n"
            ),
            "RMSprop: eps outside the square root": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s = rho * s + (1 - rho) * g**2\n"
                "    return w - lr * g / (np.sqrt(s) + eps), s\n" + _ADAGRAD_OK
            ),
            "AdaGrad: eps outside the square root": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s = s + g**2\n"
                "    return w - lr * g / (np.sqrt(s) + eps), s\n"
            ),
            "RMSprop: gradient not squared": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s = rho * s + (1 - rho) * g\n"
                "    return w - lr * g / np.sqrt(np.abs(s) + eps), s\n" + _ADAGRAD_OK
            ),
            "AdaGrad: gradient not squared (abs)": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s = s + np.abs(g)\n"
                "    return w - lr * g / np.sqrt(s + eps), s\n"
            ),
            "AdaGrad with decay (that is RMSprop)": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s = 0.9 * s + 0.1 * g**2\n"
                "    return w - lr * g / np.sqrt(s + eps), s\n"
            ),
            "RMSprop: update uses the old s": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    new_w = w - lr * g / np.sqrt(s + eps)\n"
                "    return new_w, rho * s + (1 - rho) * g**2\n" + _ADAGRAD_OK
            ),
            "RMSprop: rho and 1 - rho swapped": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s = (1 - rho) * s + rho * g**2\n"
                "    return w - lr * g / np.sqrt(s + eps), s\n" + _ADAGRAD_OK
            ),
            "RMSprop: no square root": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s = rho * s + (1 - rho) * g**2\n"
                "    return w - lr * g / (s + eps), s\n" + _ADAGRAD_OK
            ),
            "AdaGrad: s not returned (old s handed back)": (
                _RMSPROP_OK + "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    new_s = s + g**2\n"
                "    return w - lr * g / np.sqrt(new_s + eps), s\n"
            ),
            "updates s in place": (
                "def rmsprop_step(w, g, s, lr=0.001, rho=0.9, eps=1e-7):\n"
                "    s *= rho\n"
                "    s += (1 - rho) * g**2\n"
                "    return w - lr * g / np.sqrt(s + eps), s\n"
                "\n"
                "def adagrad_step(w, g, s, lr=0.001, eps=1e-7):\n"
                "    s += g**2\n"
                "    return w - lr * g / np.sqrt(s + eps), s\n"
            ),
        },
    },
    "02_adam": {
        "correct": {
            "relies only on what the text promises (the equations as written)": _adam(),
            "textbook form with m_hat and v_hat": (
                "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
                "    m = beta1 * m + (1 - beta1) * g\n"
                "    v = beta2 * v + (1 - beta2) * g**2\n"
                "    m_hat = m / (1 - beta1**t)\n"
                "    v_hat = v / (1 - beta2**t)\n"
                "    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v"
            ),
            "asarray, np.power, math.sqrt for the factor, returns a list": (
                "import math\n"
                "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
                "    w, g = np.asarray(w, float), np.asarray(g, float)\n"
                "    new_m = m + (1 - beta1) * (g - m)\n"
                "    new_v = v + (1 - beta2) * (np.power(g, 2) - v)\n"
                "    factor = lr * math.sqrt(1 - math.pow(beta2, t)) / (1 - math.pow(beta1, t))\n"
                "    return [w - factor * new_m / (np.sqrt(new_v) + eps), new_m, new_v]"
            ),
            "one step at a time with named corrections": (
                "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
                "    first = beta1 * m + (1.0 - beta1) * g\n"
                "    second = beta2 * v + (1.0 - beta2) * g * g\n"
                "    correction1 = 1.0 - beta1 ** t\n"
                "    correction2 = 1.0 - beta2 ** t\n"
                "    step = lr * (correction2 ** 0.5 / correction1) * first / (second ** 0.5 + eps)\n"
                "    return w - step, first, second"
            ),
        },
        "wrong": {
            "eps inside the square root (RMSprop's convention)": _adam(
                w="w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / np.sqrt(v + eps)"),
            "eps ignored (hard-coded 1e-7)": _adam(
                w="w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + 1e-7)"),
            "array methods only (m.copy(); fails on plain floats)": _adam(m="beta1 * m.copy() + (1 - beta1) * g"),
            "bias correction missing": _adam(w="w - lr * m / (np.sqrt(v) + eps)"),
            "bias correction only on m": _adam(w="w - lr / (1 - beta1**t) * m / (np.sqrt(v) + eps)"),
            "t counted from 0 (t - 1 in the correction)": _adam(
                w="w - lr * np.sqrt(1 - beta2**(t - 1)) / (1 - beta1**(t - 1)) * m / (np.sqrt(v) + eps)"),
            "beta1 and beta2 swapped": _adam(m="beta2 * m + (1 - beta2) * g", v="beta1 * v + (1 - beta1) * g**2",
                                             w="w - lr * np.sqrt(1 - beta1**t) / (1 - beta2**t) * m / (np.sqrt(v) + eps)"),
            "square root missing on v": _adam(w="w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (v + eps)"),
            "square root missing in the correction": _adam(w="w - lr * (1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps)"),
            "gradient not squared in v": _adam(v="beta2 * v + (1 - beta2) * np.abs(g)"),
            "step along g instead of m": _adam(w="w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * g / (np.sqrt(v) + eps)"),
            "sign error (steps uphill)": _adam(w="w + lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps)"),
            "updates m and v in place": (
                "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
                "    m *= beta1\n"
                "    m += (1 - beta1) * g\n"
                "    v *= beta2\n"
                "    v += (1 - beta2) * g**2\n"
                "    return w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps), m, v"
            ),
            "returns the old m and v": (
                "def adam_step(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):\n"
                "    m2 = beta1 * m + (1 - beta1) * g\n"
                "    v2 = beta2 * v + (1 - beta2) * g**2\n"
                "    return w - lr * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m2 / (np.sqrt(v2) + eps), m, v"
            ),
        },
    },
}
