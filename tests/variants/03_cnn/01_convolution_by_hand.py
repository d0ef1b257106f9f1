"""Answer variants for 03_cnn/01_convolution_by_hand (see tests/test_exercises.py)."""


# A correct conv2d loop with a configurable mistake, to keep the wrong variants short and readable.
_CONV2D_LOOP = (
    "def conv2d(image, kernel, stride=1, padding=0):\n"
    "    x = {pad}\n"
    "    k = {kernel}\n"
    "    kh, kw = k.shape\n"
    "    oh, ow = {size}\n"
    "    out = np.zeros((oh, ow))\n"
    "    for i in range(oh):\n"
    "        for j in range(ow):\n"
    "            r, c = {start}\n"
    "            out[i, j] = np.sum(x[r:r + kh, c:c + kw] * k)\n"
    "    return out\n"
)
_OK = dict(
    pad="np.pad(np.asarray(image, dtype=float), padding)",
    kernel="np.asarray(kernel, dtype=float)",
    size="(x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1",
    start="i * stride, j * stride",
)


def _conv2d(**mistake):
    return _CONV2D_LOOP.format(**{**_OK, **mistake})


_DENSE_OK = "def dense_param_count(n_inputs, units):\n    return (n_inputs + 1) * units\n"
_CONV_OK = "def conv_param_count(kh, kw, in_channels, filters):\n    return (kh * kw * in_channels + 1) * filters\n"

