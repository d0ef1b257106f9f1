"""Answer variants for 06_transformers/04_attention_for_spectra (see tests/test_exercises.py)."""

# build_cnn_attention with one configurable mistake (functional API, as the text asks).
_HYBRID = (
    "def build_cnn_attention(n_points, n_channels, n_classes, num_heads=4, key_dim=8):\n"
    "    inputs = keras.Input(shape={input_shape})\n"
    "    h = keras.layers.Conv1D(16, 9, padding={padding}, activation='relu')(inputs)\n"
    "    h = keras.layers.MaxPooling1D({pool})(h)\n"
    "    h = keras.layers.Conv1D(32, 9, padding={padding}, activation='relu')(h)\n"
    "    h = keras.layers.MaxPooling1D({pool})(h)\n"
    "    a = {attention}\n"
    "    h = {residual}\n"
    "    h = {pooling}(h)\n"
    "    return keras.Model(inputs, {head}(h))\n"
)
_H_OK = dict(
    input_shape="(n_points, n_channels)", padding="'same'", pool="4",
    attention="keras.layers.MultiHeadAttention(num_heads, key_dim)(h, h)",
    residual="keras.layers.LayerNormalization()(keras.layers.Add()([h, a]))",
    pooling="keras.layers.GlobalAveragePooling1D()",
    head="keras.layers.Dense(n_classes, activation='softmax')",
)


def _hybrid(**mistake):
    return _HYBRID.format(**{**_H_OK, **mistake})


_SHARE = (
    "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
    "    d = np.abs(positions[:, None] - np.asarray(peak_centres, dtype=float)[None, :])\n"
    "    inside = {inside}\n"
    "    return {ret}\n"
)
_S_OK = dict(inside="(d <= half_width).any(axis=1)", ret="weights[:, inside].sum(axis=1)")


def _share(**mistake):
    return _SHARE.format(**{**_S_OK, **mistake})


