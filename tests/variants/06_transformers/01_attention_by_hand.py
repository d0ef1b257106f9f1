"""Answer variants for 06_transformers/01_attention_by_hand (see tests/test_exercises.py)."""

# scaled_dot_product_attention with one configurable mistake.
_SDPA = (
    "def scaled_dot_product_attention(q, k, v, mask=None):\n"
    "    s = {scores}\n"
    "    if mask is not None:\n"
    "        s = {masking}\n"
    "    s = s - s.max(axis={axis}, keepdims=True)\n"
    "    e = np.exp(s)\n"
    "    w = e / e.sum(axis={axis}, keepdims=True)\n"
    "    w = {after}\n"
    "    return w @ v, w\n"
)
_S_OK = dict(scores="q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])",
             masking="np.where(mask, s, -np.inf)", axis="-1", after="w")


def _sdpa(**mistake):
    return _SDPA.format(**{**_S_OK, **mistake})


# multi_head_attention (einsum on the Keras kernels) with one configurable mistake.
_MHA = (
    "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
    "    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights\n"
    "    q = np.einsum('bnd,dhk->bhnk', x_q, Wq) + bq[None, :, None, :]\n"
    "    k = np.einsum('bnd,dhk->bhnk', {kv_k}, Wk) + bk[None, :, None, :]\n"
    "    v = np.einsum('bnd,dhk->bhnk', {kv_v}, {Wv}) + {bv}[None, :, None, :]\n"
    "    s = np.einsum('bhqk,bhmk->bhqm', q, k) / np.sqrt({scale})\n"
    "    if mask is not None:\n"
    "        s = np.where({mask}, s, -1e9)\n"
    "    s = s - s.max(axis=-1, keepdims=True)\n"
    "    w = np.exp(s)\n"
    "    w = w / w.sum(axis=-1, keepdims=True)\n"
    "    o = np.einsum('bhqm,bhmv->bhqv', w, v)\n"
    "    return np.einsum('bhqv,hvd->bqd', o, Wo) + {bo}, w\n"
)
_M_OK = dict(kv_k="x_kv", kv_v="x_kv", Wv="Wv", bv="bv", scale="Wq.shape[-1]",
             mask="np.asarray(mask)[..., None, :, :]", bo="bo")


def _mha(**mistake):
    return _MHA.format(**{**_M_OK, **mistake})


