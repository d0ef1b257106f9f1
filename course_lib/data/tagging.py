"""A seeded, generated corpus for named-entity tagging (08_applications/02_text_and_tags).

:func:`make_entity_sentences` writes short sentences about laboratories and
chemistry from templates and tags every token in the **BIO** scheme: ``B-X``
opens an entity of type ``X``, ``I-X`` continues it, ``O`` is outside every
entity. Four entity types (:data:`ENTITY_TYPES`):

* ``PER``: people, one or two tokens ("Curie", "Marie Curie");
* ``ORG``: organisations, two to four tokens ("Northwind Chemicals",
  "University of Lyon", "Lyon Institute of Technology");
* ``LOC``: places, one to three tokens ("Lyon", "New York", "Rio de Janeiro");
* ``COMPOUND``: chemical compounds, one or two tokens ("ethanol", "sodium chloride").

What makes it a tagging task rather than a look-up:

* some names are people **and** places ("Florence", "Georgia", "Austin",
  "Jordan", ...): only the context tells which;
* organisations contain place names ("University of Lyon" is one ORG, not an
  ORG around a LOC), and titles are not part of a name ("Dr." is ``O``);
* every name list is split, once and for all (not by the seed), into names for
  training and **new** names: with ``new_names=0`` only the first are used, with
  ``new_names=1`` only the second, so a test set of new names measures whether a
  tagger reads the context or memorised the names;
* about one sentence in ten has no entity at all.

Tokens are separated as written (punctuation is a token of its own); ``tokens``
and ``tags`` are lists of lists of strings of the same lengths.
"""
from __future__ import annotations

import numpy as np

from ..runtime import DEFAULT_SEED

__all__ = ["ENTITY_TYPES", "TAGS", "make_entity_sentences"]

ENTITY_TYPES = ("PER", "ORG", "LOC", "COMPOUND")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I"))

# Names that are people and places: used in both pools.
_BOTH = ["Florence", "Georgia", "Austin", "Jordan", "Victoria", "Sydney", "Washington", "Chester"]
_FIRST = ["Marie", "Ada", "Alan", "Rosalind", "Dorothy", "Linus", "Lise", "Chandra", "Emmy", "Niels",
          "Grace", "Carl", "Irene", "Otto", "Hedy", "Max", "Ruth", "Paul", "Yuki", "Amara",
          "Tomas", "Leila", "Ivan", "Nadia", "Kofi", "Ingrid", "Rafael", "Mei", "Omar", "Clara"] + _BOTH
_LAST = ["Curie", "Lovelace", "Turing", "Franklin", "Hodgkin", "Pauling", "Meitner", "Raman", "Noether",
         "Bohr", "Hopper", "Bosch", "Joliot", "Hahn", "Lamarr", "Planck", "Benedict", "Dirac", "Tanaka",
         "Okafor", "Novak", "Haddad", "Petrov", "Costa", "Mensah", "Berg", "Moreno", "Chen", "Aziz",
         "Weber", "Washington", "Jordan", "Austin", "Chester"]
_PLACES = ["Lyon", "Paris", "Berlin", "Madrid", "Oslo", "Lagos", "Nairobi", "Delhi", "Osaka", "Lima",
           "Boston", "Denver", "Quebec", "Porto", "Krakow", "Geneva", "Munich", "Accra", "Cairo", "Dublin",
           "New York", "San Diego", "Hong Kong", "Buenos Aires", "Cape Town", "New Delhi", "Tel Aviv",
           "Rio de Janeiro", "Salt Lake City", "Los Angeles"] + _BOTH
_ORG_SUFFIX = ["Labs", "Chemicals", "Instruments", "Pharma", "Materials", "Analytics"]
_ORG_WORD = ["Northwind", "Bluestone", "Helix", "Quantum", "Silverline", "Apex", "Crescent", "Ironwood",
             "Lumen", "Meridian", "Nova", "Orbit", "Pioneer", "Redwood", "Summit", "Vertex"]
_COMPOUNDS = ["ethanol", "methanol", "benzene", "toluene", "glucose", "caffeine", "acetone", "urea",
              "graphite", "quartz", "acetic acid", "citric acid", "sodium chloride", "calcium carbonate",
              "titanium dioxide", "potassium nitrate", "sulfuric acid", "silicon carbide", "zinc oxide",
              "lithium carbonate", "ammonium sulfate", "hydrogen peroxide", "magnesium sulfate", "nitric acid"]

