"""The generated entity corpus of 08_applications/02_text_and_tags (course_lib/data/tagging.py)."""
from __future__ import annotations

import pytest

from course_lib.data.tagging import ENTITY_TYPES, TAGS, make_entity_sentences


def _spans(tags):
    """(type, start, end exclusive) of a BIO sentence that is well formed (checked)."""
    spans, start = [], None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and not tag.startswith("I-"):
            spans.append((tags[start][2:], start, i))
            start = None
        if tag.startswith("B-"):
            start = i
        elif tag.startswith("I-"):
            assert start is not None and tags[start][2:] == tag[2:], tags
    return spans


def test_shapes_tags_and_seed():
    tokens, tags = make_entity_sentences(300, seed=3)
    again, again_tags = make_entity_sentences(300, seed=3)
    other, _ = make_entity_sentences(300, seed=4)
    assert tokens == again and tags == again_tags and tokens != other
    assert len(tokens) == len(tags) == 300
    assert all(len(t) == len(g) and len(t) > 0 for t, g in zip(tokens, tags))
    assert set(TAGS) == {"O"} | {f"{p}-{t}" for t in ENTITY_TYPES for p in "BI"}
    assert {tag for s in tags for tag in s} == set(TAGS)
    assert all(isinstance(w, str) and w and " " not in w for s in tokens for w in s)


def test_bio_is_well_formed_with_multi_token_entities_and_empty_sentences():
    tokens, tags = make_entity_sentences(500, seed=0)
    spans = [s for sent in tags for s in _spans(sent)]
    lengths = {t: {end - start for typ, start, end in spans if typ == t} for t in ENTITY_TYPES}
    assert all(max(lengths[t]) >= 2 for t in ENTITY_TYPES), lengths
    assert max(lengths["ORG"]) >= 4
    empty = sum(all(t == "O" for t in sent) for sent in tags)
    assert 20 <= empty <= 90
    share_o = sum(t == "O" for s in tags for t in s) / sum(map(len, tags))
    assert 0.45 < share_o < 0.7


def test_new_names_are_unseen_and_ambiguous_names_take_both_types():
    tokens, tags = make_entity_sentences(1500, new_names=0.0, seed=0)
    vocab = {w for s in tokens for w in s}
    new_tokens, new_tags = make_entity_sentences(300, new_names=1.0, seed=1)
    unseen = [w for s, g in zip(new_tokens, new_tags) for w, t in zip(s, g) if w not in vocab]
    assert len(unseen) > 200
    assert all(t != "O" for s, g in zip(new_tokens, new_tags) for w, t in zip(s, g) if w not in vocab)
    types_of = {}
    for s, g in zip(tokens, tags):
        for w, t in zip(s, g):
            if t != "O":
                types_of.setdefault(w, set()).add(t[2:])
    assert {"PER", "LOC"} <= types_of["Florence"] | types_of["Georgia"]
    with pytest.raises(ValueError):
        make_entity_sentences(5, new_names=1.5)
