"""Answer variants for 06_transformers/01_attention_by_hand (see tests/test_exercises.py)."""

# scaled_dot_product_attention with configurable steps, to keep the wrong variants short.
_SDPA = (
    "def scaled_dot_product_attention(q, k, v, mask=None):\n"
    "    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))\n"
    "    scores = {scores}\n"
    "    if mask is not None:\n"
    "        {mask_before}\n"
    "    {stable}\n"
    "    e = np.exp(scores)\n"
    "    weights = e / e.sum(axis={axis}, keepdims=True)\n"
    "    if mask is not None:\n"
    "        {mask_after}\n"
    "    return weights @ v, weights\n"
)
_S_OK = dict(scores="q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])",
             mask_before="scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)",
             stable="scores = scores - scores.max(axis=-1, keepdims=True)", axis="-1", mask_after="pass")


def _sdpa(**mistake):
    return _SDPA.format(**{**_S_OK, **mistake})


_SPLIT = (
    "def split_heads(x, num_heads):\n"
    "    batch, n, d_model = np.shape(x)\n"
    "    return {body}\n"
)
_MERGE = (
    "def merge_heads(x):\n"
    "    batch, heads, n, depth = np.shape(x)\n"
    "    return {body}\n"
)

# multi_head_attention with one configurable step.
_MHA = (
    "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
    "    W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o = (np.asarray(w, dtype=float) for w in weights)\n"
    "    x_q, x_kv = np.asarray(x_q, dtype=float), np.asarray(x_kv, dtype=float)\n"
    "    def project(x, W, b):\n"
    "        return split_heads({project}, num_heads)\n"
    "    q, k, v = project(x_q, W_q, b_q), project({k_from}, W_k, b_k), project(x_kv, W_v, b_v)\n"
    "    if mask is not None:\n"
    "        mask = {mask}\n"
    "    heads, attention = scaled_dot_product_attention(q, k, v, mask={use_mask})\n"
    "    output = {output}\n"
    "    return output, attention\n"
)
_M_OK = dict(project="x @ W.reshape(W.shape[0], -1) + b.reshape(-1)", k_from="x_kv",
             mask="np.asarray(mask, dtype=bool)[..., None, :, :]", use_mask="mask",
             output="merge_heads(heads) @ W_o.reshape(-1, W_o.shape[-1]) + b_o")


def _mha(**mistake):
    return _MHA.format(**{**_M_OK, **mistake})