_TEMPLATES = [
    "{PER} works for {ORG} in {LOC} .",
    "{PER} measured the Raman spectrum of {COMPOUND} at {ORG} .",
    "At {ORG} , {PER} dissolved {COMPOUND} in water .",
    "{ORG} opened a new laboratory in {LOC} .",
    "the shipment of {COMPOUND} left {LOC} on Monday .",
    "Dr. {PER} of {ORG} presented new results on {COMPOUND} .",
    "{PER} and {PER} moved from {LOC} to {LOC} .",
    "{PER} said that {COMPOUND} is safe .",
    "a sample of {COMPOUND} from {ORG} was contaminated with {COMPOUND} .",
    "{LOC} banned {COMPOUND} last year .",
    "researchers in {LOC} replaced {COMPOUND} with {COMPOUND} .",
    "{PER} joined {ORG} after ten years in {LOC} .",
    "the team led by {PER} visited {LOC} .",
    "{ORG} and {ORG} signed an agreement in {LOC} .",
    "{PER} thanked {PER} for the {COMPOUND} samples .",
    "Prof. {PER} heated {COMPOUND} to 300 degrees .",
    "{ORG} sells {COMPOUND} to customers in {LOC} .",
    "in {LOC} , {PER} founded {ORG} .",
    "{PER} met {PER} in {LOC} .",
    "the price of {COMPOUND} rose again .",
]
_EMPTY = [
    "the results were published last week .",
    "the spectrum shows two strong peaks .",
    "nobody expected the second measurement to fail .",
    "the samples were stored in the dark .",
    "we repeated the experiment three times .",
]


def _split(names: list[str]) -> tuple[list[str], list[str]]:
    """(names for training, new names): every fourth name of the sorted list is new."""
    ordered = sorted(set(names))
    return [n for i, n in enumerate(ordered) if i % 4 != 3], [n for i, n in enumerate(ordered) if i % 4 == 3]


_POOLS = {"FIRST": _split(_FIRST), "LAST": _split(_LAST), "PLACE": _split(_PLACES),
          "ORG_WORD": _split(_ORG_WORD), "COMPOUND": _split(_COMPOUNDS)}


def _entity(kind: str, rng: np.random.Generator, new_names: float) -> list[str]:
    def draw(pool: str) -> str:
        known, new = _POOLS[pool]
        names = new if rng.random() < new_names else known
        return names[rng.integers(len(names))]

    if kind == "PER":
        return [draw("LAST")] if rng.random() < 0.3 else [draw("FIRST"), draw("LAST")]
    if kind == "LOC":
        return draw("PLACE").split()
    if kind == "COMPOUND":
        return draw("COMPOUND").split()
    form = rng.integers(4)                                  # ORG
    if form == 0:
        return ["University", "of", *draw("PLACE").split()]
    if form == 1:
        return [*draw("PLACE").split(), "Institute", "of", "Technology"]
    if form == 2:
        return [draw("LAST"), _ORG_SUFFIX[rng.integers(len(_ORG_SUFFIX))]]
    return [draw("ORG_WORD"), _ORG_SUFFIX[rng.integers(len(_ORG_SUFFIX))]]


def make_entity_sentences(n: int = 1000, new_names: float = 0.0, seed: int = DEFAULT_SEED):
    """``n`` generated sentences as ``(tokens, tags)``: two lists of ``n`` lists of strings.

    ``tags[i][j]`` is the BIO tag of ``tokens[i][j]`` (one of :data:`TAGS`).
    ``new_names`` (from 0 to 1) is the probability that each name is drawn from
    the held-out names rather than the training names (see the module's docstring).
    The same ``seed`` and arguments give the same sentences.
    """
    if not 0.0 <= new_names <= 1.0:
        raise ValueError(f"new_names must be between 0 and 1, got {new_names}")
    rng = np.random.default_rng(seed)
    tokens, tags = [], []
    for _ in range(n):
        if rng.random() < 0.1:
            words = _EMPTY[rng.integers(len(_EMPTY))].split()
            tokens.append(words)
            tags.append(["O"] * len(words))
            continue
        sentence, sentence_tags = [], []
        for piece in _TEMPLATES[rng.integers(len(_TEMPLATES))].split():
            if piece.startswith("{") and piece.endswith("}"):
                kind = piece[1:-1]
                words = _entity(kind, rng, new_names)
                sentence += words
                sentence_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(words) - 1)
            else:
                sentence.append(piece)
                sentence_tags.append("O")
        tokens.append(sentence)
        tags.append(sentence_tags)
    return tokens, tags
