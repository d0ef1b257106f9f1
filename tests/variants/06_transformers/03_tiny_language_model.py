"""Answer variants for 06_transformers/03_tiny_language_model (see tests/test_exercises.py)."""

# perplexity with one configurable step.
_PPL = (
    "def perplexity(log_probs, targets):\n"
    "    lp = np.asarray(log_probs, dtype=float)\n"
    "    picked = lp[np.arange(len(targets)), targets]\n"
    "    return float({result})\n"
)


def _ppl(result):
    return _PPL.format(result=result)


# bigram_model with one configurable step.
_BIGRAM = (
    "def bigram_model(ids, vocab_size, k=1.0):\n"
    "    ids = np.asarray(ids)\n"
    "    counts = np.zeros((vocab_size, vocab_size))\n"
    "    {count}\n"
    "    return {result}\n"
)
_B_OK = dict(count="np.add.at(counts, (ids[:-1], ids[1:]), 1)",
             result="(counts + k) / (counts.sum(axis=1, keepdims=True) + k * vocab_size)")


def _bigram(**mistake):
    return _BIGRAM.format(**{**_B_OK, **mistake})


# top_k_filter with one configurable step.
_TOPK = (
    "def top_k_filter(logits, k):\n"
    "    {prep}\n"
    "    keep = {keep}\n"
    "    out = np.full_like(logits, {fill})\n"
    "    out[keep] = logits[keep]\n"
    "    return out\n"
)
_K_OK = dict(prep="logits = np.array(logits, dtype=float)", keep="np.argsort(logits)[-k:]", fill="-np.inf")


def _topk(**mistake):
    return _TOPK.format(**{**_K_OK, **mistake})


# top_p_filter with one configurable step.
_TOPP = (
    "def top_p_filter(logits, p):\n"
    "    logits = np.asarray(logits, dtype=float)\n"
    "    q = {probs}\n"
    "    q = q / q.sum()\n"
    "    order = {order}\n"
    "    total = np.cumsum(q[order])\n"
    "    keep = order[{cond}]\n"
    "    out = np.full_like(logits, -np.inf)\n"
    "    out[keep] = logits[keep]\n"
    "    return out\n"
)
_P_OK = dict(probs="np.exp(logits - logits.max())", order="np.argsort(-q)", cond="total - q[order] < p")


def _topp(**mistake):
    return _TOPP.format(**{**_P_OK, **mistake})


# sample_next with one configurable step; the filters it calls are lent by the test cell.
_SAMPLE = (
    "def sample_next(logits, rng, temperature=1.0, top_k=None, top_p=None):\n"
    "    logits = np.asarray(logits, dtype=float)\n"
    "    if temperature == 0:\n"
    "        return {greedy}\n"
    "    z = {scale}\n"
    "    if top_k is not None:\n"
    "        z = {apply_k}\n"
    "    if top_p is not None:\n"
    "        z = {apply_p}\n"
    "    q = np.exp(z - z.max())\n"
    "    q = q / q.sum()\n"
    "    {after}\n"
    "    return int({draw})\n"
)
_S_OK = dict(greedy="int(np.argmax(logits))", scale="logits / temperature", apply_k="top_k_filter(z, top_k)",
             apply_p="top_p_filter(z, top_p)", after="pass", draw="rng.choice(len(q), p=q)")


def _sample(**mistake):
    return _SAMPLE.format(**{**_S_OK, **mistake})


