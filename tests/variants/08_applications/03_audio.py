"""Answer variants for 08_applications/03_audio (see tests/test_exercises.py)."""

# frame_signal with one configurable step.
_FRAME = (
    "def frame_signal(x, frame_length, hop):\n"
    "    x = np.asarray(x)\n"
    "    n_frames = {count}\n"
    "    return {result}\n"
)
_F_OK = dict(count="1 + (len(x) - frame_length) // hop",
             result="np.stack([x[t * hop:t * hop + frame_length] for t in range(n_frames)])")


def _frame(**mistake):
    return _FRAME.format(**{**_F_OK, **mistake})


# stft_magnitude with one configurable step; frame_signal is lent by the test cell.
_STFT = (
    "def stft_magnitude(x, frame_length, hop, fft_length):\n"
    "    frames = frame_signal(np.asarray(x, dtype=float), frame_length, {hop})\n"
    "    window = {window}\n"
    "    spectrum = {fft}(frames * window, n=fft_length, axis=1)\n"
    "    return {result}\n"
)
_S_OK = dict(hop="hop", window="0.5 - 0.5 * np.cos(2 * np.pi * np.arange(frame_length) / frame_length)",
             fft="np.fft.rfft", result="np.abs(spectrum)")


def _stft(**mistake):
    return _STFT.format(**{**_S_OK, **mistake})


# ctc_collapse with one configurable step.
_CTC = (
    "def ctc_collapse(path, blank=0):\n"
    "    path = [int(s) for s in path]\n"
    "    merged = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]\n"
    "    return {result}\n"
)


def _ctc(result):
    return _CTC.format(result=result)


