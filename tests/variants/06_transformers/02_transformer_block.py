"""Answer variants for 06_transformers/02_transformer_block (see tests/test_exercises.py)."""

# positional_encoding with one configurable step.
_PE = (
    "def positional_encoding(length, depth):\n"
    "    p = np.arange({start}, length + {start}, dtype=float)[:, None]\n"
    "    i = np.arange(depth // 2, dtype=float)[None, :]\n"
    "    angles = {angles}\n"
    "    out = np.zeros((length, depth))\n"
    "    {fill}\n"
    "    return out\n"
)
_PE_OK = dict(start="0", angles="p / 10000.0 ** (2 * i / depth)",
              fill="out[:, 0::2] = np.sin(angles); out[:, 1::2] = np.cos(angles)")


def _pe(**mistake):
    return _PE.format(**{**_PE_OK, **mistake})


# layer_norm with one configurable step.
_LN = (
    "def layer_norm(x, gamma, beta, epsilon=1e-6):\n"
    "    {prep}\n"
    "    mean = x.mean(axis={axis}, keepdims=True)\n"
    "    var = {var}\n"
    "    return {out}\n"
)
_LN_OK = dict(prep="x = np.asarray(x, dtype=float)", axis="-1", var="x.var(axis=-1, keepdims=True)",
              out="gamma * (x - mean) / np.sqrt(var + epsilon) + beta")


def _ln(**mistake):
    return _LN.format(**{**_LN_OK, **mistake})


# EncoderBlock with configurable sub-layers and call.
_BLOCK = (
    "class EncoderBlock(keras.layers.Layer):\n"
    "    def __init__(self, d_model, num_heads, key_dim, ff_dim, dropout=0.0, **kwargs):\n"
    "        super().__init__(**kwargs)\n"
    "        self.attention = keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim={key_dim})\n"
    "        self.norm_1 = keras.layers.LayerNormalization(epsilon={eps})\n"
    "        self.norm_2 = keras.layers.LayerNormalization(epsilon={eps})\n"
    "        self.ffn_in = keras.layers.Dense(ff_dim, activation={act_in})\n"
    "        self.ffn_out = keras.layers.Dense(d_model, activation={act_out})\n"
    "        self.drop_1 = keras.layers.Dropout({rate})\n"
    "        self.drop_2 = keras.layers.Dropout({rate})\n"
    "\n"
    "    def call(self, x, training=None):\n"
    "        {first}\n"
    "        {second}\n"
    "        return out\n"
)
_B_OK = dict(key_dim="key_dim", eps="1e-6", act_in="'relu'", act_out="None", rate="dropout",
             first="h = self.norm_1(x + self.drop_1(self.attention(x, x), training=training))",
             second="out = self.norm_2(h + self.drop_2(self.ffn_out(self.ffn_in(h)), training=training))")


def _block(**mistake):
    return _BLOCK.format(**{**_B_OK, **mistake})


