"""The article's own training loops, copied as written (../shared/seed), to time them beside ours.

Only the 330000-epoch literal became `n_epochs` and the prints are kept (the caller silences stdout).
Each `*_stageN(n_epochs)` runs the article's cells for that stage and returns the final params.
"""

# ruff: noqa: N803, N806


def torch_stages():
    import torch
    import torch.optim as optim

    Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
    X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]
    Y = torch.tensor(Y, requires_grad=False)
    X = torch.tensor(X, requires_grad=False)

    def model(X, w, b):
        return w * X + b

    def loss_fn(Y_hat, Y):
        squared_diffs = (Y_hat - Y) ** 2
        return squared_diffs.mean()

    def dloss_fn(Y_hat, Y):
        dsq_diffs = 2 * (Y_hat - Y)
        return dsq_diffs

    def dmodel_dw(X, w, b):
        return X

    def dmodel_db(X, w, b):
        return 1.0

    def grad_fn(X, Y, Y_hat, w, b):
        dloss_dw = dloss_fn(Y_hat, Y) * dmodel_dw(X, w, b)
        dloss_db = dloss_fn(Y_hat, Y) * dmodel_db(X, w, b)
        return torch.stack([dloss_dw.mean(), dloss_db.mean()])

    def training_loop1(n_epochs, learning_rate, params, X, Y, print_params=True):
        for epoch in range(1, n_epochs + 1):
            w, b = params
            Y_hat = model(X, w, b)
            loss = loss_fn(Y_hat, Y)
            grad = grad_fn(X, Y, Y_hat, w, b)
            params = params - learning_rate * grad
            if epoch % 30000 == 0:
                print("Epoch %d, Loss %f" % (epoch, float(loss)))
                if print_params:
                    print(" Params:", params)
                    print(" Grad: ", grad)
            if not torch.isfinite(loss).all():
                break
        return params

    def training_loop2(n_epochs, learning_rate, params, X, Y):
        for epoch in range(1, n_epochs + 1):
            if params.grad is not None:
                params.grad.zero_()
            Y_hat = model(X, *params)
            loss = loss_fn(Y_hat, Y)
            loss.backward()
            params = (params - learning_rate * params.grad).detach().requires_grad_()
            if epoch % 30000 == 0:
                print("Epoch %d, Loss %f" % (epoch, float(loss)))
        return params

    def training_loop3(n_epochs, optimizer, params, X, Y):
        for epoch in range(1, n_epochs + 1):
            Y_hat = model(X, *params)
            loss = loss_fn(Y_hat, Y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if epoch % 30000 == 0:
                print("Epoch %d, Loss %f" % (epoch, float(loss)))
        return params

    def stage1(n_epochs):
        return training_loop1(n_epochs, 1e-4, torch.tensor([1.00, 0.01]), X, Y, print_params=False)

    def stage2(n_epochs):
        return training_loop2(n_epochs, 1e-4, torch.tensor([1.00, 0.01], requires_grad=True), X, Y)

    def stage3(n_epochs):
        params = torch.tensor([1.0, 0.01], requires_grad=True)
        optimizer = optim.SGD([params], lr=1e-4)
        return training_loop3(n_epochs, optimizer, params, X, Y)

    return {1: stage1, 2: stage2, 3: stage3}


def tf_stages():
    import tensorflow as tf

    Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
    X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]
    Y = tf.constant(Y)
    X = tf.constant(X)

    def model(X, w, b):
        return w * X + b

    def loss_fn(Y_hat, Y):
        squared_diffs = (Y_hat - Y) ** 2
        return tf.reduce_mean(squared_diffs)

    def dloss_fn(Y_hat, Y):
        dsq_diffs = 2 * (Y_hat - Y)
        return dsq_diffs

    def dmodel_dw(X, w, b):
        return X

    def dmodel_db(X, w, b):
        return 1.0

    def grad_fn(X, Y, Y_hat, w, b):
        dloss_dw = dloss_fn(Y_hat, Y) * dmodel_dw(X, w, b)
        dloss_db = dloss_fn(Y_hat, Y) * dmodel_db(X, w, b)
        return tf.stack([tf.reduce_mean(dloss_dw), tf.reduce_mean(dloss_db)])

    def training_loop1(n_epochs, learning_rate, params, X, Y, print_params=True):
        for epoch in range(1, n_epochs + 1):
            w, b = params
            Y_hat = model(X, w, b)
            loss = loss_fn(Y_hat, Y)
            grad = grad_fn(X, Y, Y_hat, w, b)
            params = params - learning_rate * grad
            if epoch % 30000 == 0:
                print("Epoch %d, Loss %f" % (epoch, float(loss)))
                if print_params:
                    print(" Params:", params)
                    print(" Grad: ", grad)
            if tf.math.is_inf(loss):
                break
        return params

    loss_object = tf.keras.losses.MeanSquaredError()

    def training_loop2(n_epochs, learning_rate, params, X, Y):
        for epoch in range(1, n_epochs + 1):
            with tf.GradientTape() as tape:
                tape.watch(params)
                Y_hat = model(X, *params)
                loss = loss_object(Y_hat, Y)
            gradients = tape.gradient(loss, params)
            params = params - learning_rate * gradients
            if epoch % 30000 == 0:
                print("Epoch %d, Loss %f" % (epoch, float(loss)))
        return params

    def model3(X, params):
        return params[0] * X + params[1]

    def stage1(n_epochs):
        return training_loop1(n_epochs, 1e-4, tf.constant([1.00, 0.01]), X, Y, print_params=False)

    def stage2(n_epochs):
        return training_loop2(n_epochs, 1e-4, tf.constant([1.00, 0.01]), X, Y)

    def stage3(n_epochs):
        optimizer = tf.keras.optimizers.SGD(learning_rate=1e-4)

        def training_loop3(n_epochs, params, X, Y):
            for epoch in range(1, n_epochs + 1):
                with tf.GradientTape() as tape:
                    tape.watch(params)
                    Y_hat = model3(X, params)
                    loss = loss_object(Y_hat, Y)
                gradients = tape.gradient(loss, params)
                optimizer.apply_gradients(zip([gradients], [params]))
                if epoch % 30000 == 0:
                    print("Epoch %d, Loss %f" % (epoch, float(loss)))
            return params

        return training_loop3(n_epochs, tf.Variable([1.00, 0.01]), X, Y)

    return {1: stage1, 2: stage2, 3: stage3}
