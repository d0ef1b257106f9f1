"""Answer variants for 08_applications/02_text_and_tags (see tests/test_exercises.py)."""

# accuracy_by_kind with one configurable step.
_ACC = (
    "def accuracy_by_kind(y_true, y_pred, kinds):\n"
    "    right = {right}\n"
    "    kinds = np.asarray(kinds)\n"
    "    out = {{'all': {overall}}}\n"
    "    for kind in {which}:\n"
    "        out[str(kind)] = float(right[kinds == kind].mean())\n"
    "    return out\n"
)
_A_OK = dict(right="np.asarray(y_true) == np.asarray(y_pred)", overall="float(right.mean())", which="np.unique(kinds)")


def _acc(**mistake):
    return _ACC.format(**{**_A_OK, **mistake})


# bio_to_spans with one configurable rule.
_BIO = (
    "def bio_to_spans(tags):\n"
    "    spans, kind, start = [], None, None\n"
    "    for i, tag in enumerate(list(tags) + {sentinel}):\n"
    "        prefix, tag_type = tag[:1], tag[2:]\n"
    "        continues = {continues}\n"
    "        if kind is not None and not continues:\n"
    "            spans.append((kind, start, {end}))\n"
    "            kind, start = None, None\n"
    "        if {starts}:\n"
    "            kind, start = tag_type, i\n"
    "    return spans\n"
)
_S_OK = dict(sentinel="['O']", continues="prefix == 'I' and tag_type == kind", end="i",
             starts="prefix in ('B', 'I') and not continues")


def _bio(**mistake):
    return _BIO.format(**{**_S_OK, **mistake})


# span_f1 with one configurable step (bio_to_spans is lent by the test cell).
_F1 = (
    "def span_f1(true_tags, pred_tags):\n"
    "    correct = n_pred = n_true = 0\n"
    "    for t, p in zip(true_tags, pred_tags):\n"
    "        ts, ps = {spans}\n"
    "        correct += {match}\n"
    "        n_pred += len(ps)\n"
    "        n_true += len(ts)\n"
    "    {divide}\n"
    "    return {{'precision': precision, 'recall': recall, 'f1': f1}}\n"
)
_F_OK = dict(spans="set(bio_to_spans(t)), set(bio_to_spans(p))", match="len(ts & ps)",
             divide=("precision = correct / n_pred if n_pred else 0.0\n"
                     "    recall = correct / n_true if n_true else 0.0\n"
                     "    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0"))


def _f1(**mistake):
    return _F1.format(**{**_F_OK, **mistake})


