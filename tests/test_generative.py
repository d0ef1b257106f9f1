"""Unit tests of course_lib.generative (the VAE and GAN that 05_generative/04 trains)."""
import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_lib.generative import GAN, VAE  # noqa: E402


def _images(n=64, seed=0):
    return np.random.default_rng(seed).uniform(0, 1, size=(n, 16)).astype("float32")


def test_vae_trains_and_its_loss_falls():
    keras.utils.set_random_seed(0)
    x_in = keras.Input((16,))
    h = keras.layers.Dense(8, activation="relu")(x_in)
    encoder = keras.Model(x_in, [keras.layers.Dense(2)(h), keras.layers.Dense(2)(h)])
    decoder = keras.Sequential([keras.Input((2,)), keras.layers.Dense(16, activation="sigmoid")])
    vae = VAE(encoder, decoder, seed=0)
    vae.compile(optimizer=keras.optimizers.Adam(1e-2), jit_compile=False)
    x = np.tile(_images(4), (16, 1))                    # four images, many times: easy to reconstruct

    def reconstruction_error():
        mean, _ = encoder(x)
        return float(np.mean((keras.ops.convert_to_numpy(decoder(mean)) - x) ** 2))

    before = reconstruction_error()
    vae.fit(x, epochs=30, batch_size=16, verbose=0)
    after = reconstruction_error()
    assert np.isfinite(after) and after < 0.7 * before, (before, after)


def test_gan_updates_both_networks_only_with_their_own_optimizer():
    keras.utils.set_random_seed(0)
    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="sigmoid")])
    discriminator = keras.Sequential([keras.Input((16,)), keras.layers.Dense(1)])
    gan = GAN(generator, discriminator, 4, seed=0)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-2), g_optimizer=keras.optimizers.Adam(1e-2))
    g0, d0 = [w.copy() for w in generator.get_weights()], [w.copy() for w in discriminator.get_weights()]
    history = gan.fit(_images(), epochs=2, batch_size=16, verbose=0).history
    assert set(history) >= {"d_loss", "g_loss"}
    assert all(np.isfinite(v).all() for v in history.values())
    assert not np.allclose(g0[0], generator.get_weights()[0])
    assert not np.allclose(d0[0], discriminator.get_weights()[0])
    # Both losses are means of softplus values: positive.
    assert min(history["d_loss"]) > 0 and min(history["g_loss"]) > 0