VARIANTS = {
    "06_positional_encoding": {
        "correct": {
            "relies only on what the text promises (loops)": (
                "import math\n"
                "def positional_encoding(length, depth):\n"
                "    out = np.zeros((length, depth))\n"
                "    for p in range(length):\n"
                "        for i in range(depth // 2):\n"
                "            angle = p / 10000 ** (2 * i / depth)\n"
                "            out[p, 2 * i] = math.sin(angle)\n"
                "            out[p, 2 * i + 1] = math.cos(angle)\n"
                "    return out\n"
            ),
            "frequencies as exp(-log(10000) 2i/d), float32, stacked": (
                "def positional_encoding(length, depth):\n"
                "    freq = np.exp(-np.log(10000.0) * np.arange(0, depth, 2) / depth)\n"
                "    angles = np.outer(np.arange(length), freq)\n"
                "    return np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(length, depth).astype('float32')\n"
            ),
            "keras_hub.layers.SinePositionEncoding": (
                "def positional_encoding(length, depth):\n"
                "    import keras_hub\n"
                "    zeros = np.zeros((1, length, depth), dtype='float32')\n"
                "    return keras.ops.convert_to_numpy(keras_hub.layers.SinePositionEncoding()(zeros))[0]\n"
            ),
        },
        "wrong": {
            "sin and cos swapped": _pe(fill="out[:, 0::2] = np.cos(angles); out[:, 1::2] = np.sin(angles)"),
            "sin in the first half, cos in the second (concatenated)": _pe(
                fill="out[:, :depth // 2] = np.sin(angles); out[:, depth // 2:] = np.cos(angles)"),
            "exponent i/depth instead of 2i/depth": _pe(angles="p / 10000.0 ** (i / depth)"),
            "sign of the exponent flipped": _pe(angles="p / 10000.0 ** (-2 * i / depth)"),
            "column index j instead of 2i in every column": (
                "def positional_encoding(length, depth):\n"
                "    p = np.arange(length)[:, None]\n"
                "    j = np.arange(depth)[None, :]\n"
                "    angles = p / 10000.0 ** (j / depth)\n"
                "    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))\n"
            ),
            "positions start at 1": _pe(start="1"),
            "a fixed depth of 512 in the exponent": _pe(angles="p / 10000.0 ** (2 * i / 512)"),
            "integer array": _pe(fill="out = out.astype(int); out[:, 0::2] = np.sin(angles); out[:, 1::2] = np.cos(angles)"),
        },
    },
    "06_layer_norm": {
        "correct": {
            "relies only on what the text promises (np.std, no conversion)": (
                "def layer_norm(x, gamma, beta, epsilon=1e-6):\n"
                "    centred = x - np.mean(x, axis=-1, keepdims=True)\n"
                "    return centred / np.sqrt(np.mean(centred ** 2, axis=-1, keepdims=True) + epsilon) * gamma + beta\n"
            ),
            "moves the last axis first and loops": (
                "def layer_norm(x, gamma, beta, epsilon=1e-6):\n"
                "    flat = np.array(x, dtype=float).reshape(-1, np.shape(x)[-1])\n"
                "    out = np.empty_like(flat)\n"
                "    for r, row in enumerate(flat):\n"
                "        out[r] = gamma * (row - row.mean()) / (row.var() + epsilon) ** 0.5 + beta\n"
                "    return out.reshape(np.shape(x))\n"
            ),
        },
        "wrong": {
            "normalises over the first axis": _ln(axis="0", var="x.var(axis=0, keepdims=True)"),
            "normalises over the whole array": _ln(axis="None", var="x.var()"),
            "sample variance (ddof=1)": _ln(var="x.var(axis=-1, ddof=1, keepdims=True)"),
            "epsilon added to the standard deviation": _ln(out="gamma * (x - mean) / (np.sqrt(var) + epsilon) + beta"),
            "epsilon ignored": _ln(out="gamma * (x - mean) / np.sqrt(var) + beta"),
            "gamma and beta swapped": _ln(out="beta * (x - mean) / np.sqrt(var + epsilon) + gamma"),
            "shifts before scaling": _ln(out="gamma * ((x - mean) / np.sqrt(var + epsilon) + beta)"),
            "changes x in place": (
                "def layer_norm(x, gamma, beta, epsilon=1e-6):\n"
                "    x -= x.mean(axis=-1, keepdims=True)\n"
                "    x /= np.sqrt(x.var(axis=-1, keepdims=True) + epsilon)\n"
                "    return gamma * x + beta\n"
            ),
        },
    },
    "06_encoder_block": {
        "correct": {
            "relies only on what the text promises (keras.layers.Add, one dropout layer)": (
                "class EncoderBlock(keras.layers.Layer):\n"
                "    def __init__(self, d_model, num_heads, key_dim, ff_dim, dropout=0.0, **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.attention = keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim)\n"
                "        self.ffn_in = keras.layers.Dense(ff_dim, activation='relu')\n"
                "        self.ffn_out = keras.layers.Dense(d_model)\n"
                "        self.norm_2 = keras.layers.LayerNormalization(epsilon=1e-6)\n"
                "        self.norm_1 = keras.layers.LayerNormalization(epsilon=1e-6)\n"
                "        self.drop = keras.layers.Dropout(dropout)\n"
                "        self.add = keras.layers.Add()\n"
                "\n"
                "    def call(self, x, training=None):\n"
                "        attended = self.attention(query=x, value=x, key=x)\n"
                "        h = self.norm_1(self.add([x, self.drop(attended)]))\n"
                "        return self.norm_2(self.add([h, self.drop(self.ffn_out(self.ffn_in(h)))]))\n"
            ),
            "dropout also inside the attention, ops.add": (
                "class EncoderBlock(keras.layers.Layer):\n"
                "    def __init__(self, d_model, num_heads, key_dim, ff_dim, dropout=0.0, **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.attention = keras.layers.MultiHeadAttention(num_heads, key_dim, dropout=dropout)\n"
                "        self.norm_1, self.norm_2 = (keras.layers.LayerNormalization(epsilon=1e-6) for _ in range(2))\n"
                "        self.ffn_in = keras.layers.Dense(ff_dim, activation=keras.activations.relu)\n"
                "        self.ffn_out = keras.layers.Dense(d_model)\n"
                "        self.dropouts = [keras.layers.Dropout(dropout), keras.layers.Dropout(dropout)]\n"
                "\n"
                "    def call(self, x, training=None):\n"
                "        h = self.norm_1(keras.ops.add(x, self.dropouts[0](self.attention(x, x, training=training), training=training)))\n"
                "        f = self.ffn_out(self.ffn_in(h))\n"
                "        return self.norm_2(keras.ops.add(h, self.dropouts[1](f, training=training)))\n"
            ),
        },
        "wrong": {
            "no residual around the attention": _block(first="h = self.norm_1(self.drop_1(self.attention(x, x)))"),
            "no residual around the feed-forward network": _block(
                second="out = self.norm_2(self.drop_2(self.ffn_out(self.ffn_in(h))))"),
            "normalises before each sub-layer (pre-norm)": _block(
                first="h = x + self.drop_1(self.attention(self.norm_1(x), self.norm_1(x)))",
                second="out = h + self.drop_2(self.ffn_out(self.ffn_in(self.norm_2(h))))"),
            "feed-forward network without the second Dense": _block(
                second="out = self.norm_2(h + self.drop_2(self.ffn_in(h)))"),
            "no relu in the feed-forward network": _block(act_in="None"),
            "relu after the second Dense too": _block(act_out="'relu'"),
            "key_dim = d_model // num_heads": _block(key_dim="d_model // num_heads"),
            "Keras's default epsilon (1e-3)": _block(eps="1e-3"),
            "the two norms swapped": _block(
                first="h = self.norm_2(x + self.drop_1(self.attention(x, x)))",
                second="out = self.norm_1(h + self.drop_2(self.ffn_out(self.ffn_in(h))))"),
            "no dropout": _block(rate="0.0"),
            "attention keys and values from the wrong tensor (zeros)": _block(
                first="h = self.norm_1(x + self.drop_1(self.attention(x, keras.ops.zeros_like(x))))"),
        },
    },
}
