"""Answer variants for 04_rnn/02_lstm_gru (see tests/test_exercises.py)."""

# lstm_gates with one configurable mistake: the four activated blocks are returned in `ret`.
_GATES = (
    "def lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias):\n"
    "    u = recurrent_kernel.shape[0]\n"
    "    z = {z}\n"
    "    sig = lambda a: 1.0 / (1.0 + np.exp(-a))\n"
    "    zi, zf, zc, zo = z[:, :u], z[:, u:2 * u], z[:, 2 * u:3 * u], z[:, 3 * u:]\n"
    "    return {ret}\n"
)
_G_OK = dict(z="x_t @ kernel + h_prev @ recurrent_kernel + bias", ret="sig(zi), sig(zf), np.tanh(zc), sig(zo)")


def _gates(**mistake):
    return _GATES.format(**{**_G_OK, **mistake})


# lstm_step with one configurable mistake.
_STEP = (
    "def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):\n"
    "    i, f, g, o = lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias)\n"
    "    c = {c}\n"
    "    h = {h}\n"
    "    return {ret}\n"
)
_S_OK = dict(c="f * c_prev + i * g", h="o * np.tanh(c)", ret="h, c")


def _step(**mistake):
    return _STEP.format(**{**_S_OK, **mistake})


_COUNTS = (
    "def recurrent_param_count(kind, d_in, units):\n"
    "    if kind == 'SimpleRNN':\n"
    "        return {rnn}\n"
    "    if kind == 'LSTM':\n"
    "        return {lstm}\n"
    "    return {gru}\n"
)
_C_OK = dict(rnn="units * (d_in + units + 1)", lstm="4 * units * (d_in + units + 1)",
             gru="3 * units * (d_in + units) + 6 * units")


def _counts(**mistake):
    return _COUNTS.format(**{**_C_OK, **mistake})


_CNN_LSTM = (
    "def build_cnn_lstm(n_points, n_classes, units=32):\n"
    "    return keras.Sequential([\n"
    "        keras.Input(shape=(n_points,)),\n"
    "        keras.layers.Reshape({reshape}),\n"
    "        keras.layers.Conv1D(8, 9, padding={padding}, activation='relu'),\n"
    "        keras.layers.MaxPooling1D({pool}),\n"
    "        keras.layers.Conv1D(16, 9, padding={padding}, activation='relu'),\n"
    "        keras.layers.MaxPooling1D({pool}),\n"
    "        {recurrent},\n"
    "        {head},\n"
    "    ])\n"
)
_N_OK = dict(reshape="(n_points, 1)", padding="'same'", pool="4", recurrent="keras.layers.LSTM(units)",
             head="keras.layers.Dense(n_classes, activation='softmax')")


def _cnn_lstm(**mistake):
    return _CNN_LSTM.format(**{**_N_OK, **mistake})


