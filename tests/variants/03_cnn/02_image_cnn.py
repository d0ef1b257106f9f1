"""Answer variants for 03_cnn/02_image_cnn (see tests/test_exercises.py)."""


_CNN_FUNCTIONAL = (
    "def build_cnn(input_shape, n_classes):\n"
    "    inputs = keras.Input(shape=input_shape)\n"
    "    x = keras.layers.Conv2D(16, (3, 3), padding='same', activation='relu')(inputs)\n"
    "    x = keras.layers.MaxPooling2D(pool_size=(2, 2))(x)\n"
    "    x = keras.layers.Conv2D(32, (3, 3), padding='same', activation='relu')(x)\n"
    "    x = keras.layers.MaxPooling2D(pool_size=(2, 2))(x)\n"
    "    x = keras.layers.Flatten()(x)\n"
    "    x = keras.layers.Dropout(rate=0.5)(x)\n"
    "    x = keras.layers.Dense(64, activation='relu')(x)\n"
    "    outputs = keras.layers.Dense(n_classes, activation='softmax')(x)\n"
    "    return keras.Model(inputs=inputs, outputs=outputs)\n"
)


def _cnn(conv1="keras.layers.Conv2D(16, 3, padding='same', activation='relu')",
         pool1="keras.layers.MaxPooling2D(2)",
         conv2="keras.layers.Conv2D(32, 3, padding='same', activation='relu')",
         pool2="keras.layers.MaxPooling2D(2)",
         head="keras.layers.Dense(n_classes, activation='softmax')",
         inp="keras.Input(shape=input_shape)",
         drop="keras.layers.Dropout(0.5)",
         dense="keras.layers.Dense(64, activation='relu')"):
    layers = [inp, conv1, pool1, conv2, pool2, "keras.layers.Flatten()", drop, dense, head]
    body = ",\n        ".join(l for l in layers if l)
    return f"def build_cnn(input_shape, n_classes):\n    return keras.Sequential([\n        {body},\n    ])\n"


_AUG_ALWAYS_ON = (
    "class _AlwaysAugment(keras.layers.Layer):\n"
    "    def __init__(self, inner, **kwargs):\n"
    "        super().__init__(**kwargs)\n"
    "        self.inner = inner\n"
    "    def call(self, x, training=None):\n"
    "        return self.inner(x, training=True)\n"
    "    def get_config(self):\n"
    "        return self.inner.get_config()\n"
    "\n"
    "def make_augmentation(max_degrees, max_shift, max_zoom, image_size=28):\n"
    "    f = max_shift / image_size\n"
    "    layers = [keras.layers.RandomRotation(max_degrees / 360, fill_mode='constant'),\n"
    "              keras.layers.RandomTranslation(f, f, fill_mode='constant'),\n"
    "              keras.layers.RandomZoom(max_zoom, fill_mode='constant')]\n"
    "    wrapped = [_AlwaysAugment(l) for l in layers]\n"
    "    for w, l in zip(wrapped, layers):\n"
    "        w.__class__ = type(type(l).__name__, (_AlwaysAugment,), {})\n"
    "    return keras.Sequential(wrapped)\n"
)


def _aug(rot="keras.layers.RandomRotation(max_degrees / 360, fill_mode='constant')",
         trans="keras.layers.RandomTranslation(max_shift / image_size, max_shift / image_size, fill_mode='constant')",
         zoom="keras.layers.RandomZoom(max_zoom, fill_mode='constant')"):
    layers = ",\n        ".join(l for l in (rot, trans, zoom) if l)
    return ("def make_augmentation(max_degrees, max_shift, max_zoom, image_size=28):\n"
            f"    return keras.Sequential([\n        {layers},\n    ])\n")