VARIANTS = {
    "06_scaled_dot_product_attention": {
        "correct": {
            "relies only on what the text promises": _sdpa(),
            "einsum, additive -1e9 from a 0/1 mask": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    d = q.shape[-1]\n"
                "    s = np.einsum('...qd,...kd->...qk', q, k) / d ** 0.5\n"
                "    if mask is not None:\n"
                "        s = s + (1.0 - mask.astype(float)) * -1e9\n"
                "    m = np.max(s, axis=-1, keepdims=True)\n"
                "    w = np.exp(s - m)\n"
                "    w /= np.sum(w, axis=-1, keepdims=True)\n"
                "    return np.einsum('...qk,...kv->...qv', w, v), w\n"
            ),
            "np.matmul, query scaled first, log-sum-exp": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    q = q / np.sqrt(q.shape[-1])\n"
                "    s = np.matmul(q, np.moveaxis(k, -1, -2))\n"
                "    if mask is not None:\n"
                "        s = np.where(np.broadcast_to(mask, s.shape), s, -np.inf)\n"
                "    m = s.max(axis=-1, keepdims=True)\n"
                "    lse = m + np.log(np.exp(s - m).sum(axis=-1, keepdims=True))\n"
                "    w = np.exp(s - lse)\n"
                "    return np.matmul(w, v), w\n"
            ),
        },
        "wrong": {
            "scaled by d instead of sqrt(d)": _sdpa(scores="q @ np.swapaxes(k, -1, -2) / q.shape[-1]"),
            "not scaled": _sdpa(scores="q @ np.swapaxes(k, -1, -2)"),
            "scaled by sqrt(d_v)": _sdpa(scores="q @ np.swapaxes(k, -1, -2) / np.sqrt(v.shape[-1])"),
            "softmax over the queries axis": _sdpa(axis="-2"),
            "mask applied after the softmax": _sdpa(masking="s", after="w * mask if mask is not None else w"),
            "mask with the wrong sign": _sdpa(masking="np.where(mask, -np.inf, s)"),
            "mask ignored": _sdpa(masking="s"),
            "k.T instead of swapping the last two axes": _sdpa(scores="q @ k.T / np.sqrt(q.shape[-1])"),
            "naive softmax (overflows)": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])\n"
                "    if mask is not None:\n"
                "        s = np.where(mask, s, -np.inf)\n"
                "    e = np.exp(s)\n"
                "    w = e / e.sum(axis=-1, keepdims=True)\n"
                "    return w @ v, w\n"
            ),
            "boolean indexing (needs a full-shape mask)": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])\n"
                "    if mask is not None:\n"
                "        s[~mask] = -np.inf\n"
                "    s = s - s.max(axis=-1, keepdims=True)\n"
                "    w = np.exp(s) / np.exp(s).sum(axis=-1, keepdims=True)\n"
                "    return w @ v, w\n"
            ),
            "scales q in place": (
                "def scaled_dot_product_attention(q, k, v, mask=None):\n"
                "    q /= np.sqrt(q.shape[-1])\n"
                "    s = q @ np.swapaxes(k, -1, -2)\n"
                "    if mask is not None:\n"
                "        s = np.where(mask, s, -np.inf)\n"
                "    s = s - s.max(axis=-1, keepdims=True)\n"
                "    w = np.exp(s) / np.exp(s).sum(axis=-1, keepdims=True)\n"
                "    return w @ v, w\n"
            ),
            "returns (weights, output)": _sdpa().replace("return w @ v, w", "return w, w @ v"),
        },
    },
    "06_padding_mask": {
        "correct": {
            "relies only on what the text promises": (
                "def padding_mask(ids, pad_id=0):\n"
                "    return (ids != pad_id)[:, np.newaxis, :]\n"
            ),
            "expand_dims of a logical_not": (
                "def padding_mask(ids, pad_id=0):\n"
                "    return np.expand_dims(np.logical_not(np.equal(ids, pad_id)), 1)\n"
            ),
        },
        "wrong": {
            "True at the padding (wrong sign)": "def padding_mask(ids, pad_id=0):\n    return (ids == pad_id)[:, None, :]\n",
            "shape (batch, n)": "def padding_mask(ids, pad_id=0):\n    return ids != pad_id\n",
            "shape (batch, n, 1): masks queries": "def padding_mask(ids, pad_id=0):\n    return (ids != pad_id)[:, :, None]\n",
            "shape (batch, 1, 1, n)": "def padding_mask(ids, pad_id=0):\n    return (ids != pad_id)[:, None, None, :]\n",
            "pad_id ignored": "def padding_mask(ids, pad_id=0):\n    return (ids != 0)[:, None, :]\n",
            "0/1 integers": "def padding_mask(ids, pad_id=0):\n    return (ids != pad_id).astype(int)[:, None, :]\n",
            "only trailing padding (length-based)": (
                "def padding_mask(ids, pad_id=0):\n"
                "    n = ids.shape[1]\n"
                "    lengths = n - np.argmax(np.cumprod((ids == pad_id)[:, ::-1], axis=1) == 0, axis=1)\n"
                "    lengths = np.where((ids == pad_id).all(axis=1), 0, lengths)\n"
                "    return (np.arange(n)[None, :] < lengths[:, None])[:, None, :]\n"
            ),
        },
    },
    "06_causal_mask": {
        "correct": {
            "relies only on what the text promises": "def causal_mask(n):\n    return np.tril(np.ones((n, n), dtype=bool))\n",
            "comparison of aranges": "def causal_mask(n):\n    i = np.arange(n)\n    return i[:, None] >= i[None, :]\n",
            "not of a strict upper triangle": "def causal_mask(n):\n    return ~np.triu(np.ones((n, n), dtype=bool), k=1)\n",
        },
        "wrong": {
            "transposed (upper triangular)": "def causal_mask(n):\n    return np.triu(np.ones((n, n), dtype=bool))\n",
            "off by one: sees the next token": "def causal_mask(n):\n    return np.tril(np.ones((n, n), dtype=bool), k=1)\n",
            "diagonal excluded": "def causal_mask(n):\n    return np.tril(np.ones((n, n), dtype=bool), k=-1)\n",
            "0/1 floats": "def causal_mask(n):\n    return np.tril(np.ones((n, n)))\n",
            "True where attention is forbidden": "def causal_mask(n):\n    return np.triu(np.ones((n, n), dtype=bool), k=1)\n",
        },
    },
    "06_split_heads": {
        "correct": {
            "relies only on what the text promises": (
                "def split_heads(x, num_heads):\n"
                "    b, n, d = x.shape\n"
                "    return np.transpose(x.reshape(b, n, num_heads, d // num_heads), (0, 2, 1, 3))\n"
            ),
            "stack of column slices": (
                "def split_heads(x, num_heads):\n"
                "    depth = x.shape[-1] // num_heads\n"
                "    return np.stack([x[:, :, h * depth:(h + 1) * depth] for h in range(num_heads)], axis=1)\n"
            ),
            "np.split and swapaxes": (
                "def split_heads(x, num_heads):\n"
                "    return np.swapaxes(np.array(np.split(x, num_heads, axis=-1)), 0, 1)\n"
            ),
        },
        "wrong": {
            "reshaped straight to (batch, heads, n, depth)": (
                "def split_heads(x, num_heads):\n"
                "    b, n, d = x.shape\n"
                "    return x.reshape(b, num_heads, n, d // num_heads)\n"
            ),
            "interleaved columns (heads as the fast axis)": (
                "def split_heads(x, num_heads):\n"
                "    b, n, d = x.shape\n"
                "    return x.reshape(b, n, d // num_heads, num_heads).transpose(0, 3, 1, 2)\n"
            ),
            "heads split along the sequence": (
                "def split_heads(x, num_heads):\n"
                "    return np.stack(np.array_split(x, num_heads, axis=1), axis=1)\n"
            ),
            "shape (batch, n, heads, depth), no transpose": (
                "def split_heads(x, num_heads):\n"
                "    b, n, d = x.shape\n"
                "    return x.reshape(b, n, num_heads, d // num_heads)\n"
            ),
        },
    },
    "06_merge_heads": {
        "correct": {
            "relies only on what the text promises": (
                "def merge_heads(x):\n"
                "    b, h, n, d = x.shape\n"
                "    return np.transpose(x, (0, 2, 1, 3)).reshape(b, n, h * d)\n"
            ),
            "concatenate the heads": "def merge_heads(x):\n    return np.concatenate([x[:, h] for h in range(x.shape[1])], axis=-1)\n",
        },
        "wrong": {
            "reshaped without transpose": (
                "def merge_heads(x):\n"
                "    b, h, n, d = x.shape\n"
                "    return x.reshape(b, n, h * d)\n"
            ),
            "interleaved (depth before heads)": (
                "def merge_heads(x):\n"
                "    b, h, n, d = x.shape\n"
                "    return np.transpose(x, (0, 2, 3, 1)).reshape(b, n, h * d)\n"
            ),
            "heads in reverse order": "def merge_heads(x):\n    return np.concatenate([x[:, h] for h in reversed(range(x.shape[1]))], axis=-1)\n",
        },
    },
    "06_multi_head_attention": {
        "correct": {
            "relies only on what the text promises (uses the exercises)": (
                "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
                "    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights\n"
                "    d = x_q.shape[-1]\n"
                "    q = split_heads(x_q @ Wq.reshape(d, -1) + bq.reshape(-1), num_heads)\n"
                "    k = split_heads(x_kv @ Wk.reshape(d, -1) + bk.reshape(-1), num_heads)\n"
                "    v = split_heads(x_kv @ Wv.reshape(d, -1) + bv.reshape(-1), num_heads)\n"
                "    m = None if mask is None else mask[..., None, :, :]\n"
                "    o, w = scaled_dot_product_attention(q, k, v, m)\n"
                "    return merge_heads(o) @ Wo.reshape(-1, Wo.shape[-1]) + bo, w\n"
            ),
            "einsum on the Keras kernels, -1e9 mask": _mha(),
            "loop over the heads": (
                "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
                "    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights\n"
                "    outs, ws = [], []\n"
                "    for h in range(num_heads):\n"
                "        q = x_q @ Wq[:, h] + bq[h]\n"
                "        k = x_kv @ Wk[:, h] + bk[h]\n"
                "        v = x_kv @ Wv[:, h] + bv[h]\n"
                "        o, w = scaled_dot_product_attention(q, k, v, mask)\n"
                "        outs.append(o @ Wo[h])\n"
                "        ws.append(w)\n"
                "    return sum(outs) + bo, np.stack(ws, axis=1)\n"
            ),
        },
        "wrong": {
            "mask ignored": _mha(mask="np.ones_like(s, dtype=bool)"),
            "mask not expanded for the heads": _mha(mask="np.asarray(mask)"),
            "scaled by sqrt(d_model)": _mha(scale="x_q.shape[-1]"),
            "values from the key kernel": _mha(Wv="Wk", bv="bk"),
            "self-attention on x_q (x_kv ignored)": _mha(kv_k="x_q", kv_v="x_q"),
            "output bias forgotten": _mha(bo="0"),
            "kernels flattened heads-last (interleaved heads)": (
                "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
                "    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights\n"
                "    d = x_q.shape[-1]\n"
                "    flat = lambda W: np.swapaxes(W, 1, 2).reshape(d, -1)\n"
                "    q = split_heads(x_q @ flat(Wq) + bq.T.reshape(-1), num_heads)\n"
                "    k = split_heads(x_kv @ flat(Wk) + bk.T.reshape(-1), num_heads)\n"
                "    v = split_heads(x_kv @ flat(Wv) + bv.T.reshape(-1), num_heads)\n"
                "    m = None if mask is None else mask[..., None, :, :]\n"
                "    o, w = scaled_dot_product_attention(q, k, v, m)\n"
                "    return merge_heads(o) @ Wo.reshape(-1, Wo.shape[-1]) + bo, w\n"
            ),
        },
    },
}


