"""Answer variants for 05_generative/03_gans (see tests/test_exercises.py)."""

_HEAD = '''
class GAN(keras.Model):
    def __init__(self, generator, discriminator, latent_dim, seed=0):
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(seed)

    def compile(self, d_optimizer, g_optimizer, **kwargs):
        super().compile(**kwargs)
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
'''

# train_step in the words of the text, with one configurable piece each.
_STEP = _HEAD + '''
    def train_step(self, real):
        n = keras.ops.shape(real)[0]
        z = keras.random.normal((n, self.latent_dim), seed=self.seed_generator)
        fake = self.generator(z, training=True)
        with tf.GradientTape() as tape:
            real_logits = self.discriminator(real, training=True)
            fake_logits = self.discriminator(fake, training=True)
            d_loss = @D_LOSS@
        d_vars = @D_VARS@
        self.d_optimizer.apply_gradients(zip(tape.gradient(d_loss, d_vars), d_vars))
        @Z2@
        with tf.GradientTape() as tape:
            logits = self.discriminator(self.generator(z, training=True), training=True)
            g_loss = @G_LOSS@
        g_vars = @G_VARS@
        self.g_optimizer.apply_gradients(zip(tape.gradient(g_loss, g_vars), g_vars))
        return {"d_loss": d_loss, "g_loss": g_loss,
                "d_acc_real": keras.ops.mean(keras.ops.cast(@ACC_REAL@, "float32")),
                "d_acc_fake": keras.ops.mean(keras.ops.cast(@ACC_FAKE@, "float32"))}
'''
_OK = {
    "@D_LOSS@": "keras.ops.mean(keras.ops.softplus(-real_logits)) + keras.ops.mean(keras.ops.softplus(fake_logits))",
    "@D_VARS@": "self.discriminator.trainable_weights",
    "@Z2@": "z = keras.random.normal((n, self.latent_dim), seed=self.seed_generator)",
    "@G_LOSS@": "keras.ops.mean(keras.ops.softplus(-logits))",
    "@G_VARS@": "self.generator.trainable_weights",
    "@ACC_REAL@": "real_logits > 0",
    "@ACC_FAKE@": "fake_logits < 0",
}


def _step(**mistake):
    code = _STEP
    for key, value in {**_OK, **{f"@{k.upper()}@": v for k, v in mistake.items()}}.items():
        code = code.replace(key, value)
    return code


_BCE = _HEAD + '''
    def train_step(self, real):
        bce = keras.losses.BinaryCrossentropy(from_logits=True)
        batch = tf.shape(real)[0]
        noise = keras.random.normal(shape=(batch, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as d_tape:
            fake_images = self.generator(noise, training=True)
            r = self.discriminator(real, training=True)
            f = self.discriminator(fake_images, training=True)
            loss_d = bce(tf.ones_like(r), r) + bce(tf.zeros_like(f), f)
        grads = d_tape.gradient(loss_d, self.discriminator.trainable_variables)
        self.d_optimizer.apply_gradients(zip(grads, self.discriminator.trainable_variables))
        noise = keras.random.normal(shape=(batch, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as g_tape:
            f2 = self.discriminator(self.generator(noise, training=True), training=True)
            loss_g = bce(tf.ones_like(f2), f2)
        grads = g_tape.gradient(loss_g, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_variables))
        acc_r = tf.reduce_mean(tf.cast(r > 0, tf.float32))
        acc_f = tf.reduce_mean(tf.cast(f < 0, tf.float32))
        return dict(g_loss=loss_g, d_acc_fake=acc_f, d_loss=loss_d, d_acc_real=acc_r)
'''