VARIANTS = {
    "03_build_cnn": {
        "correct": {
            "relies only on what the text promises": _cnn(),
            "functional API with tuple sizes": _CNN_FUNCTIONAL,
            "Sequential built with add(), keyword arguments and the MaxPool2D alias": (
                "def build_cnn(input_shape, n_classes):\n"
                "    model = keras.Sequential()\n"
                "    model.add(keras.Input(shape=tuple(input_shape)))\n"
                "    for filters in (16, 32):\n"
                "        model.add(keras.layers.Conv2D(filters=filters, kernel_size=(3, 3), strides=1,\n"
                "                                      padding='same', activation='relu'))\n"
                "        model.add(keras.layers.MaxPool2D(pool_size=2, strides=2))\n"
                "    model.add(keras.layers.Flatten())\n"
                "    model.add(keras.layers.Dropout(1 / 2))\n"
                "    model.add(keras.layers.Dense(units=64, activation=keras.activations.relu))\n"
                "    model.add(keras.layers.Dense(units=n_classes, activation='softmax'))\n"
                "    return model\n"
            ),
        },
        "wrong": {
            "no pooling layers": _cnn(pool1="", pool2=""),
            "compiled before it is returned (breaks: a new, uncompiled model)": (
                _cnn().replace("def build_cnn(input_shape, n_classes):\n    return keras.Sequential(",
                               "def _plain_cnn(input_shape, n_classes):\n    return keras.Sequential(")
                + "def build_cnn(input_shape, n_classes):\n"
                "    model = _plain_cnn(input_shape, n_classes)\n"
                "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
                "    return model\n"
            ),
            "no softmax on the output": _cnn(head="keras.layers.Dense(n_classes)"),
            "sigmoid on the output": _cnn(head="keras.layers.Dense(n_classes, activation='sigmoid')"),
            "valid padding (the default)": _cnn(
                conv1="keras.layers.Conv2D(16, 3, activation='relu')",
                conv2="keras.layers.Conv2D(32, 3, activation='relu')"),
            "input shape fixed to (28, 28, 1)": _cnn(inp="keras.Input(shape=(28, 28, 1))"),
            "always 10 classes": _cnn(head="keras.layers.Dense(10, activation='softmax')"),
            "no ReLU on the convolutions": _cnn(
                conv1="keras.layers.Conv2D(16, 3, padding='same')",
                conv2="keras.layers.Conv2D(32, 3, padding='same')"),
            "average pooling instead of max pooling": _cnn(
                pool1="keras.layers.AveragePooling2D(2)", pool2="keras.layers.AveragePooling2D(2)"),
            "filters in the wrong order (32, then 16)": _cnn(
                conv1="keras.layers.Conv2D(32, 3, padding='same', activation='relu')",
                conv2="keras.layers.Conv2D(16, 3, padding='same', activation='relu')"),
            "no dropout": _cnn(drop=""),
            "dropout rate 0.2": _cnn(drop="keras.layers.Dropout(0.2)"),
            "dropout after the hidden dense layer": _cnn(
                drop="keras.layers.Dense(64, activation='relu')", dense="keras.layers.Dropout(0.5)"),
            "5x5 kernels": _cnn(
                conv1="keras.layers.Conv2D(16, 5, padding='same', activation='relu')",
                conv2="keras.layers.Conv2D(32, 5, padding='same', activation='relu')"),
            "the same model object for the same arguments (cached)": (
                "_built = {}\n"
                + _cnn().replace("def build_cnn(input_shape, n_classes):\n    return keras.Sequential(",
                                 "def _build_cnn_once(input_shape, n_classes):\n    return keras.Sequential(")
                + "def build_cnn(input_shape, n_classes):\n"
                "    key = (tuple(input_shape), n_classes)\n"
                "    if key not in _built:\n"
                "        _built[key] = _build_cnn_once(input_shape, n_classes)\n"
                "    return _built[key]\n"
            ),
        },
    },
    "03_augment": {
        "correct": {
            "relies only on what the text promises": _aug(),
            "explicit (low, high) ranges, other order, add()": (
                "def make_augmentation(max_degrees, max_shift, max_zoom, image_size=28):\n"
                "    turn = max_degrees / 360.0\n"
                "    frac = float(max_shift) / float(image_size)\n"
                "    aug = keras.Sequential()\n"
                "    aug.add(keras.layers.RandomZoom(height_factor=(-max_zoom, max_zoom), fill_mode='constant'))\n"
                "    aug.add(keras.layers.RandomRotation(factor=(-turn, turn), fill_mode='constant', fill_value=0.0))\n"
                "    aug.add(keras.layers.RandomTranslation(height_factor=(-frac, frac), width_factor=(-frac, frac),\n"
                "                                           fill_mode='constant'))\n"
                "    return aug\n"
            ),
            "radians converted to turns, zoom width given explicitly": (
                "import math\n"
                "def make_augmentation(max_degrees, max_shift, max_zoom, image_size=28):\n"
                "    turns = math.radians(max_degrees) / (2 * math.pi)\n"
                "    return keras.Sequential([\n"
                "        keras.layers.RandomTranslation(max_shift / image_size, max_shift / image_size, fill_mode='constant'),\n"
                "        keras.layers.RandomRotation(turns, fill_mode='constant'),\n"
                "        keras.layers.RandomZoom(max_zoom, width_factor=max_zoom, fill_mode='constant'),\n"
                "    ])\n"
            ),
        },
        "wrong": {
            "degrees passed as the rotation factor": _aug(
                rot="keras.layers.RandomRotation(max_degrees, fill_mode='constant')"),
            "degrees divided by 180": _aug(
                rot="keras.layers.RandomRotation(max_degrees / 180, fill_mode='constant')"),
            "radians passed as the rotation factor": _aug(
                rot="keras.layers.RandomRotation(np.deg2rad(max_degrees), fill_mode='constant')"),
            "shift in pixels, not a fraction": _aug(
                trans="keras.layers.RandomTranslation(max_shift, max_shift, fill_mode='constant')"),
            "image size fixed to 28": _aug(
                trans="keras.layers.RandomTranslation(max_shift / 28, max_shift / 28, fill_mode='constant')"),
            "width shift left in pixels": _aug(
                trans="keras.layers.RandomTranslation(max_shift / image_size, max_shift, fill_mode='constant')"),
            "default fill mode (reflect)": _aug(
                rot="keras.layers.RandomRotation(max_degrees / 360)",
                trans="keras.layers.RandomTranslation(max_shift / image_size, max_shift / image_size)",
                zoom="keras.layers.RandomZoom(max_zoom)"),
            "no zoom layer": _aug(zoom=""),
            "flip instead of zoom": _aug(zoom="keras.layers.RandomFlip('horizontal')"),
            "augmentation forced on at inference": _AUG_ALWAYS_ON,
            "the same pipeline object for the same arguments (cached)": (
                "_pipelines = {}\n"
                + _aug().replace("def make_augmentation(", "def _make_augmentation_once(")
                + "def make_augmentation(max_degrees, max_shift, max_zoom, image_size=28):\n"
                "    key = (max_degrees, max_shift, max_zoom, image_size)\n"
                "    if key not in _pipelines:\n"
                "        _pipelines[key] = _make_augmentation_once(max_degrees, max_shift, max_zoom, image_size)\n"
                "    return _pipelines[key]\n"
            ),
        },
    },
    "03_feature_maps": {
        "correct": {
            "relies only on what the text promises": (
                "def feature_maps(model, layer_name, image):\n"
                "    sub = keras.Model(inputs=model.inputs, outputs=model.get_layer(layer_name).output)\n"
                "    return sub.predict(image[np.newaxis], verbose=0)[0]\n"
            ),
            "direct call with training=False, expand_dims and convert_to_numpy": (
                "def feature_maps(model, layer_name, image):\n"
                "    layer = model.get_layer(layer_name)\n"
                "    sub = keras.Model(model.inputs[0], layer.output)\n"
                "    batch = np.expand_dims(np.asarray(image, dtype=np.float32), axis=0)\n"
                "    out = sub(batch, training=False)\n"
                "    return keras.ops.convert_to_numpy(out)[0]\n"
            ),
            "layer by layer in inference mode": (
                "def feature_maps(model, layer_name, image):\n"
                "    h = np.asarray(image, dtype='float32')[None, ...]\n"
                "    for layer in model.layers:\n"
                "        if isinstance(layer, keras.layers.InputLayer):\n"
                "            continue\n"
                "        h = layer(h, training=False)\n"
                "        if layer.name == layer_name:\n"
                "            break\n"
                "    return np.array(h)[0]\n"
            ),
        },
        "wrong": {
            "returns a Keras tensor (breaks: a NumPy array)": (
                "def feature_maps(model, layer_name, image):\n"
                "    sub = keras.Model(inputs=model.inputs, outputs=model.get_layer(layer_name).output)\n"
                "    return sub(np.asarray(image, 'float32')[None], training=False)[0]\n"
            ),
            "keeps the batch axis": (
                "def feature_maps(model, layer_name, image):\n"
                "    sub = keras.Model(model.inputs, model.get_layer(layer_name).output)\n"
                "    return sub.predict(np.asarray(image, 'float32')[None], verbose=0)\n"
            ),
            "calls the sub-model without training=False (augments)": (
                "def feature_maps(model, layer_name, image):\n"
                "    sub = keras.Model(model.inputs[0], model.get_layer(layer_name).output)\n"
                "    return keras.ops.convert_to_numpy(sub(np.asarray(image, 'float32')[None]))[0]\n"
            ),
            "the layer's input instead of its output": (
                "def feature_maps(model, layer_name, image):\n"
                "    sub = keras.Model(model.inputs, model.get_layer(layer_name).input)\n"
                "    return sub.predict(np.asarray(image, 'float32')[None], verbose=0)[0]\n"
            ),
            "the model's final output": (
                "def feature_maps(model, layer_name, image):\n"
                "    return model.predict(np.asarray(image, 'float32')[None], verbose=0)[0]\n"
            ),
            "always the first layer": (
                "def feature_maps(model, layer_name, image):\n"
                "    first = [l for l in model.layers if not isinstance(l, keras.layers.InputLayer)][0]\n"
                "    sub = keras.Model(model.inputs, first.output)\n"
                "    return sub.predict(np.asarray(image, 'float32')[None], verbose=0)[0]\n"
            ),
            "layer loop stops one layer early": (
                "def feature_maps(model, layer_name, image):\n"
                "    h = np.asarray(image, dtype='float32')[None, ...]\n"
                "    for layer in model.layers:\n"
                "        if isinstance(layer, keras.layers.InputLayer):\n"
                "            continue\n"
                "        if layer.name == layer_name:\n"
                "            break\n"
                "        h = layer(h, training=False)\n"
                "    return np.array(h)[0]\n"
            ),
        },
    },
}