VARIANTS = {
    "06_scaled_dot_product_attention": {
        "correct": {
            "einsum, a large negative added to masked scores": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    d = np.shape(q)[-1]\n"
                "    s = np.einsum('...qd,...kd->...qk', q, k) / d ** 0.5\n"
                "    if mask is not None:\n"
                "        s = s + (1.0 - np.asarray(mask, dtype=float)) * -1e9\n"
                "    s = s - np.max(s, axis=-1, keepdims=True)\n"
                "    w = np.exp(s)\n"
                "    w = w / np.sum(w, axis=-1, keepdims=True)\n"
                "    return np.einsum('...qk,...kv->...qv', w, v), w\n"
            ),
            "np.matmul and a boolean mask with np.where(-1e30)": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    scores = np.matmul(q, np.moveaxis(k, -1, -2)) / np.sqrt(np.shape(k)[-1])\n"
                "    if mask is not None:\n"
                "        scores = np.where(mask, scores, -1e30)\n"
                "    scores -= scores.max(-1)[..., None]\n"
                "    w = np.exp(scores)\n"
                "    w /= w.sum(-1)[..., None]\n"
                "    return np.matmul(w, v), w\n"
            ),
            "scipy's softmax": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    from scipy.special import softmax\n"
                "    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])\n"
                "    if mask is not None:\n"
                "        s = np.where(mask, s, -np.inf)\n"
                "    w = softmax(s, axis=-1)\n"
                "    return w @ v, w\n"
            ),
        },
        "wrong": {
            "scaled by d instead of sqrt(d)": _sdpa(scores="q @ np.swapaxes(k, -1, -2) / q.shape[-1]"),
            "not scaled": _sdpa(scores="q @ np.swapaxes(k, -1, -2)"),
            "softmax over the queries (wrong axis)": _sdpa(stable="scores = scores - scores.max(axis=-2, keepdims=True)",
                                                          axis="-2"),
            "k.T instead of swapping the last two axes": _sdpa(scores="q @ k.T / np.sqrt(q.shape[-1])"),
            "mask applied after the softmax": _sdpa(mask_before="pass",
                                                    mask_after="weights = weights * np.asarray(mask, dtype=bool)"),
            "mask with the wrong sign": _sdpa(mask_before="scores = np.where(np.asarray(mask, dtype=bool), -np.inf, scores)"),
            "mask ignored": _sdpa(mask_before="pass"),
            "no max subtraction (overflows)": _sdpa(stable="pass"),
            "weights and output swapped": _SDPA.format(**_S_OK).replace("return weights @ v, weights",
                                                                         "return weights, weights @ v"),
        },
    },
    "06_padding_mask": {
        "correct": {
            "np.expand_dims": (
                "def padding_mask(ids, pad_id=0):\n"
                "    return np.expand_dims(np.not_equal(ids, pad_id), axis=1)\n"
            ),
            "a loop": (
                "def padding_mask(ids, pad_id=0):\n"
                "    ids = np.asarray(ids)\n"
                "    out = np.zeros((ids.shape[0], 1, ids.shape[1]), dtype=bool)\n"
                "    for b in range(ids.shape[0]):\n"
                "        for j in range(ids.shape[1]):\n"
                "            out[b, 0, j] = ids[b, j] != pad_id\n"
                "    return out\n"
            ),
        },
        "wrong": {
            "True at padding (inverted)": "def padding_mask(ids, pad_id=0):\n    return (np.asarray(ids) == pad_id)[:, None, :]\n",
            "shape (batch, n, 1)": "def padding_mask(ids, pad_id=0):\n    return (np.asarray(ids) != pad_id)[:, :, None]\n",
            "shape (batch, n) without the query axis": "def padding_mask(ids, pad_id=0):\n    return np.asarray(ids) != pad_id\n",
            "pad_id ignored (always 0)": "def padding_mask(ids, pad_id=0):\n    return (np.asarray(ids) != 0)[:, None, :]\n",
            "0/1 integers instead of booleans": "def padding_mask(ids, pad_id=0):\n    return (np.asarray(ids) != pad_id).astype(int)[:, None, :]\n",
            "padding only at the end (stops at the first pad)": (
                "def padding_mask(ids, pad_id=0):\n"
                "    ids = np.asarray(ids)\n"
                "    seen = np.cumsum(ids == pad_id, axis=1) > 0\n"
                "    return (~seen)[:, None, :]\n"
            ),
            "ids changed in place": (
                "def padding_mask(ids, pad_id=0):\n"
                "    real = ids != pad_id\n"
                "    ids[...] = real\n"
                "    return real[:, None, :]\n"
            ),
        },
    },
    "06_causal_mask": {
        "correct": {
            "comparison of index grids": "def causal_mask(n):\n    i = np.arange(n)\n    return i[None, :] <= i[:, None]\n",
            "not triu": "def causal_mask(n):\n    return ~np.triu(np.ones((n, n), dtype=bool), k=1)\n",
        },
        "wrong": {
            "off by one: a token sees the next one": "def causal_mask(n):\n    return np.tril(np.ones((n, n), dtype=bool), k=1)\n",
            "off by one: a token does not see itself": "def causal_mask(n):\n    return np.tril(np.ones((n, n), dtype=bool), k=-1)\n",
            "transposed (looks ahead)": "def causal_mask(n):\n    return np.triu(np.ones((n, n), dtype=bool))\n",
            "0/1 floats instead of booleans": "def causal_mask(n):\n    return np.tril(np.ones((n, n)))\n",
        },
    },
    "06_split_heads": {
        "correct": {
            "np.stack of column slices": _SPLIT.format(
                body="np.stack([np.asarray(x)[:, :, h * (d_model // num_heads):(h + 1) * (d_model // num_heads)]"
                     " for h in range(num_heads)], axis=1)"),
            "reshape and np.swapaxes": _SPLIT.format(
                body="np.swapaxes(np.reshape(x, (batch, n, num_heads, -1)), 1, 2)"),
        },
        "wrong": {
            "reshaped without transposing": _SPLIT.format(body="np.reshape(x, (batch, num_heads, n, d_model // num_heads))"),
            "heads taken as interleaved columns": _SPLIT.format(
                body="np.reshape(x, (batch, n, -1, num_heads)).transpose(0, 3, 1, 2)"),
            "wrong axis order (batch, n, heads, depth)": _SPLIT.format(body="np.reshape(x, (batch, n, num_heads, -1))"),
        },
    },
    "06_merge_heads": {
        "correct": {
            "np.concatenate of the heads": _MERGE.format(body="np.concatenate([x[:, h] for h in range(heads)], axis=-1)"),
            "swapaxes and reshape": _MERGE.format(body="np.swapaxes(x, 1, 2).reshape(batch, n, -1)"),
        },
        "wrong": {
            "reshaped without transposing": _MERGE.format(body="np.reshape(x, (batch, n, heads * depth))"),
            "heads interleaved": _MERGE.format(body="np.transpose(x, (0, 2, 3, 1)).reshape(batch, n, -1)"),
        },
    },
    "06_multi_head_attention": {
        "correct": {
            "einsum with the kernels as stored": (
                "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
                "    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights\n"
                "    q = np.einsum('bnd,dhk->bhnk', x_q, Wq) + bq[None, :, None, :]\n"
                "    k = np.einsum('bnd,dhk->bhnk', x_kv, Wk) + bk[None, :, None, :]\n"
                "    v = np.einsum('bnd,dhk->bhnk', x_kv, Wv) + bv[None, :, None, :]\n"
                "    m = None if mask is None else np.expand_dims(mask, -3)\n"
                "    heads, att = scaled_dot_product_attention(q, k, v, m)\n"
                "    return np.einsum('bhnk,hkd->bnd', heads, Wo) + bo, att\n"
            ),
            "ours": _MHA.format(**_M_OK),
        },
        "wrong": {
            "keys projected from the queries' sequence": _mha(k_from="x_q"),
            "mask ignored": _mha(use_mask="None"),
            "output projection left out": _mha(output="merge_heads(heads)"),
            "output bias left out": _mha(output="merge_heads(heads) @ W_o.reshape(-1, W_o.shape[-1])"),
            "query bias left out": _mha(project="x @ W.reshape(W.shape[0], -1) + (b.reshape(-1) if W is not W_q else 0)"),
            "kernel transposed (heads as the fast axis)": _mha(
                project="x @ np.swapaxes(W, 1, 2).reshape(W.shape[0], -1) + np.swapaxes(b, 0, 1).reshape(-1)"),
        },
    },
}
