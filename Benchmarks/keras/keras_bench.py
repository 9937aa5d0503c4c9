"""Keras side of the speed comparison: the small reference network typical MNIST projects use,
trained and run on the same data as `digitlens-bench keras-compare`, printing key=value lines.

Conv(64,3x3,same,relu)-MaxPool-Dropout(.25)-Conv(32,3x3,same,relu)-MaxPool-Dropout(.25)-
Flatten-Dense(128,relu)-Dropout(.5)-Dense(10,softmax); Adam; batch 128.
"""
import argparse
import gzip
import os
import resource
import statistics
import struct
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)


def load(data_dir):
    def find(name):
        for candidate in (name + ".gz", name):
            path = os.path.join(data_dir, candidate)
            if os.path.exists(path):
                return path
        return None
    names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    paths = [find(n) for n in names]
    if None in paths:
        print("data=random (no MNIST in %s)" % data_dir)
        rng = np.random.default_rng(1)
        return (rng.random((60000, 28, 28, 1), np.float32), rng.integers(0, 10, 60000),
                rng.random((10000, 28, 28, 1), np.float32), rng.integers(0, 10, 10000))
    print("data=%s" % data_dir)
    x, y, xt, yt = (read_idx(p) for p in paths)
    return (x[..., None].astype(np.float32) / 255, y.astype(np.int64), xt[..., None].astype(np.float32) / 255, yt.astype(np.int64))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data/mnist"))
    parser.add_argument("--train-images", type=int, default=30000)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    import tensorflow as tf  # imported late so --help works without it
    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    keras = tf.keras
    x, y, xt, yt = load(args.data)
    model = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Dropout(0.25),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Dropout(0.25),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    print("tensorflow_version=%s" % tf.__version__)
    model.fit(x[:1280], y[:1280], batch_size=128, epochs=1, verbose=0)  # warm-up
    n = min(args.train_images, len(x))
    start = time.perf_counter()
    model.fit(x[:n], y[:n], batch_size=128, epochs=1, verbose=0)
    seconds = time.perf_counter() - start
    print("keras_train_images_per_second=%.0f" % (n / seconds))
    print("keras_epoch_seconds=%.1f" % (60000 * seconds / n))
    model.predict(xt[:512], batch_size=256, verbose=0)
    start = time.perf_counter()
    model.predict(xt, batch_size=256, verbose=0)
    print("keras_predict_images_per_second=%.0f" % (len(xt) / (time.perf_counter() - start)))
    one = xt[:1]
    for _ in range(20):
        model(one, training=False)
    times = []
    for _ in range(200):
        start = time.perf_counter()
        model(one, training=False)
        times.append(time.perf_counter() - start)
    print("keras_single_image_ms=%.3f" % (statistics.median(times) * 1000))
    print("keras_peak_rss_mb=%.0f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


if __name__ == "__main__":
    main()
