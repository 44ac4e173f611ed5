"""The notebook's recipe as a plain script, for timing against digits_nn.py.

The cells of classification_neural_net.ipynb in order, unchanged but for what a script
needs: figures are saved (into the folder given as the first argument) instead of shown,
`DataFrame.append` is `pd.concat` (pandas 3), and `keras.Input` replaces `input_shape`.
Usage: python benchmarks/notebook_recipe.py OUT_DIR
"""

import os
import sys
import time

started = time.perf_counter()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
import tensorflow as tf  # noqa: E402
from sklearn import datasets, metrics, model_selection  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)


def save(name):
    plt.savefig(os.path.join(out, name))
    plt.close("all")


digits = datasets.load_digits()

fig, axes = plt.subplots(nrows=1, ncols=10, figsize=(10, 3))
for ax, image, label in zip(axes, digits.images, digits.target):
    ax.set_axis_off()
    ax.imshow(image, cmap=plt.cm.gray_r)
    ax.set_title("%i" % label)
save("digits_samples.png")

plt.figure()
plt.imshow(digits.images[0], cmap=plt.cm.gray_r)
plt.colorbar()
plt.grid(False)
save("first_digit.png")

target = digits.target
data = digits.images
print("min value: {}".format(np.amin(data)))
print("max value: {}".format(np.amax(data)))
print("shape: {}".format(np.shape(data)))

X_train, X_test, y_train, y_test = model_selection.train_test_split(
    data, target, test_size=0.5
)
X_train = X_train.astype("float32") / 16.0
X_test = X_test.astype("float32") / 16.0
df_train = pd.DataFrame(y_train, columns=["target"])
df_train["type"] = "train"
df_test = pd.DataFrame(y_test, columns=["target"])
df_test["type"] = "test"
df_set = pd.concat([df_train, df_test])
_ = sns.countplot(x="target", hue="type", data=df_set)
save("class_distribution.png")
print("train samples:", len(X_train))
print("test samples", len(X_test))

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(8, 8)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10),
    ]
)
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.summary()

fit_started = time.perf_counter()
history = model.fit(X_train, y_train, epochs=100, validation_split=0.2, verbose=0)
fit_s = time.perf_counter() - fit_started

hist = pd.DataFrame(history.history)
hist["epoch"] = history.epoch
print(hist.tail())

plt.plot(history.history["loss"], label="loss")
plt.plot(history.history["val_loss"], label="val_loss")
plt.xlabel("Epoch")
plt.ylabel("Error")
plt.legend()
plt.grid(True)
save("loss_curves.png")

test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
print("Test loss:", test_loss)
print("Test accuracy:", test_acc)

probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
predicted = [np.argmax(x) for x in probability_model.predict(X_test)]
confusion_matrix = pd.DataFrame(metrics.confusion_matrix(y_test, predicted))
print(confusion_matrix)
_ = sns.heatmap(confusion_matrix, annot=True, cmap="Blues")
save("confusion_matrix.png")

print("accuracy: {:.3f}".format(metrics.accuracy_score(y_test, predicted)))
print(
    "precision: {:.3f}".format(
        metrics.precision_score(y_test, predicted, average="weighted")
    )
)
print(
    "recall: {:.3f}".format(metrics.recall_score(y_test, predicted, average="weighted"))
)
print("f1 score: {:.3f}".format(metrics.f1_score(y_test, predicted, average="weighted")))
print(f"fit_s: {fit_s:.3f}")
print(f"total_s: {time.perf_counter() - started:.3f}")
