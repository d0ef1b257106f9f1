"""Answer variants for 04_rnn/03_forecasting (see tests/test_exercises.py)."""

# A loop version of make_windows with one configurable mistake, to keep the wrong variants short.
_WINDOWS_LOOP = (
    "def make_windows(series, window, horizon):\n"
    "    s = np.asarray(series, dtype=float)\n"
    "    n = {n}\n"
    "    X = np.zeros((n, window))\n"
    "    Y = np.zeros((n, {width}))\n"
    "    for i in range(n):\n"
    "        X[i] = s[i:i + window]\n"
    "        Y[i] = s[{y_start}:{y_start} + {width}]\n"
    "    return {ret}\n"
)
_W_OK = dict(n="len(s) - window - horizon + 1", width="horizon", y_start="i + window", ret="X, Y")


def _windows(**mistake):
    return _WINDOWS_LOOP.format(**{**_W_OK, **mistake})


# A loop version of recursive_forecast with one configurable mistake.
_RECURSIVE_LOOP = (
    "def recursive_forecast(predict_next, window_values, steps):\n"
    "    w = {copy}\n"
    "    out = np.zeros((w.shape[0], steps))\n"
    "    for k in range(steps):\n"
    "        p = {predict}\n"
    "        out[:, k] = p\n"
    "        w = {slide}\n"
    "    return out\n"
)
_R_OK = dict(copy="np.array(window_values, dtype=float)", predict="np.asarray(predict_next(w), dtype=float)",
             slide="np.concatenate([w[:, 1:], p[:, None]], axis=1)")


def _recursive(**mistake):
    return _RECURSIVE_LOOP.format(**{**_R_OK, **mistake})


