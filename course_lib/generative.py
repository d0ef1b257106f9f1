"""Trainable generative models for notebooks that use them rather than teach them.

* :class:`VAE` - a variational autoencoder (the model learners write in
  05_generative/02_variational_autoencoders);
* :class:`GAN` - a GAN with the non-saturating generator loss (the model learners
  write in 05_generative/03_gans).

05_generative/04_measuring_and_uses trains both to measure their samples. They live
here so that notebook 04's student version does not print the answers of notebooks
02 and 03, which belong to the same assignment.
"""
from __future__ import annotations

import keras
from keras import ops

__all__ = ["VAE", "GAN"]


def _tape():
    import tensorflow as tf        # Keras on TensorFlow (the course's backend)

    return tf.GradientTape()


class VAE(keras.Model):
    """``encoder`` maps a batch of flat images in [0, 1] to ``(mean, log_var)``, ``decoder`` a code
    back to pixel probabilities. Trains on the binary cross-entropy of the reconstruction (summed
    over pixels) plus the KL divergence from ``N(0, I)``; call ``fit(x)`` without targets."""

    def __init__(self, encoder, decoder, seed: int = 0):
        super().__init__()
        self.encoder, self.decoder = encoder, decoder
        self.noise = keras.random.SeedGenerator(seed)

    def train_step(self, x):
        with _tape() as tape:
            mean, log_var = self.encoder(x, training=True)
            z = mean + ops.exp(0.5 * log_var) * keras.random.normal(ops.shape(mean), seed=self.noise)
            x_hat = ops.clip(self.decoder(z, training=True), 1e-7, 1 - 1e-7)
            reconstruction = ops.mean(ops.sum(-(x * ops.log(x_hat) + (1 - x) * ops.log(1 - x_hat)), axis=1))
            kl = ops.mean(-0.5 * ops.sum(1 + log_var - mean ** 2 - ops.exp(log_var), axis=1))
            loss = reconstruction + kl
        self.optimizer.apply(tape.gradient(loss, self.trainable_weights), self.trainable_weights)
        return {"loss": loss}


class GAN(keras.Model):
    """``generator`` maps noise ``(n, latent_dim)`` to samples, ``discriminator`` a sample to one
    logit (real > 0). Each step: a discriminator update on real and generated samples, then a
    generator update with the non-saturating loss. ``compile(d_optimizer, g_optimizer)``, then
    ``fit(real)`` without targets."""

    def __init__(self, generator, discriminator, latent_dim: int, seed: int = 0):
        super().__init__()
        self.generator, self.discriminator, self.latent_dim = generator, discriminator, latent_dim
        self.noise = keras.random.SeedGenerator(seed)

    def compile(self, d_optimizer, g_optimizer):
        super().compile(jit_compile=False)
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer

    def train_step(self, real):
        n = ops.shape(real)[0]
        fake = self.generator(keras.random.normal((n, self.latent_dim), seed=self.noise), training=True)
        with _tape() as tape:
            d_loss = (ops.mean(ops.softplus(-self.discriminator(real, training=True)))
                      + ops.mean(ops.softplus(self.discriminator(fake, training=True))))
        d_weights = self.discriminator.trainable_weights
        self.d_optimizer.apply(tape.gradient(d_loss, d_weights), d_weights)
        with _tape() as tape:
            z = keras.random.normal((n, self.latent_dim), seed=self.noise)
            g_loss = ops.mean(ops.softplus(-self.discriminator(self.generator(z, training=True), training=True)))
        g_weights = self.generator.trainable_weights
        self.g_optimizer.apply(tape.gradient(g_loss, g_weights), g_weights)
        return {"d_loss": d_loss, "g_loss": g_loss}
