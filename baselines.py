"""Baselines for digits_nn.py: standard scikit-learn models on the network's own rows."""

import time
import warnings


def fit_baselines(x_fit, y_fit, x_test, y_test, seed):
    """Accuracy, weighted F1 and fit seconds of three scikit-learn models on the flat pixels."""
    import pandas as pd
    from sklearn import exceptions, linear_model, metrics, neural_network, svm

    models = {
        "logistic regression": linear_model.LogisticRegression(max_iter=1000),
        "SVC (RBF kernel)": svm.SVC(kernel="rbf"),
        # The network's recipe in scikit-learn: one hidden layer of 128, adam, batches of
        # 32, at most 100 epochs (it stops earlier once the loss stops improving).
        "MLPClassifier (128)": neural_network.MLPClassifier(
            (128,), batch_size=32, max_iter=100, random_state=seed
        ),
    }
    rows = []
    for name, estimator in models.items():
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", exceptions.ConvergenceWarning)
            estimator.fit(x_fit.reshape(len(x_fit), -1), y_fit)
        fit_s = time.perf_counter() - started
        y_pred = estimator.predict(x_test.reshape(len(x_test), -1))
        rows.append(
            {
                "model": name,
                "accuracy": metrics.accuracy_score(y_test, y_pred),
                "f1": metrics.f1_score(y_test, y_pred, average="weighted"),
                "fit_s": fit_s,
            }
        )
    return pd.DataFrame(rows)