VARIANTS = {
    "06_perplexity": {
        "correct": {
            "relies only on what the text promises": (
                "def perplexity(log_probs, targets):\n"
                "    total = 0.0\n"
                "    for i in range(len(targets)):\n"
                "        total += log_probs[i, targets[i]]\n"
                "    return float(np.exp(-total / len(targets)))\n"
            ),
            "take_along_axis": (
                "def perplexity(log_probs, targets):\n"
                "    picked = np.take_along_axis(log_probs, targets[:, None], axis=1)\n"
                "    return float(np.exp(-np.mean(picked)))\n"
            ),
            "base 2 throughout (bits, then 2 ** bits)": _ppl("2 ** (-np.mean(picked / np.log(2)))"),
        },
        "wrong": {
            "mixes bases: 2 ** (mean natural log)": _ppl("2 ** (-picked.mean())"),
            "averages the probabilities (arithmetic mean)": _ppl("1 / np.mean(np.exp(picked))"),
            "sum instead of mean": _ppl("np.exp(-picked.sum())"),
            "product of probabilities (underflows)": _ppl("np.prod(np.exp(picked)) ** (-1 / len(picked))"),
            "mean over every entry, not the targets": _ppl("np.exp(-lp.mean())"),
            "sign flipped": _ppl("np.exp(picked.mean())"),
            "the largest log-probability of each row instead of the target's": _ppl("np.exp(-lp.max(axis=1).mean())"),
            "changes the caller's array": (
                "def perplexity(log_probs, targets):\n"
                "    log_probs *= -1\n"
                "    return float(np.exp(log_probs[np.arange(len(targets)), targets].mean()))\n"
            ),
        },
    },
    "06_bigram_model": {
        "correct": {
            "relies only on what the text promises": (
                "def bigram_model(ids, vocab_size, k=1.0):\n"
                "    counts = [[0] * vocab_size for _ in range(vocab_size)]\n"
                "    for t in range(len(ids) - 1):\n"
                "        counts[ids[t]][ids[t + 1]] += 1\n"
                "    P = np.zeros((vocab_size, vocab_size))\n"
                "    for a in range(vocab_size):\n"
                "        row_total = sum(counts[a])\n"
                "        for b in range(vocab_size):\n"
                "            P[a, b] = (counts[a][b] + k) / (row_total + k * vocab_size)\n"
                "    return P\n"
            ),
            "bincount of flat pair indices": (
                "def bigram_model(ids, vocab_size, k=1.0):\n"
                "    pairs = ids[:-1] * vocab_size + ids[1:]\n"
                "    counts = np.bincount(pairs, minlength=vocab_size * vocab_size).reshape(vocab_size, vocab_size)\n"
                "    smoothed = counts + k\n"
                "    return smoothed / smoothed.sum(axis=1, keepdims=True)\n"
            ),
            "histogram2d": (
                "def bigram_model(ids, vocab_size, k=1.0):\n"
                "    edges = np.arange(vocab_size + 1) - 0.5\n"
                "    counts, _, _ = np.histogram2d(ids[:-1], ids[1:], bins=[edges, edges])\n"
                "    return (counts + k) / (counts + k).sum(axis=1)[:, None]\n"
            ),
        },
        "wrong": {
            "fancy-index += counts a repeated pair once": _bigram(count="counts[ids[:-1], ids[1:]] += 1"),
            "transposed (rows are the next token)": _bigram(count="np.add.at(counts, (ids[1:], ids[:-1]), 1)"),
            "normalised over columns": _bigram(result="(counts + k) / (counts.sum(axis=0, keepdims=True) + k * vocab_size)"),
            "k missing from the denominator": _bigram(result="(counts + k) / (counts.sum(axis=1, keepdims=True) + k)"),
            "no smoothing": _bigram(result="counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)"),
            "add-one whatever k is": _bigram(result="(counts + 1) / (counts.sum(axis=1, keepdims=True) + vocab_size)"),
            "N(a) counts every occurrence, the last token too": _bigram(
                result="(counts + k) / (np.bincount(ids, minlength=vocab_size)[:, None] + k * vocab_size)"),
        },
    },
    "06_top_k_filter": {
        "correct": {
            "relies only on what the text promises": (
                "def top_k_filter(logits, k):\n"
                "    out = []\n"
                "    threshold = sorted(logits)[len(logits) - k]\n"
                "    for z in logits:\n"
                "        out.append(float(z) if z >= threshold else -np.inf)\n"
                "    return np.array(out)\n"
            ),
            "argpartition": _topk(keep="np.argpartition(logits, -k)[-k:]"),
            "np.where against the k-th largest": (
                "def top_k_filter(logits, k):\n"
                "    kth = np.sort(logits)[-k]\n"
                "    return np.where(logits >= kth, logits, -np.inf)\n"
            ),
        },
        "wrong": {
            "keeps k + 1": _topk(keep="np.argsort(logits)[-(k + 1):]"),
            "keeps k - 1": _topk(keep="np.argsort(logits)[len(logits) - k + 1:]"),
            "keeps the k smallest": _topk(keep="np.argsort(logits)[:k]"),
            "0 instead of -inf": _topk(fill="0.0"),
            "changes the caller's array": (
                "def top_k_filter(logits, k):\n"
                "    drop = np.argsort(logits)[:-k]\n"
                "    logits[drop] = -np.inf\n"
                "    return logits\n"
            ),
            "returns probabilities of the kept logits": (
                "def top_k_filter(logits, k):\n"
                "    keep = np.argsort(logits)[-k:]\n"
                "    out = np.full(len(logits), -np.inf)\n"
                "    e = np.exp(logits[keep] - logits[keep].max())\n"
                "    out[keep] = e / e.sum()\n"
                "    return out\n"
            ),
        },
    },
    "06_top_p_filter": {
        "correct": {
            "relies only on what the text promises": (
                "def top_p_filter(logits, p):\n"
                "    z = np.asarray(logits, dtype=float)\n"
                "    e = np.exp(z - np.max(z))\n"
                "    q = e / np.sum(e)\n"
                "    out = np.full(len(z), -np.inf)\n"
                "    total = 0.0\n"
                "    for i in sorted(range(len(z)), key=lambda i: -q[i]):\n"
                "        out[i] = z[i]\n"
                "        total += q[i]\n"
                "        if total >= p:\n"
                "            break\n"
                "    return out\n"
            ),
            "searchsorted on the running total": (
                "def top_p_filter(logits, p):\n"
                "    z = np.asarray(logits, dtype=float)\n"
                "    q = np.exp(z - z.max()); q /= q.sum()\n"
                "    order = np.argsort(q)[::-1]\n"
                "    n_keep = int(np.searchsorted(np.cumsum(q[order]), p)) + 1\n"
                "    out = np.full_like(z, -np.inf)\n"
                "    out[order[:n_keep]] = z[order[:n_keep]]\n"
                "    return out\n"
            ),
            "sorts the logits, not the probabilities": _topp(order="np.argsort(logits)[::-1]"),
        },
        "wrong": {
            "excludes the token that crosses p": _topp(cond="total < p"),
            "one token too many": _topp(cond="total - q[order] - np.r_[0.0, q[order][:-1]] < p"),
            "running total in the original order (not sorted)": _topp(order="np.arange(len(q))"),
            "least probable first": _topp(order="np.argsort(q)"),
            "softmax without subtracting the maximum": _topp(probs="np.exp(logits)"),
            "changes the caller's array": (
                "def top_p_filter(logits, p):\n"
                "    q = np.exp(logits - logits.max()); q /= q.sum()\n"
                "    order = np.argsort(-q)\n"
                "    drop = order[np.cumsum(q[order]) - q[order] >= p]\n"
                "    logits[drop] = -np.inf\n"
                "    return logits\n"
            ),
        },
    },
    "06_sample_next": {
        "correct": {
            "relies only on what the text promises": (
                "def sample_next(logits, rng, temperature=1.0, top_k=None, top_p=None):\n"
                "    if temperature == 0:\n"
                "        return int(np.argmax(logits))\n"
                "    z = np.array(logits, dtype=float) / temperature\n"
                "    if top_k is not None:\n"
                "        z = top_k_filter(z, top_k)\n"
                "    if top_p is not None:\n"
                "        z = top_p_filter(z, top_p)\n"
                "    e = np.exp(z - np.max(z))\n"
                "    cdf = np.cumsum(e / np.sum(e))\n"
                "    return int(min(np.searchsorted(cdf, rng.random(), side='right'), len(z) - 1))\n"
            ),
            "filters the probabilities for top-k and renormalises": _sample(
                apply_k="np.log(np.where(top_k_filter(z, top_k) > -np.inf, np.exp(z - z.max()), 0.0))"),
            "Gumbel-max trick": _sample(draw="np.argmax(z + rng.gumbel(size=len(z)))"),
        },
        "wrong": {
            "temperature applied to the probabilities": (
                "def sample_next(logits, rng, temperature=1.0, top_k=None, top_p=None):\n"
                "    logits = np.asarray(logits, dtype=float)\n"
                "    if temperature == 0:\n"
                "        return int(np.argmax(logits))\n"
                "    z = logits\n"
                "    if top_k is not None:\n"
                "        z = top_k_filter(z, top_k)\n"
                "    if top_p is not None:\n"
                "        z = top_p_filter(z, top_p)\n"
                "    q = np.exp(z - z.max()) / temperature\n"
                "    q = q / q.sum()\n"
                "    return int(rng.choice(len(q), p=q))\n"
            ),
            "temperature multiplies the logits": _sample(scale="logits * temperature"),
            "ignores top_k": _sample(apply_k="z"),
            "ignores top_p": _sample(apply_p="z"),
            "top-p on the logits before the temperature": _sample(apply_p="np.where(top_p_filter(logits, top_p) > -np.inf, z, -np.inf)"),
            "top-p before top-k": (
                "def sample_next(logits, rng, temperature=1.0, top_k=None, top_p=None):\n"
                "    logits = np.asarray(logits, dtype=float)\n"
                "    if temperature == 0:\n"
                "        return int(np.argmax(logits))\n"
                "    z = logits / temperature\n"
                "    if top_p is not None:\n"
                "        z = top_p_filter(z, top_p)\n"
                "    if top_k is not None:\n"
                "        z = top_k_filter(z, top_k)\n"
                "    q = np.exp(z - z.max()); q = q / q.sum()\n"
                "    return int(rng.choice(len(q), p=q))\n"
            ),
            "greedy returns the largest logit, not its index": _sample(greedy="float(np.max(logits))"),
            "greedy ignored: divides by a zero temperature": (
                "def sample_next(logits, rng, temperature=1.0, top_k=None, top_p=None):\n"
                "    z = np.asarray(logits, dtype=float) / temperature\n"
                "    if top_k is not None:\n"
                "        z = top_k_filter(z, top_k)\n"
                "    if top_p is not None:\n"
                "        z = top_p_filter(z, top_p)\n"
                "    q = np.exp(z - z.max()); q = q / q.sum()\n"
                "    return int(rng.choice(len(q), p=q))\n"
            ),
            "draws with np.random, not rng": _sample(draw="np.random.choice(len(q), p=q)"),
            "always the most likely (no draw)": _sample(draw="np.argmax(q)"),
            "unstable softmax": _sample(after="q = np.exp(z) / np.exp(z).sum()"),
            "changes the caller's array": _sample(scale="np.divide(logits, temperature, out=logits)"),
        },
    },
}
