"""Answer variants for 05_generative/01_autoencoders (see tests/test_exercises.py)."""

_AE = (
    "def build_dense_autoencoder(input_dim, latent_dim, hidden=128):\n"
    "    encoder = keras.Sequential([keras.Input(shape=({enc_in},)),\n"
    "                                keras.layers.Dense({enc_hidden}, activation='relu'),\n"
    "                                keras.layers.Dense(latent_dim{code_act})])\n"
    "    decoder = keras.Sequential([keras.Input(shape=(latent_dim,)),\n"
    "                                keras.layers.Dense(hidden, activation='relu'),\n"
    "                                keras.layers.Dense(input_dim{out_act})])\n"
    "    return {ret}\n"
)
_AE_OK = dict(enc_in="input_dim", enc_hidden="hidden", code_act="", out_act=", activation='sigmoid'",
              ret="encoder, decoder")


def _ae(**mistake):
    return _AE.format(**{**_AE_OK, **mistake})


_REPORT = (
    "from sklearn.metrics import roc_auc_score\n"
    "def anomaly_report(val_normal_errors, test_errors, test_is_anomaly, false_alarm_rate=0.01):\n"
    "    t = {threshold}\n"
    "    flagged = {flagged}\n"
    "    is_anomaly = np.asarray(test_is_anomaly, dtype=bool)\n"
    "    tp = np.sum(flagged & is_anomaly)\n"
    "    precision = {precision}\n"
    "    recall = {recall}\n"
    "    return {{'threshold': float(t), 'precision': float(precision), 'recall': float(recall),\n"
    "            'auc': float({auc})}}\n"
)
_R_OK = dict(
    threshold="choose_threshold(val_normal_errors, false_alarm_rate)",
    flagged="np.asarray(test_errors) > t",
    precision="tp / flagged.sum() if flagged.sum() > 0 else 0.0",
    recall="tp / is_anomaly.sum()",
    auc="roc_auc_score(is_anomaly, test_errors)",
)


def _report(**mistake):
    return _REPORT.format(**{**_R_OK, **mistake})


