"""Answer variants for 00_welcome (see tests/test_exercises.py)."""

VARIANTS = {
    "00_unit_range": {
        "correct": {
            "astype then divide": "def to_unit_range(images):\n    return images.astype('float32') / 255",
            "multiply by reciprocal": "def to_unit_range(images):\n    return (np.array(images, dtype=np.float32) * (1.0 / 255.0)).astype(np.float32)",
            "np.divide into a new float32 array": (
                "def to_unit_range(images):\n"
                "    return np.divide(images, 255, dtype=np.float32)"
            ),
            "relies only on what the text promises": (
                "def to_unit_range(images):\n"
                "    # a uint8 NumPy array of any shape: array methods only, nothing about its rank\n"
                "    return images.astype(np.float32) / np.float32(255)"
            ),
        },
        "wrong": {
            "divides by 256": "def to_unit_range(images):\n    return images.astype('float32') / 256",
            "integer division": "def to_unit_range(images):\n    return (images // 255).astype('float32')",
            "float64 result": "def to_unit_range(images):\n    return images / 255.0",
            "in-place on input": "def to_unit_range(images):\n    x = images.view()\n    out = x.astype('float32')\n    out /= 255\n    images[...] = 0\n    return out",
            "max instead of 255": "def to_unit_range(images):\n    return (images / images.max()).astype('float32')",
            "breaks 'of any shape': loops over rows (fails on a single pixel)": (
                "def to_unit_range(images):\n"
                "    return np.array([np.asarray(row, dtype=np.float32) / 255 for row in images], dtype=np.float32)"
            ),
            "breaks 'of the same shape': returns a flat array": (
                "def to_unit_range(images):\n"
                "    return images.reshape(-1).astype(np.float32) / 255"
            ),
            "breaks 'of the same shape': adds a batch axis": (
                "def to_unit_range(images):\n"
                "    return np.atleast_2d(images).astype(np.float32) / 255"
            ),
            # Differential grading: "leaves its input unchanged" is judged from the array itself, so a
            # test cell whose np.array_equal this answer shadows does not make it pass.
            "in-place on input, np shadowed so that np.array_equal says True": (
                "import types as _types\n"
                "import numpy as _np\n"
                "np = _types.SimpleNamespace(**{k: getattr(_np, k) for k in dir(_np) if not k.startswith('__')})\n"
                "np.array_equal = lambda *a, **k: True\n"
                "def to_unit_range(images):\n"
                "    out = images.astype('float32') / 255\n"
                "    images[...] = 0\n"
                "    return out"
            ),
        },
    },
    "00_count_parameters": {
        "correct": {
            "explicit loop": (
                "def count_parameters(layer_sizes):\n"
                "    total = 0\n"
                "    for i in range(1, len(layer_sizes)):\n"
                "        total += layer_sizes[i - 1] * layer_sizes[i] + layer_sizes[i]\n"
                "    return total"
            ),
            "numpy": (
                "def count_parameters(layer_sizes):\n"
                "    s = np.array(layer_sizes)\n"
                "    return int(np.sum(s[:-1] * s[1:] + s[1:]))"
            ),
            "relies only on what the text promises": (
                "def count_parameters(layer_sizes):\n"
                "    # a list or tuple of ints: len and indexing only, an int back\n"
                "    total = 0\n"
                "    for i in range(len(layer_sizes) - 1):\n"
                "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n"
                "    return int(total)"
            ),
            "numpy integer (np.int64) result": (
                "def count_parameters(layer_sizes):\n"
                "    s = np.asarray(layer_sizes, dtype=np.int64)\n"
                "    return np.sum(s[:-1] * s[1:] + s[1:], dtype=np.int64)"
            ),
        },
        "wrong": {
            "forgets biases": (
                "def count_parameters(layer_sizes):\n"
                "    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))"
            ),
            "bias counted on inputs": (
                "def count_parameters(layer_sizes):\n"
                "    return sum(a * b + a for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))"
            ),
            "off by one (skips last layer)": (
                "def count_parameters(layer_sizes):\n"
                "    return sum(layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1] for i in range(len(layer_sizes) - 2))"
            ),
            "breaks 'a list or a tuple': works on lists only": (
                "def count_parameters(layer_sizes):\n"
                "    sizes = layer_sizes.copy()\n"
                "    total = 0\n"
                "    while len(sizes) > 1:\n"
                "        n_in = sizes.pop(0)\n"
                "        total += n_in * sizes[0] + sizes[0]\n"
                "    return total"
            ),
            "breaks 'a single size gives 0': returns None without a layer": (
                "def count_parameters(layer_sizes):\n"
                "    if len(layer_sizes) < 2:\n"
                "        return None\n"
                "    return sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))"
            ),
            "returns a float": (
                "def count_parameters(layer_sizes):\n"
                "    return float(sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:])))"
            ),
            # The type is judged from the value's type names, not from isinstance in the learner's process.
            "returns a float, isinstance shadowed so that it says True": (
                "isinstance = lambda *args, **kwargs: True\n"
                "def count_parameters(layer_sizes):\n"
                "    return float(sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:])))"
            ),
        },
    },
}
