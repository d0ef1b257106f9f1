"""Answer variants for 04_rnn/04_text_and_generation (see tests/test_exercises.py)."""

# build_vocabulary with one configurable step, to keep the wrong variants short.
_VOCAB = (
    "def build_vocabulary(texts, max_tokens=None):\n"
    "    counts = {{}}\n"
    "    for text in texts:\n"
    "        for token in {tokens}:\n"
    "            counts[token] = counts.get(token, 0) + 1\n"
    "    ranked = sorted(counts, key={key})\n"
    "    vocab = {head} + ranked\n"
    "    return vocab if max_tokens is None else vocab[:{cut}]\n"
)
_V_OK = dict(tokens="text.lower().split()", key="lambda t: (-counts[t], t)", head='["", "[UNK]"]', cut="max_tokens")


def _vocab(**mistake):
    return _VOCAB.format(**{**_V_OK, **mistake})


# encode with one configurable step.
_ENCODE = (
    "def encode(texts, vocabulary, length):\n"
    "    index = {{t: i for i, t in enumerate(vocabulary)}}\n"
    "    out = np.zeros((len(texts), length), dtype={dtype})\n"
    "    for r, text in enumerate(texts):\n"
    "        tokens = {tokens}\n"
    "        row = [index.get(t, {unk}) for t in tokens]\n"
    "        {place}\n"
    "    return out\n"
)
_E_OK = dict(dtype="int", tokens="text.lower().split()[:length]", unk="1", place="out[r, :len(row)] = row")


def _encode(**mistake):
    return _ENCODE.format(**{**_E_OK, **mistake})


# build_text_classifier with one configurable layer.
_CLASSIFIER = (
    "def build_text_classifier(vocab_size, embed_dim, units):\n"
    "    return keras.Sequential([\n"
    "        keras.Input(shape=(None,), dtype='int32'),\n"
    "        keras.layers.Embedding({embedding}),\n"
    "        {recurrent},\n"
    "        {head},\n"
    "    ])\n"
)
_C_OK = dict(embedding="vocab_size, embed_dim, mask_zero=True",
             recurrent="keras.layers.Bidirectional(keras.layers.LSTM(units))",
             head="keras.layers.Dense(1, activation='sigmoid')")


def _classifier(**mistake):
    return _CLASSIFIER.format(**{**_C_OK, **mistake})


# sample_with_temperature with one configurable step.
_SAMPLE = (
    "def sample_with_temperature(logits, temperature, rng):\n"
    "    z = {scale}\n"
    "    {stable}\n"
    "    p = np.exp(z)\n"
    "    p = p / p.sum()\n"
    "    {after}\n"
    "    return int({draw})\n"
)
_S_OK = dict(scale="np.asarray(logits, dtype=float) / temperature", stable="z = z - z.max()", after="pass",
             draw="rng.choice(len(p), p=p)")


def _sample(**mistake):
    return _SAMPLE.format(**{**_S_OK, **mistake})


