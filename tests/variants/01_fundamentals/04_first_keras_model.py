"""Answer variants for 01_fundamentals/04_first_keras_model (see tests/test_exercises.py)."""


VARIANTS = {
    "01_sequential_model": {
        "correct": {
            'relies only on what the text promises': (
                'def build_sequential():\n'
                '    model = keras.Sequential()\n'
                '    model.add(keras.Input(shape=(784,)))\n'
                "    model.add(keras.layers.Dense(128, activation='relu'))\n"
                "    model.add(keras.layers.Dense(64, activation='relu'))\n"
                "    model.add(keras.layers.Dense(10, activation='softmax'))\n"
                '    return model\n'
            ),
            "add() calls": (
                "def build_sequential():\n"
                "    model = keras.Sequential()\n"
                "    model.add(keras.Input(shape=(784,)))\n"
                "    model.add(keras.layers.Dense(128, activation='relu'))\n"
                "    model.add(keras.layers.Dense(64, activation='relu'))\n"
                "    model.add(keras.layers.Dense(10, activation='softmax'))\n"
                "    return model"
            ),
            "loop with activation functions and layer names": (
                "def build_sequential():\n"
                "    layers = [keras.layers.Input((784,))]\n"
                "    for i, (n, act) in enumerate([(128, keras.activations.relu), (64, keras.activations.relu),\n"
                "                                  (10, keras.activations.softmax)]):\n"
                "        layers.append(keras.layers.Dense(units=n, activation=act, name=f'dense_{i}'))\n"
                "    return keras.Sequential(layers, name='digits')"
            ),
            "no Input but built with build((None, 784))": (
                "def build_sequential():\n"
                "    model = keras.Sequential([keras.layers.Dense(128, activation='relu'),\n"
                "                              keras.layers.Dense(64, activation='relu'),\n"
                "                              keras.layers.Dense(10, activation='softmax')])\n"
                "    model.build((None, 784))\n"
                "    return model"
            ),
        },
        "wrong": {
            "breaks 'keep the biases': use_bias=False on the last layer": (
                'def build_sequential():\n'
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'), keras.layers.Dense(10, activation='softmax', use_bias=False)])\n"
            ),
            "missing softmax (linear last layer)": (
                "def build_sequential():\n"
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'), keras.layers.Dense(10)])"
            ),
            "layers in wrong order (64 then 128)": (
                "def build_sequential():\n"
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(64, activation='relu'),\n"
                "                             keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(10, activation='softmax')])"
            ),
            "sigmoid output": (
                "def build_sequential():\n"
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'),\n"
                "                             keras.layers.Dense(10, activation='sigmoid')])"
            ),
            "no biases (use_bias=False)": (
                "def build_sequential():\n"
                "    return keras.Sequential([keras.Input(shape=(784,)),\n"
                "                             keras.layers.Dense(128, activation='relu', use_bias=False),\n"
                "                             keras.layers.Dense(64, activation='relu', use_bias=False),\n"
                "                             keras.layers.Dense(10, activation='softmax', use_bias=False)])"
            ),
            "no input shape (model not built)": (
                "def build_sequential():\n"
                "    return keras.Sequential([keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'),\n"
                "                             keras.layers.Dense(10, activation='softmax')])"
            ),
            "same model object every call": (
                "_the_model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                               keras.layers.Dense(64, activation='relu'),\n"
                "                               keras.layers.Dense(10, activation='softmax')])\n"
                "def build_sequential():\n"
                "    return _the_model"
            ),
            "layers created once outside, shared between models": (
                "_layers = [keras.layers.Dense(128, activation='relu'), keras.layers.Dense(64, activation='relu'),\n"
                "           keras.layers.Dense(10, activation='softmax')]\n"
                "def build_sequential():\n"
                "    return keras.Sequential([keras.Input(shape=(784,))] + _layers)"
            ),
            "functional model instead of Sequential": (
                "def build_sequential():\n"
                "    x = keras.Input(shape=(784,))\n"
                "    h = keras.layers.Dense(64, activation='relu')(keras.layers.Dense(128, activation='relu')(x))\n"
                "    return keras.Model(x, keras.layers.Dense(10, activation='softmax')(h))"
            ),
        },
    },
    "01_functional_model": {
        "correct": {
            'relies only on what the text promises': (
                'def build_functional():\n'
                '    inputs = keras.Input(shape=(784,))\n'
                '    x = inputs\n'
                "    for units, act in [(128, 'relu'), (64, 'relu'), (10, 'softmax')]:\n"
                '        x = keras.layers.Dense(units, activation=act)(x)\n'
                '    return keras.Model(inputs=inputs, outputs=x)\n'
            ),
            "loop over layer sizes": (
                "def build_functional():\n"
                "    inputs = keras.Input(shape=(784,))\n"
                "    x = inputs\n"
                "    for units, act in [(128, 'relu'), (64, 'relu'), (10, 'softmax')]:\n"
                "        x = keras.layers.Dense(units, activation=act)(x)\n"
                "    return keras.Model(inputs, x)"
            ),
            "named layers, positional Model arguments, activation functions": (
                "def build_functional():\n"
                "    x_in = keras.layers.Input(shape=(784,), name='pixels')\n"
                "    hidden1 = keras.layers.Dense(128, activation=keras.activations.relu, name='h1')(x_in)\n"
                "    hidden2 = keras.layers.Dense(64, activation=keras.activations.relu, name='h2')(hidden1)\n"
                "    probs = keras.layers.Dense(10, activation=keras.activations.softmax, name='probs')(hidden2)\n"
                "    return keras.Model(x_in, probs, name='digits_functional')"
            ),
        },
        "wrong": {
            "breaks 'not a keras.Sequential': returns a Sequential": (
                'def build_functional():\n'
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'), keras.layers.Dense(10, activation='softmax')])\n"
            ),
            "returns a Sequential": (
                "def build_functional():\n"
                "    return keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                             keras.layers.Dense(64, activation='relu'),\n"
                "                             keras.layers.Dense(10, activation='softmax')])"
            ),
            "missing the 64-unit layer": (
                "def build_functional():\n"
                "    inputs = keras.Input(shape=(784,))\n"
                "    h = keras.layers.Dense(128, activation='relu')(inputs)\n"
                "    return keras.Model(inputs, keras.layers.Dense(10, activation='softmax')(h))"
            ),
            "sigmoid hidden layers": (
                "def build_functional():\n"
                "    inputs = keras.Input(shape=(784,))\n"
                "    h = keras.layers.Dense(128, activation='sigmoid')(inputs)\n"
                "    h = keras.layers.Dense(64, activation='sigmoid')(h)\n"
                "    return keras.Model(inputs, keras.layers.Dense(10, activation='softmax')(h))"
            ),
            "linear output layer": (
                "def build_functional():\n"
                "    inputs = keras.Input(shape=(784,))\n"
                "    h = keras.layers.Dense(128, activation='relu')(inputs)\n"
                "    h = keras.layers.Dense(64, activation='relu')(h)\n"
                "    return keras.Model(inputs, keras.layers.Dense(10)(h))"
            ),
            "subclassed model instead of functional": (
                "class _Digits(keras.Model):\n"
                "    def __init__(self):\n"
                "        super().__init__()\n"
                "        self.a = keras.layers.Dense(128, activation='relu')\n"
                "        self.b = keras.layers.Dense(64, activation='relu')\n"
                "        self.c = keras.layers.Dense(10, activation='softmax')\n"
                "    def call(self, x):\n"
                "        return self.c(self.b(self.a(x)))\n"
                "def build_functional():\n"
                "    model = _Digits()\n"
                "    model(np.zeros((1, 784), dtype='float32'))\n"
                "    return model"
            ),
        },
    },
    "01_train_digits": {
        "correct": {
            'relies only on what the text promises': (
                'trained_model = build_sequential()\n'
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                'history = trained_model.fit(x_train, y_train, epochs=epochs, validation_split=0.1, verbose=0)\n'
            ),
            "functional model, optimizer and loss objects, batch size 64": (
                "trained_model = build_functional()\n"
                "trained_model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),\n"
                "                      loss=keras.losses.SparseCategoricalCrossentropy(),\n"
                "                      metrics=[keras.metrics.SparseCategoricalAccuracy()])\n"
                "history = trained_model.fit(x_train, y_train, epochs=epochs + 2, batch_size=64,\n"
                "                            validation_split=0.2, verbose=0)"
            ),
            "one-hot labels with categorical_crossentropy, own validation split": (
                "model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                          keras.layers.Dense(64, activation='relu'),\n"
                "                          keras.layers.Dense(10, activation='softmax')])\n"
                "model.compile('adam', 'categorical_crossentropy', metrics=['accuracy'])\n"
                "onehot = keras.utils.to_categorical(y_train, 10)\n"
                "history = model.fit(x_train[:1200], onehot[:1200], epochs=epochs,\n"
                "                    validation_data=(x_train[1200:], onehot[1200:]), verbose=0)\n"
                "trained_model = model"
            ),
        },
        "wrong": {
            "not trained": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "history = None"
            ),
            "categorical_crossentropy with integer labels": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])\n"
                "history = trained_model.fit(x_train, y_train, epochs=epochs, validation_split=0.1, verbose=0)"
            ),
            "trained for 0 epochs": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "history = trained_model.fit(x_train, y_train, epochs=0, validation_split=0.1, verbose=0)"
            ),
            "no validation split": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "history = trained_model.fit(x_train, y_train, epochs=epochs, verbose=0)"
            ),
            "validated on the test set": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "history = trained_model.fit(x_train, y_train, epochs=epochs, validation_data=(x_test, y_test), verbose=0)"
            ),
            "history from a different model": (
                "trained_model = build_sequential()\n"
                "trained_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "trained_model.fit(x_train, y_train, epochs=epochs, verbose=0)\n"
                "other = build_sequential()\n"
                "other.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "history = other.fit(x_train, y_train, epochs=1, validation_split=0.1, verbose=0)"
            ),
            "model without softmax (outputs scores, not probabilities)": (
                "trained_model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation='relu'),\n"
                "                                 keras.layers.Dense(64, activation='relu'), keras.layers.Dense(10)])\n"
                "trained_model.compile(optimizer='adam',\n"
                "                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),\n"
                "                      metrics=['accuracy'])\n"
                "history = trained_model.fit(x_train, y_train, epochs=epochs, validation_split=0.1, verbose=0)"
            ),
        },
    },
}