VARIANTS = {
    "03_output_size": {
        "correct": {
            "math.floor": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    import math\n"
                "    return math.floor((n + 2 * padding - k) / stride) + 1\n"
            ),
            "count window starts": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    return len(range(0, n + 2 * padding - k + 1, stride))\n"
            ),
            "np.floor float result": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    return np.floor((n + 2 * padding - k) / stride) + 1\n"
            ),
            "int() truncation": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    padded = n + 2 * padding\n"
                "    return int((padded - k) / stride) + 1\n"
            ),
            "relies only on what the text promises": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    return (n + 2 * padding - k) // stride + 1\n"
            ),
        },
        "wrong": {
            "no + 1 (off by one)": "def conv_output_size(n, k, stride=1, padding=0):\n    return (n + 2 * padding - k) // stride\n",
            "padding on one side only": "def conv_output_size(n, k, stride=1, padding=0):\n    return (n + padding - k) // stride + 1\n",
            "true division": "def conv_output_size(n, k, stride=1, padding=0):\n    return (n + 2 * padding - k) / stride + 1\n",
            "stride ignored": "def conv_output_size(n, k, stride=1, padding=0):\n    return n + 2 * padding - k + 1\n",
            "ceil instead of floor": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    return -(-(n + 2 * padding - k) // stride) + 1\n"
            ),
            "+ 1 inside the division": "def conv_output_size(n, k, stride=1, padding=0):\n    return (n + 2 * padding - k + 1) // stride\n",
            "padding added after the division": (
                "def conv_output_size(n, k, stride=1, padding=0):\n"
                "    return (n - k) // stride + 1 + 2 * padding\n"
            ),
        },
    },
    "03_conv2d": {
        "correct": {
            "relies only on what the text promises": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    # NumPy arrays as the text says: .shape, np.pad, a float output of the stated size\n"
                "    padded = np.pad(image, padding)\n"
                "    kh, kw = kernel.shape\n"
                "    h, w = image.shape\n"
                "    out = np.zeros((conv_output_size(h, kh, stride, padding), conv_output_size(w, kw, stride, padding)))\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            window = padded[i * stride:i * stride + kh, j * stride:j * stride + kw]\n"
                "            out[i, j] = np.sum(window * kernel)\n"
                "    return out\n"
            ),
            "only what the text promises: NumPy arrays used as given, sizes from conv_output_size": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    padded = np.pad(image, padding)\n"
                "    kh, kw = kernel.shape\n"
                "    out = np.zeros((conv_output_size(image.shape[0], kh, stride, padding),\n"
                "                    conv_output_size(image.shape[1], kw, stride, padding)))\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            out[i, j] = np.sum(padded[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)\n"
                "    return out\n"
            ),
            "loop over kernel offsets (vectorised over positions)": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    x = np.pad(np.asarray(image, dtype=float), ((padding, padding), (padding, padding)), mode='constant')\n"
                "    k = np.asarray(kernel, dtype=float)\n"
                "    kh, kw = k.shape\n"
                "    oh = (x.shape[0] - kh) // stride + 1\n"
                "    ow = (x.shape[1] - kw) // stride + 1\n"
                "    out = np.zeros((oh, ow))\n"
                "    for a in range(kh):\n"
                "        for b in range(kw):\n"
                "            out += k[a, b] * x[a:a + stride * (oh - 1) + 1:stride, b:b + stride * (ow - 1) + 1:stride]\n"
                "    return out\n"
            ),
            "sliding_window_view + einsum": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    x = np.pad(np.asarray(image, dtype=float), padding)\n"
                "    k = np.asarray(kernel, dtype=float)\n"
                "    win = sliding_window_view(x, k.shape)[::stride, ::stride]\n"
                "    return np.einsum('ijab,ab->ij', win, k)\n"
            ),
            "zero canvas instead of np.pad, while loops": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    image = np.array(image, dtype=float)\n"
                "    kernel = np.array(kernel, dtype=float)\n"
                "    h, w = image.shape\n"
                "    x = np.zeros((h + 2 * padding, w + 2 * padding))\n"
                "    x[padding:padding + h, padding:padding + w] = image\n"
                "    rows = []\n"
                "    r = 0\n"
                "    while r + kernel.shape[0] <= x.shape[0]:\n"
                "        row, c = [], 0\n"
                "        while c + kernel.shape[1] <= x.shape[1]:\n"
                "            row.append((x[r:r + kernel.shape[0], c:c + kernel.shape[1]] * kernel).sum())\n"
                "            c += stride\n"
                "        rows.append(row)\n"
                "        r += stride\n"
                "    return np.array(rows)\n"
            ),
            "scipy correlate2d, then every stride-th value": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    x = np.pad(np.asarray(image, dtype=float), padding)\n"
                "    return signal.correlate2d(x, np.asarray(kernel, dtype=float), mode='valid')[::stride, ::stride]\n"
            ),
        },
        "wrong": {
            "flipped kernel (true convolution)": _conv2d(kernel="np.flip(np.asarray(kernel, dtype=float))"),
            "scipy convolve2d (flips the kernel)": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    x = np.pad(np.asarray(image, dtype=float), padding)\n"
                "    return signal.convolve2d(x, np.asarray(kernel, dtype=float), mode='valid')[::stride, ::stride]\n"
            ),
            "transposed kernel": _conv2d(kernel="np.asarray(kernel, dtype=float).T"),
            "off-by-one output size (no + 1)": _conv2d(size="(x.shape[0] - kh) // stride, (x.shape[1] - kw) // stride"),
            "padding on one side only": _conv2d(pad="np.pad(np.asarray(image, dtype=float), ((padding, 0), (padding, 0)))"),
            "padding ignored": _conv2d(pad="np.asarray(image, dtype=float)"),
            "stride ignored": _conv2d(size="x.shape[0] - kh + 1, x.shape[1] - kw + 1", start="i, j"),
            "stride only in the output size (windows start at i, j)": _conv2d(start="i, j"),
            "stride only on the rows": _conv2d(size="(x.shape[0] - kh) // stride + 1, x.shape[1] - kw + 1",
                                               start="i * stride, j"),
            "padding only on the rows (breaks: padding on all four sides)": _conv2d(
                pad="np.pad(np.asarray(image, dtype=float), ((padding, padding), (0, 0)))"),
            "output with the image's dtype (breaks: a float array, also for an integer image)": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    x = np.pad(image, padding)\n"
                "    kh, kw = kernel.shape\n"
                "    out = np.zeros_like(x)[:(x.shape[0] - kh) // stride + 1, :(x.shape[1] - kw) // stride + 1]\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            out[i, j] = np.sum(x[i * stride:i * stride + kh, j * stride:j * stride + kw] * kernel)\n"
                "    return out\n"
            ),
            "changes the caller's image (breaks: leave image unchanged)": (
                "def conv2d(image, kernel, stride=1, padding=0):\n"
                "    from scipy import signal as sg\n"
                "    out = sg.correlate2d(np.pad(np.asarray(image, dtype=float), padding), np.asarray(kernel, dtype=float),\n"
                "                         mode='valid')[::stride, ::stride]\n"
                "    image[...] = 0   # 'free' the input\n"
                "    return out\n"
            ),
        },
    },
    "03_conv_layer": {
        "correct": {
            "relies only on what the text promises": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    # x and kernels are NumPy arrays; bias an array or a list, so only indexed\n"
                "    h, w, cin = x.shape\n"
                "    kh, kw, _, cout = kernels.shape\n"
                "    out = np.zeros((conv_output_size(h, kh, stride, padding), conv_output_size(w, kw, stride, padding), cout))\n"
                "    for f in range(cout):\n"
                "        for c in range(cin):\n"
                "            out[:, :, f] += conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding)\n"
                "        out[:, :, f] += bias[f]\n"
                "    return out\n"
            ),
            "only what the text promises: arrays used as given, bias indexed (list or array)": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    maps = []\n"
                "    for f in range(kernels.shape[3]):\n"
                "        total = conv2d(x[:, :, 0], kernels[:, :, 0, f], stride, padding)\n"
                "        for c in range(1, x.shape[2]):\n"
                "            total = total + conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding)\n"
                "        maps.append(total + bias[f])\n"
                "    return np.stack(maps, axis=-1)\n"
            ),
            # A mistake in conv2d costs the points of Exercise 2 only, not those of conv_layer too.
            "correct, but built on a conv2d that flips the kernel": (
                _conv2d(kernel="np.flip(np.asarray(kernel, dtype=float))") +
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) for c in range(x.shape[2]))\n"
                "                     + bias[f] for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "conv2d per filter and channel, accumulate in an array": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    kernels = np.asarray(kernels, dtype=float)\n"
                "    kh, kw, cin, cout = kernels.shape\n"
                "    oh = conv_output_size(x.shape[0], kh, stride, padding)\n"
                "    ow = conv_output_size(x.shape[1], kw, stride, padding)\n"
                "    out = np.zeros((oh, ow, cout))\n"
                "    for f in range(cout):\n"
                "        for c in range(cin):\n"
                "            out[:, :, f] += conv2d(x[:, :, c], kernels[:, :, c, f], stride=stride, padding=padding)\n"
                "    return out + np.asarray(bias, dtype=float)\n"
            ),
            "sliding_window_view + einsum over channels": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    x = np.pad(np.asarray(x, dtype=float), ((padding, padding), (padding, padding), (0, 0)))\n"
                "    k = np.asarray(kernels, dtype=float)\n"
                "    win = sliding_window_view(x, k.shape[:2], axis=(0, 1))[::stride, ::stride]   # (oh, ow, cin, kh, kw)\n"
                "    return np.einsum('ijcab,abcf->ijf', win, k) + np.asarray(bias, dtype=float)\n"
            ),
            "loop over kernel offsets, matrix product over channels": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x = np.pad(np.asarray(x, dtype=float), [(padding, padding), (padding, padding), (0, 0)])\n"
                "    k = np.asarray(kernels, dtype=float)\n"
                "    kh, kw = k.shape[:2]\n"
                "    oh = (x.shape[0] - kh) // stride + 1\n"
                "    ow = (x.shape[1] - kw) // stride + 1\n"
                "    out = np.zeros((oh, ow, k.shape[3])) + np.asarray(bias, dtype=float)\n"
                "    for a in range(kh):\n"
                "        for b in range(kw):\n"
                "            out += x[a:a + stride * (oh - 1) + 1:stride, b:b + stride * (ow - 1) + 1:stride, :] @ k[a, b]\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "forgot the bias": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) for c in range(x.shape[2]))\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "only the first input channel": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([conv2d(x[:, :, 0], kernels[:, :, 0, f], stride, padding) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "mean over channels instead of sum": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([np.mean([conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) for c in range(x.shape[2])], axis=0)\n"
                "                     + bias[f] for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "bias added once per input channel": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) + bias[f] for c in range(x.shape[2]))\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "channels first output (C_out, H, W)": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) for c in range(x.shape[2])) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=0)\n"
            ),
            "each filter only on its own channel (no sum over channels)": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    cin = x.shape[2]\n"
                "    return np.stack([conv2d(x[:, :, f % cin], kernels[:, :, f % cin, f], stride, padding) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "flipped kernels": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], np.flip(kernels[:, :, c, f]), stride, padding) for c in range(x.shape[2])) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "stride ignored": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], 1, padding) for c in range(x.shape[2])) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "padding ignored (breaks: padding means what it means in conv2d)": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    x, kernels = np.asarray(x, dtype=float), np.asarray(kernels, dtype=float)\n"
                "    return np.stack([sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, 0) for c in range(x.shape[2])) + bias[f]\n"
                "                     for f in range(kernels.shape[3])], axis=-1)\n"
            ),
            "bias used with .shape (breaks: bias may be a list)": (
                "def conv_layer(x, kernels, bias, stride=1, padding=0):\n"
                "    maps = [sum(conv2d(x[:, :, c], kernels[:, :, c, f], stride, padding) for c in range(x.shape[2]))\n"
                "            for f in range(bias.shape[0])]\n"
                "    return np.stack(maps, axis=-1) + bias\n"
            ),
        },
    },
    "03_pooling": {
        "correct": {
            "relies only on what the text promises": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    h, w = x.shape\n"
                "    out = np.zeros((conv_output_size(h, size, stride), conv_output_size(w, size, stride)))\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            window = x[i * stride:i * stride + size, j * stride:j * stride + size]\n"
                "            out[i, j] = np.max(window) if mode == 'max' else np.sum(window) / (size * size)\n"
                "    return out\n"
            ),
            "only what the text promises: x used as given, a float output array": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    out = np.zeros((conv_output_size(x.shape[0], size, stride), conv_output_size(x.shape[1], size, stride)))\n"
                "    for i in range(out.shape[0]):\n"
                "        for j in range(out.shape[1]):\n"
                "            w = x[i * stride:i * stride + size, j * stride:j * stride + size]\n"
                "            out[i, j] = w.max() if mode == 'max' else w.mean()\n"
                "    return out\n"
            ),
            "sliding_window_view": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    win = sliding_window_view(np.asarray(x, dtype=float), (size, size))[::stride, ::stride]\n"
                "    return win.max(axis=(2, 3)) if mode == 'max' else win.mean(axis=(2, 3))\n"
            ),
            "lists of windows": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    x = np.array(x, dtype=float)\n"
                "    rows = []\n"
                "    for r in range(0, x.shape[0] - size + 1, stride):\n"
                "        row = []\n"
                "        for c in range(0, x.shape[1] - size + 1, stride):\n"
                "            w = x[r:r + size, c:c + size]\n"
                "            row.append(w.max() if mode == 'max' else w.sum() / w.size)\n"
                "        rows.append(row)\n"
                "    return np.array(rows)\n"
            ),
            "loop over window offsets (vectorised over positions)": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    oh = (x.shape[0] - size) // stride + 1\n"
                "    ow = (x.shape[1] - size) // stride + 1\n"
                "    parts = [x[a:a + stride * (oh - 1) + 1:stride, b:b + stride * (ow - 1) + 1:stride]\n"
                "             for a in range(size) for b in range(size)]\n"
                "    if mode == 'max':\n"
                "        return np.maximum.reduce(parts)\n"
                "    return np.add.reduce(parts) / (size * size)\n"
            ),
        },
        "wrong": {
            "max and avg swapped": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    win = sliding_window_view(np.asarray(x, dtype=float), (size, size))[::stride, ::stride]\n"
                "    return win.mean(axis=(2, 3)) if mode == 'max' else win.max(axis=(2, 3))\n"
            ),
            "steps by size (ignores overlapping stride)": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    win = sliding_window_view(np.asarray(x, dtype=float), (size, size))[::size, ::size]\n"
                "    return win.max(axis=(2, 3)) if mode == 'max' else win.mean(axis=(2, 3))\n"
            ),
            "output size n // stride": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    oh, ow = x.shape[0] // stride, x.shape[1] // stride\n"
                "    f = np.max if mode == 'max' else np.mean\n"
                "    out = np.zeros((oh, ow))\n"
                "    for i in range(oh):\n"
                "        for j in range(ow):\n"
                "            out[i, j] = f(x[i*stride:i*stride+size, j*stride:j*stride+size])\n"
                "    return out\n"
            ),
            "reshape trick (non-overlapping only)": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    h, w = x.shape[0] // size, x.shape[1] // size\n"
                "    b = x[:h * size, :w * size].reshape(h, size, w, size)\n"
                "    return b.max(axis=(1, 3)) if mode == 'max' else b.mean(axis=(1, 3))\n"
            ),
            "windows of size stride instead of size": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    oh = (x.shape[0] - size) // stride + 1\n"
                "    ow = (x.shape[1] - size) // stride + 1\n"
                "    win = sliding_window_view(x, (stride, stride))[::stride, ::stride][:oh, :ow]\n"
                "    return win.max(axis=(2, 3)) if mode == 'max' else win.mean(axis=(2, 3))\n"
            ),
            "average divides by size, not size * size": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    win = sliding_window_view(np.asarray(x, dtype=float), (size, size))[::stride, ::stride]\n"
                "    return win.max(axis=(2, 3)) if mode == 'max' else win.sum(axis=(2, 3)) / size\n"
            ),
            "average divides by stride * stride": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    from numpy.lib.stride_tricks import sliding_window_view\n"
                "    win = sliding_window_view(np.asarray(x, dtype=float), (size, size))[::stride, ::stride]\n"
                "    return win.max(axis=(2, 3)) if mode == 'max' else win.sum(axis=(2, 3)) / (stride * stride)\n"
            ),
            "output with the input's dtype (breaks: a float array, also for an integer x)": (
                "def pool2d(x, size=2, stride=2, mode='max'):\n"
                "    oh, ow = (x.shape[0] - size) // stride + 1, (x.shape[1] - size) // stride + 1\n"
                "    out = np.zeros_like(x)[:oh, :ow]\n"
                "    for i in range(oh):\n"
                "        for j in range(ow):\n"
                "            w = x[i * stride:i * stride + size, j * stride:j * stride + size]\n"
                "            out[i, j] = w.max() if mode == 'max' else w.mean()\n"
                "    return out\n"
            ),
        },
    },
    "03_param_count": {
        "correct": {
            "relies only on what the text promises": _CONV_OK + _DENSE_OK,
            "expanded products": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    weights = kh * kw * in_channels * filters\n"
                "    return weights + filters\n"
                "def dense_param_count(n_inputs, units):\n"
                "    return n_inputs * units + units\n"
            ),
            "np.prod (numpy integers)": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return np.prod([kh, kw, in_channels, filters]) + np.int64(filters)\n"
                "def dense_param_count(n_inputs, units):\n"
                "    return np.prod([n_inputs, units]) + np.int64(units)\n"
            ),
            "sizes of zero arrays": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return np.zeros((kh, kw, in_channels, filters)).size + np.zeros(filters).size\n"
                "def dense_param_count(n_inputs, units):\n"
                "    return int(float(n_inputs + 1) * units)\n"
            ),
        },
        "wrong": {
            "conv forgets the bias": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return kh * kw * in_channels * filters\n" + _DENSE_OK
            ),
            "conv forgets the input channels": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return (kh * kw + 1) * filters\n" + _DENSE_OK
            ),
            "conv bias per input channel": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return (kh * kw + 1) * in_channels * filters\n" + _DENSE_OK
            ),
            "conv counts only one bias for the layer": (
                "def conv_param_count(kh, kw, in_channels, filters):\n"
                "    return kh * kw * in_channels * filters + 1\n" + _DENSE_OK
            ),
            "dense forgets the bias": _CONV_OK + "def dense_param_count(n_inputs, units):\n    return n_inputs * units\n",
            "dense counts only one bias": _CONV_OK + "def dense_param_count(n_inputs, units):\n    return n_inputs * units + 1\n",
            "dense bias per input": _CONV_OK + "def dense_param_count(n_inputs, units):\n    return n_inputs * units + n_inputs\n",
        },
    },
}