VARIANTS = {
    "06_build_cnn_attention": {
        "correct": {
            "relies only on what the text promises": _hybrid(),
            "keyword arguments, a loop, query/value/key named, keras.layers.add": (
                "def build_cnn_attention(n_points, n_channels, n_classes, num_heads=4, key_dim=8):\n"
                "    inp = keras.Input(shape=(n_points, n_channels))\n"
                "    x = inp\n"
                "    for filters in (16, 32):\n"
                "        x = keras.layers.Conv1D(filters=filters, kernel_size=9, padding='same', activation='relu')(x)\n"
                "        x = keras.layers.MaxPooling1D(pool_size=4)(x)\n"
                "    mha = keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim)\n"
                "    attended = mha(query=x, value=x, key=x)\n"
                "    x = keras.layers.add([x, attended])\n"
                "    x = keras.layers.LayerNormalization()(x)\n"
                "    x = keras.layers.GlobalAveragePooling1D()(x)\n"
                "    out = keras.layers.Dense(units=n_classes, activation='softmax')(x)\n"
                "    return keras.Model(inputs=inp, outputs=out)\n"
            ),
            "layers created first, then called; the sum written with +": (
                "def build_cnn_attention(n_points, n_channels, n_classes, num_heads=4, key_dim=8):\n"
                "    L = keras.layers\n"
                "    norm, attention = L.LayerNormalization(), L.MultiHeadAttention(num_heads, key_dim, value_dim=key_dim)\n"
                "    front = [L.Conv1D(16, 9, padding='same', activation='relu'), L.MaxPooling1D(4),\n"
                "             L.Conv1D(32, 9, padding='same', activation='relu'), L.MaxPooling1D(4)]\n"
                "    inputs = keras.Input((n_points, n_channels))\n"
                "    h = inputs\n"
                "    for layer in front:\n"
                "        h = layer(h)\n"
                "    h = norm(h + attention(h, h))\n"
                "    probs = L.Dense(n_classes, activation='softmax')(L.GlobalAveragePooling1D()(h))\n"
                "    return keras.Model(inputs, probs)\n"
            ),
        },
        "wrong": {
            "num_heads and key_dim swapped (same parameter count)": _hybrid(
                attention="keras.layers.MultiHeadAttention(key_dim, num_heads)(h, h)"),
            "fixed heads and key size": _hybrid(attention="keras.layers.MultiHeadAttention(4, 8)(h, h)"),
            "dropout in the attention": _hybrid(
                attention="keras.layers.MultiHeadAttention(num_heads, key_dim, dropout=0.1)(h, h)"),
            "no residual connection": _hybrid(residual="keras.layers.LayerNormalization()(a)"),
            "no layer normalisation": _hybrid(residual="keras.layers.Add()([h, a])"),
            "normalisation before the sum (pre-norm order)": _hybrid(
                residual="keras.layers.Add()([h, keras.layers.LayerNormalization()(a)])"),
            "global max pooling": _hybrid(pooling="keras.layers.GlobalMaxPooling1D()"),
            "Flatten instead of global pooling": _hybrid(pooling="keras.layers.Flatten()"),
            "one channel whatever n_channels": _hybrid(input_shape="(n_points, 1)"),
            "no softmax": _hybrid(head="keras.layers.Dense(n_classes)"),
            "valid padding": _hybrid(padding="'valid'"),
            "pooling by 2": _hybrid(pool="2"),
            "attention before the second pooling": (
                "def build_cnn_attention(n_points, n_channels, n_classes, num_heads=4, key_dim=8):\n"
                "    inputs = keras.Input(shape=(n_points, n_channels))\n"
                "    h = keras.layers.Conv1D(16, 9, padding='same', activation='relu')(inputs)\n"
                "    h = keras.layers.MaxPooling1D(4)(h)\n"
                "    h = keras.layers.Conv1D(32, 9, padding='same', activation='relu')(h)\n"
                "    a = keras.layers.MultiHeadAttention(num_heads, key_dim)(h, h)\n"
                "    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, a]))\n"
                "    h = keras.layers.MaxPooling1D(4)(h)\n"
                "    h = keras.layers.GlobalAveragePooling1D()(h)\n"
                "    return keras.Model(inputs, keras.layers.Dense(n_classes, activation='softmax')(h))\n"
            ),
            "returns a compiled model": (
                "def build_cnn_attention(n_points, n_channels, n_classes, num_heads=4, key_dim=8):\n"
                "    inputs = keras.Input(shape=(n_points, n_channels))\n"
                "    h = keras.layers.Conv1D(16, 9, padding='same', activation='relu')(inputs)\n"
                "    h = keras.layers.MaxPooling1D(4)(h)\n"
                "    h = keras.layers.Conv1D(32, 9, padding='same', activation='relu')(h)\n"
                "    h = keras.layers.MaxPooling1D(4)(h)\n"
                "    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, keras.layers.MultiHeadAttention(num_heads, key_dim)(h, h)]))\n"
                "    m = keras.Model(inputs, keras.layers.Dense(n_classes, activation='softmax')(keras.layers.GlobalAveragePooling1D()(h)))\n"
                "    m.compile('adam', 'sparse_categorical_crossentropy')\n"
                "    return m\n"
            ),
        },
    },
    "06_attention_share": {
        "correct": {
            "relies only on what the text promises": _share(),
            "loops over spectra, positions and centres": (
                "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
                "    out = []\n"
                "    for row in weights:\n"
                "        total = 0.0\n"
                "        for w, p in zip(row, positions):\n"
                "            if any(abs(p - c) <= half_width for c in peak_centres):\n"
                "                total += w\n"
                "        out.append(total)\n"
                "    return np.array(out)\n"
            ),
            "sorted positions: searchsorted intervals, a union mask, a matrix product": (
                "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
                "    mask = np.zeros(len(positions), dtype=bool)\n"
                "    for c in np.atleast_1d(peak_centres):\n"
                "        lo = np.searchsorted(positions, c - half_width, side='left')\n"
                "        hi = np.searchsorted(positions, c + half_width, side='right')\n"
                "        mask[lo:hi] = True\n"
                "    return weights @ mask.astype(float)\n"
            ),
            "normalised by the row sums (which are 1 anyway)": _share(
                ret="weights[:, inside].sum(axis=1) / weights.sum(axis=1)"),
        },
        "wrong": {
            "overlapping windows counted twice": _share(
                inside="(d <= half_width).astype(float)", ret="weights @ inside.sum(axis=1)"),
            "window edges excluded (<)": _share(inside="(d < half_width).any(axis=1)"),
            "only the nearest window edge of the first centre": _share(inside="d[:, 0] <= half_width"),
            "half_width counted in positions, not wavenumbers": (
                "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
                "    step = positions[1] - positions[0]\n"
                "    idx = np.arange(len(positions))\n"
                "    mask = np.zeros(len(positions), dtype=bool)\n"
                "    for c in peak_centres:\n"
                "        k = np.argmin(np.abs(positions - c))\n"
                "        mask |= np.abs(idx - k) <= round(half_width / step)\n"
                "    return weights[:, mask].sum(axis=1)\n"
            ),
            "one number for all spectra (the mean)": _share(ret="weights[:, inside].sum(axis=1).mean()"),
            "mean weight in the windows instead of the total": _share(ret="weights[:, inside].mean(axis=1)"),
            "summed over the wrong axis": (
                "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
                "    d = np.abs(positions[:, None] - np.asarray(peak_centres, dtype=float)[None, :])\n"
                "    inside = (d <= half_width).any(axis=1)\n"
                "    return (weights * inside).sum(axis=0)[:weights.shape[0]]\n"
            ),
            "weights changed in place": (
                "def attention_share_on_peaks(weights, positions, peak_centres, half_width):\n"
                "    d = np.abs(positions[:, None] - np.asarray(peak_centres, dtype=float)[None, :])\n"
                "    weights *= (d <= half_width).any(axis=1)\n"
                "    return weights.sum(axis=1)\n"
            ),
        },
    },
}