# A few more, from a second writer of this file: each a whole answer on its own.
_MHA_PROJECTED = (
    "def multi_head_attention(x_q, x_kv, weights, num_heads, mask=None):\n"
    "    W_q, b_q, W_k, b_k, W_v, b_v, W_o, b_o = (np.asarray(w, dtype=float) for w in weights)\n"
    "    def project(x, W, b):\n"
    "        return split_heads(x @ W.reshape(W.shape[0], -1) + {bias}, num_heads)\n"
    "    q, k, v = project(x_q, W_q, {b_q}), project({k_from}, W_k, b_k), project(x_kv, W_v, b_v)\n"
    "    if mask is not None:\n"
    "        mask = np.asarray(mask, dtype=bool)[..., None, :, :]\n"
    "    heads, attention = scaled_dot_product_attention(q, k, v, mask=mask)\n"
    "    return {output}, attention\n"
)
_P_OK = dict(bias="b.reshape(-1)", b_q="b_q", k_from="x_kv",
             output="merge_heads(heads) @ W_o.reshape(-1, W_o.shape[-1]) + b_o")


def _mha_projected(**mistake):
    return _MHA_PROJECTED.format(**{**_P_OK, **mistake})


VARIANTS["06_scaled_dot_product_attention"]["correct"]["scipy's softmax"] = (
    "def scaled_dot_product_attention(q, k, v, mask=None):\n"
    "    from scipy.special import softmax\n"
    "    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])\n"
    "    if mask is not None:\n"
    "        s = np.where(mask, s, -np.inf)\n"
    "    w = softmax(s, axis=-1)\n"
    "    return w @ v, w\n"
)
VARIANTS["06_padding_mask"]["correct"]["a loop"] = (
    "def padding_mask(ids, pad_id=0):\n"
    "    out = np.zeros((ids.shape[0], 1, ids.shape[1]), dtype=bool)\n"
    "    for b in range(ids.shape[0]):\n"
    "        for j in range(ids.shape[1]):\n"
    "            out[b, 0, j] = ids[b, j] != pad_id\n"
    "    return out\n"
)
VARIANTS["06_padding_mask"]["wrong"]["ids changed in place"] = (
    "def padding_mask(ids, pad_id=0):\n"
    "    real = ids != pad_id\n"
    "    ids[...] = real\n"
    "    return real[:, None, :]\n"
)
VARIANTS["06_multi_head_attention"]["correct"]["projections as one matrix product each"] = _mha_projected()
VARIANTS["06_multi_head_attention"]["wrong"].update({
    "keys projected from the queries' sequence": _mha_projected(k_from="x_q"),
    "query bias left out": _mha_projected(b_q="np.zeros_like(b_q)"),
    "output projection left out": _mha_projected(output="merge_heads(heads)"),
})
