"""The article's printed figures (../shared/REFERENCE.md), in one place for every test."""

LOG_EPOCHS = tuple(range(30000, 330001, 30000))
LOG_LOSSES = (
    12.095908, 6.133891, 4.048903, 3.319792, 3.064586, 2.975681,
    2.944574, 2.933552, 2.929731, 2.928472, 2.927906,
)  # fmt: skip
FINAL_PARAMS = (0.5358, -17.2503)

LOSS_REL = 1e-5  # every logged loss, relative
PARAMS_ABS = 1e-4  # final parameters, absolute

CRITICAL_LR_RAW = 3.3994e-4
CRITICAL_LR_SCALED = 0.032978
LEAST_SQUARES = (0.536772, -17.304786, 2.927646)