VARIANTS = {
    "08_frame_signal": {
        "correct": {
            "relies only on what the text promises (a loop of slices)": _frame(),
            "sliding_window_view, every hop-th window": (
                "def frame_signal(x, frame_length, hop):\n"
                "    return np.lib.stride_tricks.sliding_window_view(np.asarray(x), frame_length)[::hop].copy()\n"
            ),
            "tf.signal.frame (pad_end=False by default)": (
                "def frame_signal(x, frame_length, hop):\n"
                "    return tf.signal.frame(np.asarray(x), frame_length, hop).numpy()\n"
            ),
            "a preallocated array filled row by row": (
                "def frame_signal(x, frame_length, hop):\n"
                "    n = 1 + (len(x) - frame_length) // hop\n"
                "    out = np.empty((n, frame_length), dtype=np.asarray(x).dtype)\n"
                "    for t in range(n):\n"
                "        out[t] = x[t * hop:t * hop + frame_length]\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "one frame too few (forgets the 1 +)": _frame(count="(len(x) - frame_length) // hop"),
            "pads the end with zeros (tf.signal.frame, pad_end=True)": (
                "def frame_signal(x, frame_length, hop):\n"
                "    return tf.signal.frame(np.asarray(x), frame_length, hop, pad_end=True).numpy()\n"
            ),
            "one frame per hop, padding the last ones (len(x) // hop frames)": (
                "def frame_signal(x, frame_length, hop):\n"
                "    x = np.concatenate([np.asarray(x), np.zeros(frame_length)])\n"
                "    return np.stack([x[t * hop:t * hop + frame_length] for t in range(len(x[:-frame_length]) // hop)])\n"
            ),
            "frames as columns (transposed)": _frame(result="np.stack([x[t * hop:t * hop + frame_length] "
                                                           "for t in range(n_frames)], axis=1)"),
            "frames end to end (hop ignored)": _frame(result="np.stack([x[t * frame_length:(t + 1) * frame_length] "
                                                            "for t in range(n_frames)])"),
            "removes the mean in place first": (
                "def frame_signal(x, frame_length, hop):\n"
                "    x -= x.mean()\n"
                "    n = 1 + (len(x) - frame_length) // hop\n"
                "    return np.stack([x[t * hop:t * hop + frame_length] for t in range(n)])\n"
            ),
        },
    },
    "08_stft_magnitude": {
        "correct": {
            "relies only on what the text promises (a loop over frames)": (
                "def stft_magnitude(x, frame_length, hop, fft_length):\n"
                "    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(frame_length) / frame_length)\n"
                "    n = 1 + (len(x) - frame_length) // hop\n"
                "    rows = [np.abs(np.fft.rfft(x[t * hop:t * hop + frame_length] * w, n=fft_length)) for t in range(n)]\n"
                "    return np.array(rows)\n"
            ),
            "ours, written with its own frame_signal call": _stft(),
            "tf.signal.stft itself": (
                "def stft_magnitude(x, frame_length, hop, fft_length):\n"
                "    return np.abs(tf.signal.stft(np.asarray(x), frame_length, hop, fft_length).numpy())\n"
            ),
            "periodic Hann as np.hanning(N + 1)[:-1], float32 frames": _stft(
                window="np.hanning(frame_length + 1)[:-1].astype('float32')",
                result="np.abs(spectrum).astype('float32')"),
            "scipy's get_window('hann') (periodic by default)": (
                "def stft_magnitude(x, frame_length, hop, fft_length):\n"
                "    from scipy.signal import get_window\n"
                "    frames = np.lib.stride_tricks.sliding_window_view(x, frame_length)[::hop]\n"
                "    return np.abs(np.fft.rfft(frames * get_window('hann', frame_length), n=fft_length))\n"
            ),
        },
        "wrong": {
            "no window": _stft(window="1.0"),
            "the symmetric Hann window np.hanning": _stft(window="np.hanning(frame_length)"),
            "frame_length used as the hop": _stft(hop="frame_length"),
            "returns the complex spectrum": _stft(result="spectrum"),
            "power (magnitude squared) instead of magnitude": _stft(result="np.abs(spectrum) ** 2"),
            "full FFT instead of rfft": _stft(fft="np.fft.fft"),
            "no zero-padding to fft_length (n left out)": (
                "def stft_magnitude(x, frame_length, hop, fft_length):\n"
                "    frames = frame_signal(np.asarray(x, dtype=float), frame_length, hop)\n"
                "    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(frame_length) / frame_length)\n"
                "    return np.abs(np.fft.rfft(frames * w, axis=1))\n"
            ),
            "a Hamming window instead of Hann": _stft(window="np.hamming(frame_length + 1)[:-1]"),
        },
    },
    "08_ctc_collapse": {
        "correct": {
            "relies only on what the text promises (one pass, remember the previous frame)": (
                "def ctc_collapse(path, blank=0):\n"
                "    out = []\n"
                "    for i in range(len(path)):\n"
                "        if path[i] != blank and (i == 0 or path[i] != path[i - 1]):\n"
                "            out.append(int(path[i]))\n"
                "    return out\n"
            ),
            "itertools.groupby": (
                "def ctc_collapse(path, blank=0):\n"
                "    from itertools import groupby\n"
                "    return [int(s) for s, _ in groupby(path) if s != blank]\n"
            ),
            "two steps, merge then filter": _ctc("[s for s in merged if s != blank]"),
            "NumPy masks": (
                "def ctc_collapse(path, blank=0):\n"
                "    p = np.asarray(path, dtype=int)\n"
                "    if p.size == 0:\n"
                "        return []\n"
                "    keep = np.concatenate([[True], p[1:] != p[:-1]]) & (p != blank)\n"
                "    return p[keep].tolist()\n"
            ),
        },
        "wrong": {
            "removes the blanks first, then merges": (
                "def ctc_collapse(path, blank=0):\n"
                "    kept = [int(s) for s in path if s != blank]\n"
                "    return [s for i, s in enumerate(kept) if i == 0 or s != kept[i - 1]]\n"
            ),
            "merges only, keeps the blanks": _ctc("merged"),
            "removes blanks only, keeps the repeats": _ctc("[s for s in path if s != blank]"),
            "blank fixed at 0 (argument ignored)": _ctc("[s for s in merged if s != 0]"),
            "returns a NumPy array": _ctc("np.array([s for s in merged if s != blank])"),
            "compares with the last kept symbol, not the previous frame": (
                "def ctc_collapse(path, blank=0):\n"
                "    out = []\n"
                "    for s in path:\n"
                "        if s != blank and (not out or out[-1] != s):\n"
                "            out.append(int(s))\n"
                "    return out\n"
            ),
        },
    },
}
