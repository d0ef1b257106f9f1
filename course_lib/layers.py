"""Keras layers the notebooks share (06_transformers onwards).

* :class:`PositionalEmbedding` - token embedding plus a learned position embedding;
* :class:`TransformerBlock` - one encoder (or, with ``causal=True``, decoder-only) block:
  multi-head self-attention and a feed-forward network, each with a residual connection
  and layer normalisation, that can hand back its attention weights for pictures;
* :class:`AttentionPooling` - a learned query that attends over positions and returns
  one vector per sequence (and, if asked, where it looked).

Learners write attention, masks and the sinusoidal encoding themselves in
06_transformers/01 and 02; these layers are what later notebooks build models from,
so a model made of them saves, loads and clones like any Keras model.
"""
from __future__ import annotations

import keras
from keras import layers, ops

__all__ = ["PositionalEmbedding", "TransformerBlock", "AttentionPooling"]


@keras.saving.register_keras_serializable(package="course_lib")
class PositionalEmbedding(layers.Layer):
    """``Embedding(vocab_size, dim)`` of the tokens plus a learned embedding of their positions.

    Inputs: integer ids ``(batch, length)`` with ``length <= max_length``. Output
    ``(batch, length, dim)``. With ``mask_zero=True`` id 0 is padding and a mask is
    passed on to the layers after it (as ``keras.layers.Embedding`` does).
    """

    def __init__(self, vocab_size: int, max_length: int, dim: int, mask_zero: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size, self.max_length, self.dim, self.mask_zero = vocab_size, max_length, dim, mask_zero
        self.tokens = layers.Embedding(vocab_size, dim, mask_zero=mask_zero, name="tokens")
        self.positions = layers.Embedding(max_length, dim, name="positions")
        self.supports_masking = mask_zero

    def build(self, input_shape):
        self.tokens.build(input_shape)
        self.positions.build((None,))
        super().build(input_shape)

    def call(self, ids):
        length = ops.shape(ids)[-1]
        return self.tokens(ids) + self.positions(ops.arange(length))

    def compute_mask(self, ids, mask=None):
        return self.tokens.compute_mask(ids) if self.mask_zero else None

    def compute_output_shape(self, input_shape):
        return (*input_shape, self.dim)

    def get_config(self):
        return {**super().get_config(), "vocab_size": self.vocab_size, "max_length": self.max_length,
                "dim": self.dim, "mask_zero": self.mask_zero}


@keras.saving.register_keras_serializable(package="course_lib")
class TransformerBlock(layers.Layer):
    """Self-attention and a feed-forward network, each wrapped as ``x + sublayer(x)`` and normalised.

    ``norm_first=False`` is the original (post-norm) block, ``LayerNorm(x + sublayer(x))``;
    ``norm_first=True`` normalises before each sublayer, ``x + sublayer(LayerNorm(x))``,
    which trains more easily when blocks are stacked. ``causal=True`` lets position ``t``
    attend only to positions ``<= t`` (a decoder-only language model). A padding mask from
    the layer before (``mask_zero=True``) keeps padded positions out of the attention.

    ``call(x, return_attention=True)`` also returns the attention weights,
    ``(batch, num_heads, length, length)``: each row (query) sums to 1, except the
    rows of padded queries, which Keras leaves at zero.
    """

    def __init__(self, num_heads: int, key_dim: int, ff_dim: int, dropout: float = 0.0,
                 causal: bool = False, norm_first: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.num_heads, self.key_dim, self.ff_dim = num_heads, key_dim, ff_dim
        self.dropout, self.causal, self.norm_first = dropout, causal, norm_first
        self.supports_masking = True
        self.attention = layers.MultiHeadAttention(num_heads, key_dim, dropout=dropout, name="attention")
        self.norm_1 = layers.LayerNormalization(epsilon=1e-6, name="norm_1")
        self.norm_2 = layers.LayerNormalization(epsilon=1e-6, name="norm_2")
        self.drop_1 = layers.Dropout(dropout)
        self.drop_2 = layers.Dropout(dropout)
        self.ffn_in = self.ffn_out = None

    def build(self, input_shape):
        dim = input_shape[-1]
        self.ffn_in = layers.Dense(self.ff_dim, activation="relu", name="ffn_in")
        self.ffn_out = layers.Dense(dim, name="ffn_out")
        self.attention.build(input_shape, input_shape)
        for norm in (self.norm_1, self.norm_2):
            norm.build(input_shape)
        self.ffn_in.build(input_shape)
        self.ffn_out.build((*input_shape[:-1], self.ff_dim))
        super().build(input_shape)

    def _attend(self, x, mask, training, return_attention):
        attention_mask = None
        if mask is not None:                                   # padding: no query looks at a padded key
            attention_mask = ops.expand_dims(ops.cast(mask, "bool"), axis=1)
        return self.attention(x, x, attention_mask=attention_mask, use_causal_mask=self.causal,
                              training=training, return_attention_scores=return_attention)

    def call(self, x, mask=None, training=None, return_attention: bool = False):
        h = self.norm_1(x) if self.norm_first else x
        out = self._attend(h, mask, training, return_attention)
        attended, weights = out if return_attention else (out, None)
        x = x + self.drop_1(attended, training=training)
        if not self.norm_first:
            x = self.norm_1(x)
        h = self.norm_2(x) if self.norm_first else x
        x = x + self.drop_2(self.ffn_out(self.ffn_in(h)), training=training)
        if not self.norm_first:
            x = self.norm_2(x)
        return (x, weights) if return_attention else x

    def compute_mask(self, x, mask=None):
        return mask

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "num_heads": self.num_heads, "key_dim": self.key_dim,
                "ff_dim": self.ff_dim, "dropout": self.dropout, "causal": self.causal,
                "norm_first": self.norm_first}


@keras.saving.register_keras_serializable(package="course_lib")
class AttentionPooling(layers.Layer):
    """One learned query attends over the positions of ``(batch, length, channels)``.

    Scores ``s_t = w . tanh(W x_t + b)``, weights ``a = softmax(s)`` over positions
    (masked positions get none), output ``sum_t a_t x_t`` of shape ``(batch, channels)``.
    ``call(x, return_attention=True)`` also returns ``a``, ``(batch, length)``: where the
    model looked, e.g. which wavelengths of a spectrum.
    """

    def __init__(self, units: int = 32, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.supports_masking = True
        self.project = layers.Dense(units, activation="tanh", name="project")
        self.score = layers.Dense(1, use_bias=False, name="score")

    def build(self, input_shape):
        self.project.build(input_shape)
        self.score.build((*input_shape[:-1], self.units))
        super().build(input_shape)

    def call(self, x, mask=None, return_attention: bool = False):
        scores = ops.squeeze(self.score(self.project(x)), axis=-1)           # (batch, length)
        if mask is not None:
            scores = ops.where(ops.cast(mask, "bool"), scores, ops.full_like(scores, -1e9))
        weights = ops.softmax(scores, axis=-1)
        pooled = ops.sum(x * ops.expand_dims(weights, -1), axis=1)
        return (pooled, weights) if return_attention else pooled

    def compute_mask(self, x, mask=None):
        return None                                            # one vector per sequence: nothing to mask

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])

    def get_config(self):
        return {**super().get_config(), "units": self.units}