VARIANTS = {
    "05_build_dense_autoencoder": {
        "correct": {
            "relies only on what the text promises": _ae(),
            "functional API with keyword arguments": (
                "def build_dense_autoencoder(input_dim, latent_dim, hidden=128):\n"
                "    x_in = keras.Input(shape=(input_dim,))\n"
                "    code = keras.layers.Dense(units=latent_dim, activation=None)(\n"
                "        keras.layers.Dense(units=hidden, activation='relu')(x_in))\n"
                "    z_in = keras.Input(shape=(latent_dim,))\n"
                "    out = keras.layers.Dense(units=input_dim, activation='sigmoid')(\n"
                "        keras.layers.Dense(units=hidden, activation='relu')(z_in))\n"
                "    return (keras.Model(x_in, code, name='encoder'), keras.Model(z_in, out, name='decoder'))\n"
            ),
        },
        "wrong": {
            "relu on the code": _ae(code_act=", activation='relu'"),
            "no sigmoid on the reconstruction": _ae(out_act=""),
            "hidden size fixed at 128": _ae(enc_hidden="128"),
            "encoder for a fixed 784 inputs": _ae(enc_in="784"),
            "(decoder, encoder) instead of (encoder, decoder)": _ae(ret="decoder, encoder"),
            "the chained autoencoder returned with the encoder": _ae(ret="encoder, keras.Sequential([encoder, decoder])"),
        },
    },
    "05_reconstruction_errors": {
        "correct": {
            "relies only on what the text promises": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return ((x - x_hat) ** 2).reshape(x.shape[0], -1).mean(axis=1)\n"
            ),
            "mean over a tuple of axes": (
                "def reconstruction_errors(x, x_hat):\n"
                "    d = np.subtract(x, x_hat)\n"
                "    return np.mean(np.square(d), axis=tuple(range(1, d.ndim)))\n"
            ),
            "a loop over the examples": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return np.array([np.mean((a - b) ** 2) for a, b in zip(x, x_hat)])\n"
            ),
        },
        "wrong": {
            "sum instead of mean": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return ((x - x_hat) ** 2).reshape(len(x), -1).sum(axis=1)\n"
            ),
            "root mean squared error": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return np.sqrt(((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1))\n"
            ),
            "mean over the last axis only": (
                "def reconstruction_errors(x, x_hat):\n"
                "    e = ((x - x_hat) ** 2).mean(axis=-1)\n"
                "    return e\n"
            ),
            "mean absolute error": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return np.abs(x - x_hat).reshape(len(x), -1).mean(axis=1)\n"
            ),
            "one number for the whole batch": (
                "def reconstruction_errors(x, x_hat):\n"
                "    return np.full(len(x), np.mean((x - x_hat) ** 2))\n"
            ),
            "x changed in place": (
                "def reconstruction_errors(x, x_hat):\n"
                "    x -= x_hat\n"
                "    x **= 2\n"
                "    return x.reshape(len(x), -1).mean(axis=1)\n"
            ),
        },
    },
    "05_choose_threshold": {
        "correct": {
            "relies only on what the text promises": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    k = int(np.floor(false_alarm_rate * len(normal_errors)))\n"
                "    return float(np.sort(normal_errors)[::-1][k])\n"
            ),
            "np.quantile with the inverted CDF": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    n = len(normal_errors)\n"
                "    k = int(np.floor(false_alarm_rate * n))\n"
                "    return float(np.quantile(normal_errors, (n - k) / n, method='inverted_cdf'))\n"
            ),
            "scan the sorted errors from the smallest": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    for t in sorted(normal_errors):\n"
                "        if np.mean(np.asarray(normal_errors) > t) <= false_alarm_rate:\n"
                "            return float(t)\n"
            ),
        },
        "wrong": {
            "np.quantile with linear interpolation": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    return float(np.quantile(normal_errors, 1 - false_alarm_rate))\n"
            ),
            "the quantile at the rate, not at 1 - rate": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    k = int(np.floor(false_alarm_rate * len(normal_errors)))\n"
                "    return float(np.sort(normal_errors)[k])\n"
            ),
            "off by one: the k-th largest": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    k = int(np.floor(false_alarm_rate * len(normal_errors)))\n"
                "    return float(np.sort(normal_errors)[::-1][max(k - 1, 0)])\n"
            ),
            "mean plus three standard deviations": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    return float(np.mean(normal_errors) + 3 * np.std(normal_errors))\n"
            ),
            "the largest error, whatever the rate": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    return float(np.max(normal_errors))\n"
            ),
            "rounding up the allowed false alarms": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    k = int(np.ceil(false_alarm_rate * len(normal_errors)))\n"
                "    return float(np.sort(normal_errors)[::-1][min(k, len(normal_errors) - 1)])\n"
            ),
            "sorts the input in place": (
                "def choose_threshold(normal_errors, false_alarm_rate):\n"
                "    normal_errors.sort()\n"
                "    k = int(np.floor(false_alarm_rate * len(normal_errors)))\n"
                "    return float(normal_errors[::-1][k])\n"
            ),
        },
    },
    "05_anomaly_report": {
        "correct": {
            "relies only on what the text promises": _report(),
            "sklearn's precision and recall": (
                "from sklearn.metrics import precision_score, recall_score, roc_auc_score\n"
                "def anomaly_report(val_normal_errors, test_errors, test_is_anomaly, false_alarm_rate=0.01):\n"
                "    t = choose_threshold(val_normal_errors, false_alarm_rate)\n"
                "    pred = test_errors > t\n"
                "    return dict(threshold=float(t),\n"
                "                precision=float(precision_score(test_is_anomaly, pred, zero_division=0.0)),\n"
                "                recall=float(recall_score(test_is_anomaly, pred)),\n"
                "                auc=float(roc_auc_score(test_is_anomaly, test_errors)))\n"
            ),
        },
        "wrong": {
            "threshold chosen on the normal test examples": _report(
                threshold="choose_threshold(np.asarray(test_errors)[~np.asarray(test_is_anomaly, dtype=bool)], false_alarm_rate)"),
            "threshold chosen on all test errors": _report(threshold="choose_threshold(test_errors, false_alarm_rate)"),
            "flagged at or above the threshold": _report(flagged="np.asarray(test_errors) >= t"),
            "precision and recall swapped": _report(precision="tp / is_anomaly.sum()",
                                                    recall="tp / flagged.sum() if flagged.sum() > 0 else 0.0"),
            "AUC of the 0/1 flags instead of the errors": _report(auc="roc_auc_score(is_anomaly, flagged)"),
            "false_alarm_rate ignored": _report(threshold="choose_threshold(val_normal_errors, 0.01)"),
        },
    },
}