VARIANTS = {
    "04_make_windows": {
        "correct": {
            "relies only on what the text promises": (
                "def make_windows(series, window, horizon):\n"
                "    # a 1-D NumPy array: len() and slices; float output of the stated shapes\n"
                "    n = len(series) - window - horizon + 1\n"
                "    X = np.zeros((n, window))\n"
                "    Y = np.zeros((n, horizon))\n"
                "    for i in range(n):\n"
                "        X[i] = series[i:i + window]\n"
                "        Y[i] = series[i + window:i + window + horizon]\n"
                "    return X, Y\n"
            ),
            "sliding_window_view": (
                "def make_windows(series, window, horizon):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    both = sliding_window_view(np.asarray(series, dtype=float), window + horizon)\n"
                "    return both[:, :window].copy(), both[:, window:].copy()\n"
            ),
            "list comprehensions": (
                "def make_windows(series, window, horizon):\n"
                "    starts = range(len(series) - window - horizon + 1)\n"
                "    X = np.array([series[i:i + window] for i in starts], dtype=float)\n"
                "    Y = np.array([series[i + window:i + window + horizon] for i in starts], dtype=float)\n"
                "    return X, Y\n"
            ),
            "fancy indexing with an index grid": (
                "def make_windows(series, window, horizon):\n"
                "    s = np.asarray(series).astype(np.float64)\n"
                "    n = s.size - window - horizon + 1\n"
                "    idx = np.arange(n)[:, None] + np.arange(window + horizon)[None, :]\n"
                "    grid = s[idx]\n"
                "    return grid[:, :window], grid[:, window:]\n"
            ),
            "returns a list [X, Y]": (
                "def make_windows(series, window, horizon):\n"
                "    s = np.array(series, dtype=float)\n"
                "    X, Y = [], []\n"
                "    i = 0\n"
                "    while i + window + horizon <= len(s):\n"
                "        X.append(s[i:i + window])\n"
                "        Y.append(s[i + window:i + window + horizon])\n"
                "        i += 1\n"
                "    return [np.array(X), np.array(Y)]\n"
            ),
        },
        "wrong": {
            "target leaks: Y starts at the window's last value": _windows(y_start="i + window - 1"),
            "Y starts one step too late": _windows(y_start="i + window + 1",
                                                   n="len(s) - window - horizon"),
            "Y one value too short (horizon - 1)": _windows(width="horizon - 1"),
            "n one too small (range(len - window - horizon))": _windows(n="len(s) - window - horizon"),
            "X and Y swapped": _windows(ret="Y, X"),
            "integer output for an integer series (breaks: float arrays)": (
                "def make_windows(series, window, horizon):\n"
                "    n = len(series) - window - horizon + 1\n"
                "    X = np.stack([series[i:i + window] for i in range(n)])\n"
                "    Y = np.stack([series[i + window:i + window + horizon] for i in range(n)])\n"
                "    return X, Y\n"
            ),
            "mutates the series (breaks: leave series unchanged)": (
                "def make_windows(series, window, horizon):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    both = sliding_window_view(np.asarray(series, dtype=float), window + horizon)\n"
                "    X, Y = both[:, :window].copy(), both[:, window:].copy()\n"
                "    series[:] = 0   # 'free' the input\n"
                "    return X, Y\n"
            ),
            "windows of window + 1 values": (
                "def make_windows(series, window, horizon):\n"
                "    s = np.asarray(series, dtype=float)\n"
                "    n = len(s) - window - horizon + 1\n"
                "    X = np.stack([s[i:i + window + 1] for i in range(n)])\n"
                "    Y = np.stack([s[i + window:i + window + horizon] for i in range(n)])\n"
                "    return X, Y\n"
            ),
        },
    },
    "04_mae_per_horizon": {
        "correct": {
            "relies only on what the text promises": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return np.mean(np.abs(y_true - y_pred), axis=0)\n"
            ),
            "loop over the columns": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)\n"
                "    out = np.zeros(y_true.shape[1])\n"
                "    for h in range(y_true.shape[1]):\n"
                "        out[h] = np.abs(y_true[:, h] - y_pred[:, h]).sum() / y_true.shape[0]\n"
                "    return out\n"
            ),
            "sklearn mean_absolute_error raw_values": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    from sklearn.metrics import mean_absolute_error\n"
                "    return mean_absolute_error(y_true, y_pred, multioutput='raw_values')\n"
            ),
            "absolute difference via sqrt of square": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    d = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)\n"
                "    return np.sqrt(d ** 2).mean(axis=0)\n"
            ),
        },
        "wrong": {
            "mean over the wrong axis (per window)": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return np.abs(y_true - y_pred).mean(axis=1)\n"
            ),
            "squared error": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return ((y_true - y_pred) ** 2).mean(axis=0)\n"
            ),
            "signed error (no abs)": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return (y_true - y_pred).mean(axis=0)\n"
            ),
            "a single number": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return float(np.abs(y_true - y_pred).mean())\n"
            ),
            "root mean squared error": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return np.sqrt(((y_true - y_pred) ** 2).mean(axis=0))\n"
            ),
            "abs of the mean error": (
                "def mae_per_horizon(y_true, y_pred):\n"
                "    return np.abs((y_true - y_pred).mean(axis=0))\n"
            ),
        },
    },
    "04_recursive_forecast": {
        "correct": {
            "relies only on what the text promises": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    current = window_values.astype(float)      # a new float array: the caller's stays as it is\n"
                "    columns = []\n"
                "    for _ in range(steps):\n"
                "        nxt = predict_next(current)\n"
                "        columns.append(nxt)\n"
                "        current = np.column_stack([current[:, 1:], nxt])\n"
                "    return np.column_stack(columns).astype(float)\n"
            ),
            "in-place shift of a float copy": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w = np.array(window_values, dtype=float, copy=True)\n"
                "    out = np.empty((w.shape[0], steps))\n"
                "    for k in range(steps):\n"
                "        p = predict_next(w)\n"
                "        out[:, k] = p\n"
                "        w[:, :-1] = w[:, 1:].copy()\n"
                "        w[:, -1] = p\n"
                "    return out\n"
            ),
            "np.roll then overwrite the last column": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w = np.asarray(window_values, dtype=float)\n"
                "    preds = []\n"
                "    for _ in range(steps):\n"
                "        p = np.asarray(predict_next(w), dtype=float)\n"
                "        preds.append(p)\n"
                "        w = np.roll(w, -1, axis=1)\n"
                "        w[:, -1] = p\n"
                "    return np.stack(preds, axis=1)\n"
            ),
            "one long buffer, read the last `window` values": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w0 = np.asarray(window_values, dtype=float)\n"
                "    width = w0.shape[1]\n"
                "    buf = np.concatenate([w0, np.zeros((w0.shape[0], steps))], axis=1)\n"
                "    for k in range(steps):\n"
                "        buf[:, width + k] = predict_next(buf[:, k:k + width])\n"
                "    return buf[:, width:]\n"
            ),
        },
        "wrong": {
            "appends the prediction at the front": _recursive(
                slide="np.concatenate([p[:, None], w[:, :-1]], axis=1)"),
            "never drops the oldest value (window grows)": _recursive(
                slide="np.concatenate([w, p[:, None]], axis=1)"),
            "drops the newest value instead of the oldest": _recursive(
                slide="np.concatenate([w[:, :-2], w[:, -1:], p[:, None]], axis=1)"),
            "uses the first prediction for all steps": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    p = np.asarray(predict_next(np.asarray(window_values, dtype=float)), dtype=float)\n"
                "    return np.repeat(p[:, None], steps, axis=1)\n"
            ),
            "mutates window_values in place (breaks: leave window_values unchanged)": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w = window_values\n"
                "    out = np.zeros((w.shape[0], steps))\n"
                "    for k in range(steps):\n"
                "        p = predict_next(w)\n"
                "        out[:, k] = p\n"
                "        w[:, :-1] = w[:, 1:].copy()\n"
                "        w[:, -1] = p\n"
                "    return out\n"
            ),
            "copy keeps the integer dtype (breaks: may hold integers)": _recursive(
                copy="np.array(window_values)",
                slide="np.concatenate([w[:, 1:], p[:, None].astype(w.dtype)], axis=1)"),
            "one step too few (range(steps - 1))": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w = np.array(window_values, dtype=float)\n"
                "    out = []\n"
                "    for _ in range(steps - 1):\n"
                "        p = predict_next(w)\n"
                "        out.append(p)\n"
                "        w = np.concatenate([w[:, 1:], p[:, None]], axis=1)\n"
                "    return np.stack(out, axis=1) if out else np.zeros((w.shape[0], 0))\n"
            ),
            "predictions and windows transposed (steps, batch)": (
                "def recursive_forecast(predict_next, window_values, steps):\n"
                "    w = np.array(window_values, dtype=float)\n"
                "    out = []\n"
                "    for _ in range(steps):\n"
                "        p = predict_next(w)\n"
                "        out.append(p)\n"
                "        w = np.concatenate([w[:, 1:], p[:, None]], axis=1)\n"
                "    return np.array(out)\n"
            ),
        },
    },
}