_CONCAT = _HEAD + '''
    def train_step(self, real):
        n = tf.shape(real)[0]
        fake = self.generator(keras.random.normal((n, self.latent_dim), seed=self.seed_generator), training=True)
        both = tf.concat([tf.cast(real, fake.dtype), fake], axis=0)
        with tf.GradientTape() as tape:
            logits = self.discriminator(both, training=True)
            real_logits, fake_logits = logits[:n], logits[n:]
            d_loss = (tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(tf.ones_like(real_logits), real_logits))
                      + tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(tf.zeros_like(fake_logits), fake_logits)))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(list(zip(grads, self.discriminator.trainable_weights)))
        z = keras.random.normal((n, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            out = self.discriminator(self.generator(z, training=True), training=True)
            g_loss = -tf.reduce_mean(tf.math.log_sigmoid(out))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(list(zip(grads, self.generator.trainable_weights)))
        metrics = {}
        metrics["d_loss"] = d_loss
        metrics["g_loss"] = g_loss
        metrics["d_acc_real"] = tf.reduce_mean(tf.where(real_logits > 0, 1.0, 0.0))
        metrics["d_acc_fake"] = tf.reduce_mean(tf.where(fake_logits < 0, 1.0, 0.0))
        return metrics
'''

# Both tapes at once, as in some tutorials: the generator step sees the discriminator BEFORE its update.
_SIMULTANEOUS = _HEAD + '''
    def train_step(self, real):
        n = keras.ops.shape(real)[0]
        z1 = keras.random.normal((n, self.latent_dim), seed=self.seed_generator)
        z2 = keras.random.normal((n, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as d_tape, tf.GradientTape() as g_tape:
            real_logits = self.discriminator(real, training=True)
            fake_logits = self.discriminator(self.generator(z1, training=True), training=True)
            d_loss = keras.ops.mean(keras.ops.softplus(-real_logits)) + keras.ops.mean(keras.ops.softplus(fake_logits))
            logits = self.discriminator(self.generator(z2, training=True), training=True)
            g_loss = keras.ops.mean(keras.ops.softplus(-logits))
        d_vars, g_vars = self.discriminator.trainable_weights, self.generator.trainable_weights
        d_grads = d_tape.gradient(d_loss, d_vars)
        g_grads = g_tape.gradient(g_loss, g_vars)
        self.d_optimizer.apply_gradients(zip(d_grads, d_vars))
        self.g_optimizer.apply_gradients(zip(g_grads, g_vars))
        return {"d_loss": d_loss, "g_loss": g_loss,
                "d_acc_real": keras.ops.mean(keras.ops.cast(real_logits > 0, "float32")),
                "d_acc_fake": keras.ops.mean(keras.ops.cast(fake_logits < 0, "float32"))}
'''

# The fakes made inside the discriminator's tape and the gradient taken for ALL the weights.
_ALL_IN_D_STEP = _STEP.replace(
    "        fake = self.generator(z, training=True)\n        with tf.GradientTape() as tape:\n",
    "        with tf.GradientTape() as tape:\n            fake = self.generator(z, training=True)\n",
).replace("@D_VARS@", "self.trainable_weights")
for _key, _value in _OK.items():
    _ALL_IN_D_STEP = _ALL_IN_D_STEP.replace(_key, _value)

