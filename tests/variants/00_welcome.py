"""Answer variants for 00_welcome (see tests/test_answer_variants.py)."""

VARIANTS = {
    "00_unit_range": {
        "notebook": "00_welcome/00_welcome.ipynb",
        "correct": {
            "astype then divide": "def to_unit_range(images):\n    return images.astype('float32') / 255",
            "multiply by reciprocal": "def to_unit_range(images):\n    return (np.array(images, dtype=np.float32) * (1.0 / 255.0)).astype(np.float32)",
        },
        "wrong": {
            "divides by 256": "def to_unit_range(images):\n    return images.astype('float32') / 256",
            "integer division": "def to_unit_range(images):\n    return (images // 255).astype('float32')",
            "float64 result": "def to_unit_range(images):\n    return images / 255.0",
            "in-place on input": "def to_unit_range(images):\n    x = images.view()\n    out = x.astype('float32')\n    out /= 255\n    images[...] = 0\n    return out",
            "max instead of 255": "def to_unit_range(images):\n    return (images / images.max()).astype('float32')",
        },
    },
    "00_count_parameters": {
        "notebook": "00_welcome/00_welcome.ipynb",
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
        },
    },
}
