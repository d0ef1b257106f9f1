"""Answer variants for 03_cnn/04_transfer_and_beyond (see tests/test_exercises.py)."""


VARIANTS = {
    "03_feature_extractor": {
        "correct": {
            "relies only on what the text promises": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    inputs = keras.Input(shape=base.input_shape[1:])\n"
                "    outputs = keras.layers.Dense(n_classes, activation='softmax')(base(inputs))\n"
                "    return keras.Model(inputs, outputs)\n"
            ),
            "Sequential of the base and the head": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    return keras.Sequential([base, keras.layers.Dense(n_classes, activation='softmax')])\n"
            ),
            "functional, training=False, freezes after building, separate softmax layer": (
                "def make_feature_extractor(base, n_classes):\n"
                "    inputs = keras.layers.Input(shape=tuple(base.inputs[0].shape[1:]))\n"
                "    logits = keras.layers.Dense(n_classes)(base(inputs, training=False))\n"
                "    model = keras.Model(inputs=inputs, outputs=keras.layers.Activation('softmax')(logits))\n"
                "    for layer in base.layers:\n"
                "        layer.trainable = False\n"
                "    return model\n"
            ),
        },
        "wrong": {
            "compiled before it is returned (breaks: return the model, not compiled)": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    inputs = keras.Input(shape=base.input_shape[1:])\n"
                "    model = keras.Model(inputs, keras.layers.Dense(n_classes, activation='softmax')(base(inputs)))\n"
                "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
                "    return model\n"
            ),
            "base left trainable": (
                "def make_feature_extractor(base, n_classes):\n"
                "    inputs = keras.Input(shape=base.input_shape[1:])\n"
                "    outputs = keras.layers.Dense(n_classes, activation='softmax')(base(inputs))\n"
                "    return keras.Model(inputs, outputs)\n"
            ),
            "everything frozen, the new head too": (
                "def make_feature_extractor(base, n_classes):\n"
                "    inputs = keras.Input(shape=base.input_shape[1:])\n"
                "    outputs = keras.layers.Dense(n_classes, activation='softmax')(base(inputs))\n"
                "    model = keras.Model(inputs, outputs)\n"
                "    model.trainable = False\n"
                "    return model\n"
            ),
            "number of classes hard-coded to 4": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    return keras.Sequential([base, keras.layers.Dense(4, activation='softmax')])\n"
            ),
            "no softmax on the head": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    return keras.Sequential([base, keras.layers.Dense(n_classes)])\n"
            ),
            "sigmoid instead of softmax": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    return keras.Sequential([base, keras.layers.Dense(n_classes, activation='sigmoid')])\n"
            ),
            "a re-initialised copy of the base (clone_model)": (
                "def make_feature_extractor(base, n_classes):\n"
                "    copy = keras.models.clone_model(base)\n"
                "    copy.trainable = False\n"
                "    return keras.Sequential([copy, keras.layers.Dense(n_classes, activation='softmax')])\n"
            ),
            "an extra hidden Dense layer in the head": (
                "def make_feature_extractor(base, n_classes):\n"
                "    base.trainable = False\n"
                "    return keras.Sequential([base, keras.layers.Dense(16, activation='relu'),\n"
                "                             keras.layers.Dense(n_classes, activation='softmax')])\n"
            ),
        },
    },
    "03_freeze": {
        "correct": {
            "relies only on what the text promises": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    n = len(model.layers)\n"
                "    for i, layer in enumerate(model.layers):\n"
                "        layer.trainable = i >= n - n_trainable_from_top\n"
                "    return model\n"
            ),
            "slices, with n = 0 handled": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    cut = len(model.layers) - n_trainable_from_top\n"
                "    for layer in model.layers[:cut]:\n"
                "        layer.trainable = False\n"
                "    for layer in model.layers[cut:]:\n"
                "        layer.trainable = True\n"
                "    return model\n"
            ),
            "counting from the top with reversed()": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    for k, layer in enumerate(reversed(model.layers)):\n"
                "        layer.trainable = k < n_trainable_from_top\n"
                "    return model\n"
            ),
        },
        "wrong": {
            "only unfreezes the top, leaves the rest as it was": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    for layer in model.layers[len(model.layers) - n_trainable_from_top:]:\n"
                "        layer.trainable = True\n"
                "    return model\n"
            ),
            "freezes the whole model, then unfreezes the top layers": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = False\n"
                "    for layer in model.layers[len(model.layers) - n_trainable_from_top:]:\n"
                "        layer.trainable = True\n"
                "    return model\n"
            ),
            "unfreezes from the bottom instead of the top": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    for i, layer in enumerate(model.layers):\n"
                "        layer.trainable = i < n_trainable_from_top\n"
                "    return model\n"
            ),
            "layers[-n:] slice (n = 0 unfreezes everything)": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    for layer in model.layers:\n"
                "        layer.trainable = False\n"
                "    for layer in model.layers[-n_trainable_from_top:]:\n"
                "        layer.trainable = True\n"
                "    return model\n"
            ),
            "forgets model.trainable = True": (
                "def freeze(model, n_trainable_from_top):\n"
                "    cut = len(model.layers) - n_trainable_from_top\n"
                "    for i, layer in enumerate(model.layers):\n"
                "        layer.trainable = i >= cut\n"
                "    return model\n"
            ),
            "off by one (one layer too many trainable)": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    cut = len(model.layers) - n_trainable_from_top - 1\n"
                "    for i, layer in enumerate(model.layers):\n"
                "        layer.trainable = i >= cut\n"
                "    return model\n"
            ),
            "sets model.trainable = True last (which unfreezes every layer again)": (
                "def freeze(model, n_trainable_from_top):\n"
                "    for k, layer in enumerate(reversed(model.layers)):\n"
                "        layer.trainable = k < n_trainable_from_top\n"
                "    model.trainable = True\n"
                "    return model\n"
            ),
            "returns nothing": (
                "def freeze(model, n_trainable_from_top):\n"
                "    model.trainable = True\n"
                "    cut = len(model.layers) - n_trainable_from_top\n"
                "    for i, layer in enumerate(model.layers):\n"
                "        layer.trainable = i >= cut\n"
            ),
        },
    },
    "03_box_iou": {
        "correct": {
            "relies only on what the text promises": (
                "def box_iou(a, b):\n"
                "    # arrays or nested lists of shape (n, 4): convert first, then whole columns\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.maximum(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0)\n"
                "    inter = h * w\n"
                "    union = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter\n"
                "    return inter / union\n"
            ),
            "unpacking the columns with .T": (
                "def box_iou(a, b):\n"
                "    ay0, ax0, ay1, ax1 = np.asarray(a, dtype=float).T\n"
                "    by0, bx0, by1, bx1 = np.asarray(b, dtype=float).T\n"
                "    h = np.clip(np.minimum(ay1, by1) - np.maximum(ay0, by0), 0, None)\n"
                "    w = np.clip(np.minimum(ax1, bx1) - np.maximum(ax0, bx0), 0, None)\n"
                "    inter = h * w\n"
                "    union = (ay1 - ay0) * (ax1 - ax0) + (by1 - by0) * (bx1 - bx0) - inter\n"
                "    return inter / union\n"
            ),
            "stacked corners with ellipsis indexing": (
                "def box_iou(a, b):\n"
                "    a, b = np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)\n"
                "    lo = np.maximum(a[..., :2], b[..., :2])\n"
                "    hi = np.minimum(a[..., 2:], b[..., 2:])\n"
                "    inter = np.prod(np.maximum(hi - lo, 0), axis=-1)\n"
                "    area = lambda z: np.prod(z[..., 2:] - z[..., :2], axis=-1)\n"
                "    return inter / (area(a) + area(b) - inter)\n"
            ),
        },
        "wrong": {
            "uses the inputs as arrays (breaks: a and b may be nested lists)": (
                "def box_iou(a, b):\n"
                "    h = np.maximum(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0)\n"
                "    inter = h * w\n"
                "    return inter / ((a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter)\n"
            ),
            "no clamp at zero for disjoint boxes": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0])\n"
                "    w = np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1])\n"
                "    inter = h * w\n"
                "    area = lambda z: (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])\n"
                "    return inter / (area(a) + area(b) - inter)\n"
            ),
            "clamps the product, not each side": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0])\n"
                "    w = np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1])\n"
                "    inter = np.maximum(h * w, 0)\n"
                "    area = lambda z: (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])\n"
                "    return inter / (area(a) + area(b) - inter)\n"
            ),
            "union without subtracting the intersection": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.maximum(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0)\n"
                "    area = lambda z: (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])\n"
                "    return h * w / (area(a) + area(b))\n"
            ),
            "coordinates read as (y_min, y_max, x_min, x_max)": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.maximum(np.minimum(a[:, 1], b[:, 1]) - np.maximum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 2], b[:, 2]), 0)\n"
                "    inter = h * w\n"
                "    area = lambda z: np.abs((z[:, 1] - z[:, 0]) * (z[:, 3] - z[:, 2]))\n"
                "    return inter / (area(a) + area(b) - inter)\n"
            ),
            "intersection over the smaller box, not the union": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.maximum(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0)\n"
                "    area = lambda z: (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])\n"
                "    return h * w / np.minimum(area(a), area(b))\n"
            ),
            "max and min swapped for the intersection": (
                "def box_iou(a, b):\n"
                "    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n"
                "    h = np.maximum(np.maximum(a[:, 2], b[:, 2]) - np.minimum(a[:, 0], b[:, 0]), 0)\n"
                "    w = np.maximum(np.maximum(a[:, 3], b[:, 3]) - np.minimum(a[:, 1], b[:, 1]), 0)\n"
                "    inter = h * w\n"
                "    area = lambda z: (z[:, 2] - z[:, 0]) * (z[:, 3] - z[:, 1])\n"
                "    return inter / (area(a) + area(b) - inter)\n"
            ),
        },
    },
}
