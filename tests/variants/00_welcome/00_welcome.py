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
        },
        "wrong": {
            "divides by 256": "def to_unit_range(images):\n    return images.astype('float32') / 256",
            "integer division": "def to_unit_range(images):\n    return (images // 255).astype('float32')",
            "float64 result": "def to_unit_range(images):\n    return images / 255.0",
            "in-place on input": "def to_unit_range(images):\n    x = images.view()\n    out = x.astype('float32')\n    out /= 255\n    images[...] = 0\n    return out",
            "max instead of 255": "def to_unit_range(images):\n    return (images / images.max()).astype('float32')",
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