VARIANTS = {
    "05_discriminator_loss": {
        "correct": {
            "relies only on what the text promises": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float(np.logaddexp(0, -real_logits).mean() + np.logaddexp(0, fake_logits).mean())\n"
            ),
            "softplus written as max(x, 0) + log1p(exp(-|x|))": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    def softplus(x):\n"
                "        x = np.asarray(x, dtype=np.float64)\n"
                "        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))\n"
                "    r, f = softplus(-np.ravel(real_logits)), softplus(np.ravel(fake_logits))\n"
                "    return float(r.sum() / r.size + f.sum() / f.size)\n"
            ),
            "-log_sigmoid from scipy": (
                "from scipy.special import log_expit\n"
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float(-np.mean(log_expit(real_logits)) - np.mean(log_expit(-np.asarray(fake_logits))))\n"
            ),
        },
        "wrong": {
            "real and fake labels swapped": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float(np.logaddexp(0, real_logits).mean() + np.logaddexp(0, -fake_logits).mean())\n"
            ),
            "unstable: -log(sigmoid) and -log(1 - sigmoid)": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    sig = lambda a: 1 / (1 + np.exp(-a))\n"
                "    return float(-np.mean(np.log(sig(real_logits))) - np.mean(np.log(1 - sig(fake_logits))))\n"
            ),
            "unstable: log(1 + exp(x))": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    sp = lambda a: np.log(1 + np.exp(a))\n"
                "    return float(np.mean(sp(-real_logits)) + np.mean(sp(fake_logits)))\n"
            ),
            "one mean over real and fake together": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    both = np.concatenate([np.logaddexp(0, -np.ravel(real_logits)), np.logaddexp(0, np.ravel(fake_logits))])\n"
                "    return float(both.mean())\n"
            ),
            "the average of the two means": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float((np.logaddexp(0, -real_logits).mean() + np.logaddexp(0, fake_logits).mean()) / 2)\n"
            ),
            "sums instead of means": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float(np.logaddexp(0, -real_logits).sum() + np.logaddexp(0, fake_logits).sum())\n"
            ),
            "only the real half": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    return float(np.logaddexp(0, -real_logits).mean())\n"
            ),
            "changes its input in place": (
                "def discriminator_loss(real_logits, fake_logits):\n"
                "    real_logits *= -1\n"
                "    return float(np.logaddexp(0, real_logits).mean() + np.logaddexp(0, fake_logits).mean())\n"
            ),
        },
    },
    "05_generator_loss": {
        "correct": {
            "relies only on what the text promises": (
                "def generator_loss(fake_logits):\n"
                "    return float(np.mean(np.logaddexp(0, -fake_logits)))\n"
            ),
            "stable -log sigmoid written by hand": (
                "def generator_loss(fake_logits):\n"
                "    x = -np.asarray(fake_logits, dtype=float).ravel()\n"
                "    out = np.where(x > 0, x + np.log1p(np.exp(-np.abs(x))), np.log1p(np.exp(-np.abs(x))))\n"
                "    return float(sum(out) / len(out))\n"
            ),
        },
        "wrong": {
            "the saturating loss mean(log(1 - sigmoid))": (
                "def generator_loss(fake_logits):\n"
                "    return float(np.mean(-np.logaddexp(0, fake_logits)))\n"
            ),
            "the saturating loss, written with sigmoid": (
                "def generator_loss(fake_logits):\n"
                "    return float(np.mean(np.log(1 - 1 / (1 + np.exp(-fake_logits)))))\n"
            ),
            "unstable: -log(sigmoid(x))": (
                "def generator_loss(fake_logits):\n"
                "    return float(-np.mean(np.log(1 / (1 + np.exp(-fake_logits)))))\n"
            ),
            "the discriminator's loss on fakes (label 0)": (
                "def generator_loss(fake_logits):\n"
                "    return float(np.mean(np.logaddexp(0, fake_logits)))\n"
            ),
            "sum instead of mean": (
                "def generator_loss(fake_logits):\n"
                "    return float(np.sum(np.logaddexp(0, -fake_logits)))\n"
            ),
            "changes its input in place": (
                "def generator_loss(fake_logits):\n"
                "    np.negative(fake_logits, out=fake_logits)\n"
                "    return float(np.mean(np.logaddexp(0, fake_logits)))\n"
            ),
        },
    },
    "05_gan_train_step": {
        "correct": {
            "relies only on what the text promises": _step(),
            "keras.losses.BinaryCrossentropy(from_logits=True), fakes made inside the tape": _BCE,
            "one discriminator call on real and fake concatenated, tf.nn ops": _CONCAT,
        },
        "wrong": {
            "real and fake labels swapped": _step(
                d_loss="keras.ops.mean(keras.ops.softplus(real_logits)) + keras.ops.mean(keras.ops.softplus(-fake_logits))"),
            "saturating generator loss mean(log(1 - sigmoid))": _step(g_loss="-keras.ops.mean(keras.ops.softplus(logits))"),
            "discriminator weights also updated in the generator step": _step(
                g_vars="self.generator.trainable_weights + self.discriminator.trainable_weights"),
            "generator weights also updated in the discriminator step": _ALL_IN_D_STEP,
            "one noise batch for both steps": _step(z2="pass"),
            "generator step through the discriminator before its update": _SIMULTANEOUS,
            "d_loss as one mean over real and fake together": _step(
                d_loss="keras.ops.mean(keras.ops.concatenate([keras.ops.softplus(-real_logits), keras.ops.softplus(fake_logits)]))"),
            "accuracy counts logit 0 as right": _step(acc_real="real_logits >= 0", acc_fake="fake_logits <= 0"),
            "d_acc_fake counts fakes called real": _step(acc_fake="fake_logits > 0"),
        },
    },
}