VARIANTS = {
    "08_accuracy_by_kind": {
        "correct": {
            "counts in plain Python": (
                "def accuracy_by_kind(y_true, y_pred, kinds):\n"
                "    hits, totals = {}, {}\n"
                "    for t, p, k in zip(y_true.tolist(), y_pred.tolist(), kinds.tolist()):\n"
                "        totals[k] = totals.get(k, 0) + 1\n"
                "        hits[k] = hits.get(k, 0) + (t == p)\n"
                "    out = {'all': sum(hits.values()) / len(y_true)}\n"
                "    out.update({k: hits[k] / totals[k] for k in totals})\n"
                "    return out\n"
            ),
            "set of kinds and np.mean": (
                "def accuracy_by_kind(y_true, y_pred, kinds):\n"
                "    out = {'all': np.mean(y_true == y_pred)}\n"
                "    for k in set(kinds.tolist()):\n"
                "        where = kinds == k\n"
                "        out[k] = np.mean(y_true[where] == y_pred[where])\n"
                "    return out\n"
            ),
            "template, kinds in order of appearance": _acc(which="dict.fromkeys(kinds.tolist())"),
        },
        "wrong": {
            "'all' is the mean of the per-kind accuracies": _acc(
                overall="float(np.mean([right[np.asarray(kinds) == k].mean() for k in np.unique(kinds)]))"),
            "a fixed list of the review kinds": _acc(which="['plain', 'negated', 'contrast']"),
            "error rate instead of accuracy": _acc(right="np.asarray(y_true) != np.asarray(y_pred)"),
            "no 'all' key": (
                "def accuracy_by_kind(y_true, y_pred, kinds):\n"
                "    right = y_true == y_pred\n"
                "    return {str(k): float(right[kinds == k].mean()) for k in np.unique(kinds)}\n"
            ),
            "thresholds the predictions at 0.5": _acc(right="np.asarray(y_true) == (np.asarray(y_pred) > 0.5)"),
            "sorts the caller's arrays": (
                "def accuracy_by_kind(y_true, y_pred, kinds):\n"
                "    order = np.argsort(kinds, kind='stable')\n"
                "    y_true[:] = y_true[order]; y_pred[:] = y_pred[order]; kinds[:] = kinds[order]\n"
                "    right = y_true == y_pred\n"
                "    out = {'all': float(right.mean())}\n"
                "    for k in np.unique(kinds):\n"
                "        out[str(k)] = float(right[kinds == k].mean())\n"
                "    return out\n"
            ),
        },
    },
    "08_bio_to_spans": {
        "correct": {
            "explicit branches, closing with a helper": (
                "def bio_to_spans(tags):\n"
                "    spans = []\n"
                "    current = None\n"
                "    for i, tag in enumerate(tags):\n"
                "        if tag == 'O':\n"
                "            if current:\n"
                "                spans.append((current[0], current[1], i)); current = None\n"
                "            continue\n"
                "        prefix, kind = tag.split('-', 1)\n"
                "        if prefix == 'I' and current and current[0] == kind:\n"
                "            continue\n"
                "        if current:\n"
                "            spans.append((current[0], current[1], i))\n"
                "        current = (kind, i)\n"
                "    if current:\n"
                "        spans.append((current[0], current[1], len(tags)))\n"
                "    return spans\n"
            ),
            "start positions first, then extend": (
                "def bio_to_spans(tags):\n"
                "    out = []\n"
                "    for i, tag in enumerate(tags):\n"
                "        if tag == 'O':\n"
                "            continue\n"
                "        kind = tag[2:]\n"
                "        if tag[0] == 'I' and i > 0 and tags[i - 1] != 'O' and tags[i - 1][2:] == kind:\n"
                "            continue\n"
                "        end = i + 1\n"
                "        while end < len(tags) and tags[end] == 'I-' + kind:\n"
                "            end += 1\n"
                "        out.append((kind, i, end))\n"
                "    return out\n"
            ),
            "returns a set of tuples": (
                "def bio_to_spans(tags):\n"
                "    spans, kind, start = set(), None, None\n"
                "    for i, tag in enumerate(tags + ['O']):\n"
                "        p, t = (tag.split('-', 1) + [''])[:2]\n"
                "        if kind and not (p == 'I' and t == kind):\n"
                "            spans.add((kind, start, i)); kind = None\n"
                "        if p in 'BI' and p and kind is None:\n"
                "            kind, start = t, i\n"
                "    return spans\n"
            ),
        },
        "wrong": {
            "an I- after O (or at the start) is dropped": _bio(starts="prefix == 'B'"),
            "an I- of another type continues the entity": _bio(continues="prefix == 'I' and kind is not None"),
            "end is the index of the last tag (inclusive)": _bio(end="i - 1"),
            "the entity at the end of the sentence is lost": _bio(sentinel="[]"),
            "a B- right after an entity of the same type continues it": _bio(
                continues="prefix in ('B', 'I') and tag_type == kind"),
            "an I- of another type ends the entity but starts none": _bio(
                starts="prefix == 'B' or (prefix == 'I' and kind is None and (i == 0 or tags[i - 1] == 'O'))"),
        },
    },
    "08_span_f1": {
        "correct": {
            "one pooled set with the sentence index": (
                "def span_f1(true_tags, pred_tags):\n"
                "    T = {(i,) + tuple(s) for i, tags in enumerate(true_tags) for s in bio_to_spans(tags)}\n"
                "    P = {(i,) + tuple(s) for i, tags in enumerate(pred_tags) for s in bio_to_spans(tags)}\n"
                "    hit = len(T & P)\n"
                "    p = hit / len(P) if P else 0.0\n"
                "    r = hit / len(T) if T else 0.0\n"
                "    return {'f1': 2 * p * r / (p + r) if p + r > 0 else 0.0, 'recall': r, 'precision': p}\n"
            ),
            "list membership, only what the text promises": _f1(
                spans="bio_to_spans(t), bio_to_spans(p)", match="sum(1 for s in ps if s in ts)"),
            "F1 from the counts": _f1(divide=(
                "precision = correct / n_pred if n_pred else 0.0\n"
                "    recall = correct / n_true if n_true else 0.0\n"
                "    f1 = 2 * correct / (n_pred + n_true) if correct else 0.0")),
        },
        "wrong": {
            "per token instead of per span": (
                "def span_f1(true_tags, pred_tags):\n"
                "    pairs = [(t, p) for ts, ps in zip(true_tags, pred_tags) for t, p in zip(ts, ps)]\n"
                "    correct = sum(1 for t, p in pairs if p != 'O' and p == t)\n"
                "    n_pred = sum(1 for t, p in pairs if p != 'O')\n"
                "    n_true = sum(1 for t, p in pairs if t != 'O')\n"
                "    precision = correct / n_pred if n_pred else 0.0\n"
                "    recall = correct / n_true if n_true else 0.0\n"
                "    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0\n"
                "    return {'precision': precision, 'recall': recall, 'f1': f1}\n"
            ),
            "partial overlaps count as matches": _f1(
                match="sum(any(k == k2 and a < b2 and a2 < b for k2, a2, b2 in ts) for k, a, b in ps)"),
            "type ignored": _f1(spans="{s[1:] for s in bio_to_spans(t)}, {s[1:] for s in bio_to_spans(p)}"),
            "macro average over types": (
                "def span_f1(true_tags, pred_tags):\n"
                "    T = {(i,) + s for i, tags in enumerate(true_tags) for s in bio_to_spans(tags)}\n"
                "    P = {(i,) + s for i, tags in enumerate(pred_tags) for s in bio_to_spans(tags)}\n"
                "    scores = []\n"
                "    for kind in {s[1] for s in T | P}:\n"
                "        t = {s for s in T if s[1] == kind}; p = {s for s in P if s[1] == kind}\n"
                "        pr = len(t & p) / len(p) if p else 0.0\n"
                "        rc = len(t & p) / len(t) if t else 0.0\n"
                "        scores.append((pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0))\n"
                "    if not scores:\n"
                "        return {'precision': 0.0, 'recall': 0.0, 'f1': 0.0}\n"
                "    m = np.mean(scores, axis=0)\n"
                "    return {'precision': float(m[0]), 'recall': float(m[1]), 'f1': float(m[2])}\n"
            ),
            "macro average over sentences": (
                "def span_f1(true_tags, pred_tags):\n"
                "    ps, rs = [], []\n"
                "    for t, p in zip(true_tags, pred_tags):\n"
                "        T, P = set(bio_to_spans(t)), set(bio_to_spans(p))\n"
                "        if P: ps.append(len(T & P) / len(P))\n"
                "        if T: rs.append(len(T & P) / len(T))\n"
                "    precision = float(np.mean(ps)) if ps else 0.0\n"
                "    recall = float(np.mean(rs)) if rs else 0.0\n"
                "    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0\n"
                "    return {'precision': precision, 'recall': recall, 'f1': f1}\n"
            ),
            "divides by zero when nothing is predicted": _f1(divide=(
                "precision = correct / n_pred\n"
                "    recall = correct / n_true\n"
                "    f1 = 2 * precision * recall / (precision + recall)")),
            "one pooled set without the sentence index": (
                "def span_f1(true_tags, pred_tags):\n"
                "    T = {s for tags in true_tags for s in bio_to_spans(tags)}\n"
                "    P = {s for tags in pred_tags for s in bio_to_spans(tags)}\n"
                "    p = len(T & P) / len(P) if P else 0.0\n"
                "    r = len(T & P) / len(T) if T else 0.0\n"
                "    return {'precision': p, 'recall': r, 'f1': 2 * p * r / (p + r) if p + r else 0.0}\n"
            ),
            "precision and recall swapped": _f1(divide=(
                "recall = correct / n_pred if n_pred else 0.0\n"
                "    precision = correct / n_true if n_true else 0.0\n"
                "    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0")),
        },
    },
}