VARIANTS = {
    "04_lstm_gates": {
        "correct": {
            "relies only on what the text promises": _gates(),
            "np.split, and the sigmoid written with tanh": (
                "def lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias):\n"
                "    z = np.dot(x_t, kernel) + np.dot(h_prev, recurrent_kernel) + bias\n"
                "    parts = np.split(z, 4, axis=1)\n"
                "    sig = lambda a: 0.5 * (1.0 + np.tanh(0.5 * a))\n"
                "    return (sig(parts[0]), sig(parts[1]), np.tanh(parts[2]), sig(parts[3]))\n"
            ),
            "one block at a time from the weight slices, returned as a list": (
                "def lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias):\n"
                "    u = len(recurrent_kernel)\n"
                "    out = []\n"
                "    for k, act in enumerate(['sig', 'sig', 'tanh', 'sig']):\n"
                "        cols = slice(k * u, (k + 1) * u)\n"
                "        a = x_t @ kernel[:, cols] + h_prev @ recurrent_kernel[:, cols] + bias[cols]\n"
                "        out.append(np.tanh(a) if act == 'tanh' else 1 / (1 + np.exp(-a)))\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "gates in the order i, f, o, c": _gates(ret="sig(zi), sig(zf), np.tanh(zo), sig(zc)"),
            "input and forget gates swapped": _gates(ret="sig(zf), sig(zi), np.tanh(zc), sig(zo)"),
            "sigmoid on the candidate": _gates(ret="sig(zi), sig(zf), sig(zc), sig(zo)"),
            "tanh on every block": _gates(ret="np.tanh(zi), np.tanh(zf), np.tanh(zc), np.tanh(zo)"),
            "bias forgotten": _gates(z="x_t @ kernel + h_prev @ recurrent_kernel"),
            "recurrent term forgotten": _gates(z="x_t @ kernel + bias"),
            "pre-activations returned": _gates(ret="zi, zf, zc, zo"),
        },
    },
    "04_lstm_step": {
        "correct": {
            "relies only on what the text promises": _step(),
            "np.multiply and np.add, a tuple built explicitly": (
                "def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):\n"
                "    gates = lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias)\n"
                "    c_new = np.add(np.multiply(gates[1], c_prev), np.multiply(gates[0], gates[2]))\n"
                "    return tuple([np.multiply(gates[3], np.tanh(c_new)), c_new])\n"
            ),
        },
        "wrong": {
            "tanh of the cell state forgotten": _step(h="o * c"),
            "input gate forgotten": _step(c="f * c_prev + g"),
            "input and forget gates swapped": _step(c="i * c_prev + f * g"),
            "memory reset at every step": _step(c="i * g"),
            "h from the old cell state": _step(h="o * np.tanh(c_prev)"),
            "(c, h) instead of (h, c)": _step(ret="c, h"),
            "c_prev changed in place": (
                "def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):\n"
                "    i, f, g, o = lstm_gates(x_t, h_prev, kernel, recurrent_kernel, bias)\n"
                "    c_prev *= f\n"
                "    c_prev += i * g\n"
                "    return o * np.tanh(c_prev), c_prev.copy()\n"
            ),
        },
    },
    "04_param_counts": {
        "correct": {
            "relies only on what the text promises": _counts(),
            "summed from the weight shapes": _counts(
                rnn="d_in * units + units * units + units",
                lstm="d_in * 4 * units + units * 4 * units + 4 * units",
                gru="d_in * 3 * units + units * 3 * units + 2 * 3 * units",
            ),
            "a table of gate blocks and bias rows, NumPy integers": (
                "def recurrent_param_count(kind, d_in, units):\n"
                "    blocks, bias_rows = {'SimpleRNN': (1, 1), 'LSTM': (4, 1), 'GRU': (3, 2)}[kind]\n"
                "    return np.prod((d_in + units, blocks * units)) + np.int64(bias_rows * blocks * units)\n"
            ),
        },
        "wrong": {
            "LSTM without its bias": _counts(lstm="4 * units * (d_in + units)"),
            "GRU with one bias row (reset_after=False)": _counts(gru="3 * units * (d_in + units + 1)"),
            "d_in and units swapped": _counts(rnn="d_in * (units + d_in + 1)", lstm="4 * d_in * (units + d_in + 1)",
                                              gru="3 * d_in * (units + d_in) + 6 * d_in"),
            "GRU counted with four blocks": _counts(gru="4 * units * (d_in + units) + 8 * units"),
            "a float": _counts(rnn="units * (d_in + units + 1.0)", lstm="4.0 * units * (d_in + units + 1)",
                               gru="3.0 * units * (d_in + units) + 6.0 * units"),
            "recurrent kernel counted as units x units in the LSTM": _counts(lstm="4 * units * (d_in + 1) + units * units"),
            "SimpleRNN without the recurrent kernel": _counts(rnn="units * (d_in + 1)"),
        },
    },
    "04_build_cnn_lstm": {
        "correct": {
            "relies only on what the text promises": _cnn_lstm(),
            "functional API with keyword arguments": (
                "def build_cnn_lstm(n_points, n_classes, units=32):\n"
                "    inp = keras.Input(shape=(n_points,))\n"
                "    x = keras.layers.Reshape(target_shape=(n_points, 1))(inp)\n"
                "    for filters in (8, 16):\n"
                "        x = keras.layers.Conv1D(filters=filters, kernel_size=9, padding='same', activation='relu')(x)\n"
                "        x = keras.layers.MaxPooling1D(pool_size=4)(x)\n"
                "    x = keras.layers.LSTM(units=units, return_sequences=False)(x)\n"
                "    return keras.Model(inp, keras.layers.Dense(units=n_classes, activation='softmax')(x))\n"
            ),
        },
        "wrong": {
            "module 03's Flatten and Dense instead of the LSTM": _cnn_lstm(
                recurrent="keras.layers.Flatten(), keras.layers.Dense(units, activation='relu')"),
            "GRU instead of LSTM": _cnn_lstm(recurrent="keras.layers.GRU(units)"),
            "units ignored": _cnn_lstm(recurrent="keras.layers.LSTM(32)"),
            "fixed input length in the Reshape": _cnn_lstm(reshape="(512, 1)"),
            "no softmax": _cnn_lstm(head="keras.layers.Dense(n_classes)"),
            "valid padding": _cnn_lstm(padding="'valid'"),
            "pooling by 2": _cnn_lstm(pool="2"),
            "returns a compiled model": (
                "def build_cnn_lstm(n_points, n_classes, units=32):\n"
                "    m = keras.Sequential([keras.Input(shape=(n_points,)), keras.layers.Reshape((n_points, 1)),\n"
                "                          keras.layers.Conv1D(8, 9, padding='same', activation='relu'),\n"
                "                          keras.layers.MaxPooling1D(4),\n"
                "                          keras.layers.Conv1D(16, 9, padding='same', activation='relu'),\n"
                "                          keras.layers.MaxPooling1D(4), keras.layers.LSTM(units),\n"
                "                          keras.layers.Dense(n_classes, activation='softmax')])\n"
                "    m.compile('adam', 'sparse_categorical_crossentropy')\n"
                "    return m\n"
            ),
        },
    },
}