VARIANTS = {
    "04_build_vocabulary": {
        "correct": {
            "relies only on what the text promises": (
                "def build_vocabulary(texts, max_tokens=None):\n"
                "    counts = {}\n"
                "    for text in texts:\n"
                "        for token in text.lower().split():\n"
                "            if token in counts:\n"
                "                counts[token] += 1\n"
                "            else:\n"
                "                counts[token] = 1\n"
                "    tokens = sorted(counts)                          # alphabetical first ...\n"
                "    tokens = sorted(tokens, key=lambda t: counts[t], reverse=True)   # ... stable sort by count\n"
                "    vocab = ['', '[UNK]'] + tokens\n"
                "    if max_tokens is not None:\n"
                "        vocab = vocab[:max_tokens]\n"
                "    return vocab\n"
            ),
            "collections.Counter and sorted items": (
                "def build_vocabulary(texts, max_tokens=None):\n"
                "    from collections import Counter\n"
                "    counts = Counter(t for text in texts for t in text.lower().split())\n"
                "    ranked = [t for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0]))]\n"
                "    keep = len(ranked) if max_tokens is None else max_tokens - 2\n"
                "    return ['', '[UNK]'] + ranked[:keep]\n"
            ),
            "NumPy unique with counts": (
                "def build_vocabulary(texts, max_tokens=None):\n"
                "    tokens = [t for text in texts for t in str(text).lower().split()]\n"
                "    words, counts = np.unique(np.array(tokens, dtype=object), return_counts=True)\n"
                "    order = np.lexsort((words, -counts))             # count descending, then alphabetical\n"
                "    vocab = ['', '[UNK]'] + [str(w) for w in words[order]]\n"
                "    return vocab[:max_tokens] if max_tokens else vocab\n"
            ),
            "leaves NumPy strings in the list": (
                "def build_vocabulary(texts, max_tokens=None):\n"
                "    from collections import Counter\n"
                "    counts = Counter()\n"
                "    for text in texts:\n"
                "        counts.update(np.char.lower(np.array(text.split())).tolist())\n"
                "    ranked = sorted(counts, key=lambda t: (-counts[t], t))\n"
                "    out = ['', '[UNK]'] + ranked\n"
                "    return out if max_tokens is None else out[:max_tokens]\n"
            ),
        },
        "wrong": {
            "ties in order of first appearance (Counter.most_common)": (
                "def build_vocabulary(texts, max_tokens=None):\n"
                "    from collections import Counter\n"
                "    counts = Counter(t for text in texts for t in text.lower().split())\n"
                "    vocab = ['', '[UNK]'] + [t for t, _ in counts.most_common()]\n"
                "    return vocab if max_tokens is None else vocab[:max_tokens]\n"
            ),
            "no reserved entries": _vocab(head="[]"),
            "reserved entries in the wrong order": _vocab(head='["[UNK]", ""]'),
            "max_tokens does not count the reserved entries": _vocab(cut="max_tokens + 2"),
            "not lower-cased": _vocab(tokens="text.split()"),
            "counts texts, not occurrences (document frequency)": _vocab(tokens="set(text.lower().split())"),
            "least frequent first": _vocab(key="lambda t: (counts[t], t)"),
            "ties in reverse alphabetical order": _vocab(key="lambda t: (-counts[t], [-ord(ch) for ch in t])"),
            "alphabetical only, ignores the counts": _vocab(key="lambda t: t"),
        },
    },
    "04_encode": {
        "correct": {
            "relies only on what the text promises": (
                "def encode(texts, vocabulary, length):\n"
                "    out = np.zeros((len(texts), length), dtype=int)\n"
                "    for r in range(len(texts)):\n"
                "        tokens = texts[r].lower().split()\n"
                "        for c in range(min(length, len(tokens))):\n"
                "            if tokens[c] in vocabulary:\n"
                "                out[r, c] = vocabulary.index(tokens[c])\n"
                "            else:\n"
                "                out[r, c] = 1\n"
                "    return out\n"
            ),
            "pad with a list, then stack (int32)": (
                "def encode(texts, vocabulary, length):\n"
                "    index = dict(zip(vocabulary, range(len(vocabulary))))\n"
                "    rows = []\n"
                "    for text in texts:\n"
                "        ids = [index.get(t, 1) for t in text.lower().split()]\n"
                "        rows.append((ids + [0] * length)[:length])\n"
                "    return np.array(rows, dtype=np.int32).reshape(len(texts), length)\n"
            ),
            "keras.utils.pad_sequences": (
                "def encode(texts, vocabulary, length):\n"
                "    index = {t: i for i, t in enumerate(vocabulary)}\n"
                "    seqs = [[index.get(t, 1) for t in text.lower().split()] for text in texts]\n"
                "    return keras.utils.pad_sequences(seqs, maxlen=length, padding='post', truncating='post',\n"
                "                                     dtype='int64')\n"
            ),
        },
        "wrong": {
            "unknown tokens get 0 (padding)": _encode(unk="0"),
            "pads at the start": _encode(place="out[r, length - len(row):] = row if row else 0"),
            "keeps the last tokens": _encode(tokens="text.lower().split()[-length:]",
                                             place="out[r, :len(row)] = row"),
            "float ids": _encode(dtype="float"),
            "not lower-cased": _encode(tokens="text.split()[:length]"),
            "ids start at 1 (position + 1)": (
                "def encode(texts, vocabulary, length):\n"
                "    index = {t: i + 1 for i, t in enumerate(vocabulary)}\n"
                "    out = np.zeros((len(texts), length), dtype=int)\n"
                "    for r, text in enumerate(texts):\n"
                "        row = [index.get(t, 1) for t in text.lower().split()[:length]]\n"
                "        out[r, :len(row)] = row\n"
                "    return out\n"
            ),
            "assumes the vocabulary is the sorted one of Exercise 1 (rebuilds it)": (
                "def encode(texts, vocabulary, length):\n"
                "    own = ['', '[UNK]'] + sorted(set(vocabulary[2:]))\n"
                "    index = {t: i for i, t in enumerate(own)}\n"
                "    out = np.zeros((len(texts), length), dtype=int)\n"
                "    for r, text in enumerate(texts):\n"
                "        row = [index.get(t, 1) for t in text.lower().split()[:length]]\n"
                "        out[r, :len(row)] = row\n"
                "    return out\n"
            ),
        },
    },
    "04_build_text_classifier": {
        "correct": {
            "relies only on what the text promises": _classifier(),
            "functional API, explicit concat merge": (
                "def build_text_classifier(vocab_size, embed_dim, units):\n"
                "    ids = keras.Input(shape=(None,), dtype='int32')\n"
                "    x = keras.layers.Embedding(input_dim=vocab_size, output_dim=embed_dim, mask_zero=True)(ids)\n"
                "    x = keras.layers.Bidirectional(keras.layers.LSTM(units=units), merge_mode='concat')(x)\n"
                "    out = keras.layers.Dense(units=1, activation='sigmoid')(x)\n"
                "    return keras.Model(ids, out)\n"
            ),
            "Sequential with add()": (
                "def build_text_classifier(vocab_size, embed_dim, units):\n"
                "    m = keras.Sequential()\n"
                "    m.add(keras.Input((None,), dtype='int32'))\n"
                "    m.add(keras.layers.Embedding(vocab_size, embed_dim, mask_zero=True))\n"
                "    m.add(keras.layers.Bidirectional(keras.layers.LSTM(units, return_sequences=False)))\n"
                "    m.add(keras.layers.Dense(1, activation='sigmoid'))\n"
                "    return m\n"
            ),
        },
        "wrong": {
            "padding not masked": _classifier(embedding="vocab_size, embed_dim"),
            "GRU instead of LSTM": _classifier(recurrent="keras.layers.Bidirectional(keras.layers.GRU(units))"),
            "one direction only": _classifier(recurrent="keras.layers.LSTM(units)"),
            "embed_dim and vocab_size swapped": _classifier(embedding="embed_dim, vocab_size, mask_zero=True"),
            "fixed number of units": _classifier(recurrent="keras.layers.Bidirectional(keras.layers.LSTM(16))"),
            "two softmax outputs": _classifier(head="keras.layers.Dense(2, activation='softmax')"),
            "no sigmoid (logits)": _classifier(head="keras.layers.Dense(1)"),
            "returns a compiled model": (
                "def build_text_classifier(vocab_size, embed_dim, units):\n"
                "    m = keras.Sequential([keras.Input(shape=(None,), dtype='int32'),\n"
                "                          keras.layers.Embedding(vocab_size, embed_dim, mask_zero=True),\n"
                "                          keras.layers.Bidirectional(keras.layers.LSTM(units)),\n"
                "                          keras.layers.Dense(1, activation='sigmoid')])\n"
                "    m.compile('adam', 'binary_crossentropy')\n"
                "    return m\n"
            ),
        },
    },
    "04_sample_with_temperature": {
        "correct": {
            "relies only on what the text promises": _sample(),
            "inverse CDF with rng.random": (
                "def sample_with_temperature(logits, temperature, rng):\n"
                "    z = np.array(logits, dtype=float) / float(temperature)\n"
                "    p = np.exp(z - np.max(z))\n"
                "    cdf = np.cumsum(p / p.sum())\n"
                "    i = int(np.searchsorted(cdf, rng.random(), side='right'))\n"
                "    return min(i, len(cdf) - 1)\n"
            ),
            "scipy softmax": (
                "def sample_with_temperature(logits, temperature, rng):\n"
                "    from scipy.special import softmax\n"
                "    p = softmax(np.asarray(logits, dtype=np.float64) / temperature)\n"
                "    return rng.choice(p.size, p=p)                  # a NumPy integer\n"
            ),
            "Gumbel-max trick": (
                "def sample_with_temperature(logits, temperature, rng):\n"
                "    z = np.asarray(logits, dtype=float) / temperature\n"
                "    return int(np.argmax(z + rng.gumbel(size=z.shape)))\n"
            ),
            "one multinomial draw": (
                "def sample_with_temperature(logits, temperature, rng):\n"
                "    z = np.asarray(logits, dtype=float) / temperature\n"
                "    z -= z.max()\n"
                "    p = np.exp(z) / np.exp(z).sum()\n"
                "    return int(np.argmax(rng.multinomial(1, p)))\n"
            ),
        },
        "wrong": {
            "temperature applied after the softmax": _sample(scale="np.asarray(logits, dtype=float)",
                                                           after="p = (p / temperature) / (p / temperature).sum()"),
            "logits multiplied by the temperature": _sample(scale="np.asarray(logits, dtype=float) * temperature"),
            "temperature ignored": _sample(scale="np.asarray(logits, dtype=float)"),
            "probabilities raised to the temperature": _sample(scale="np.asarray(logits, dtype=float)",
                                                             after="p = p ** temperature; p = p / p.sum()"),
            "greedy: always the largest logit": _sample(draw="np.argmax(p)"),
            "not stable (no max subtracted)": _sample(stable="pass"),
            "draws with np.random, not rng": _sample(draw="np.random.choice(len(p), p=p)"),
            "changes the logits in place": (
                "def sample_with_temperature(logits, temperature, rng):\n"
                "    logits /= temperature\n"
                "    logits -= logits.max()\n"
                "    p = np.exp(logits) / np.exp(logits).sum()\n"
                "    return int(rng.choice(len(p), p=p))\n"
            ),
        },
    },
}
