"""Strings of the live player's playback: the status while the browser still plays a computed run, the
earlier runs kept beside the current one, and what names them."""

STRINGS = {
    "player.status.replaying": {"zh": "已算完,回放中…", "en": "Computed; replaying…"},
}
STRINGS.update(
    {
        "live.history.label": {
            "zh": "学习率 {lr} · {framework} 阶段 {stage}",
            "en": "lr {lr} · {framework} stage {stage}",
        },
        "live.history.fw.numpy": {"zh": "NumPy", "en": "NumPy"},
        "live.history.fw.torch": {"zh": "PyTorch", "en": "PyTorch"},
        "live.history.fw.tensorflow": {"zh": "TensorFlow", "en": "TensorFlow"},
        "live.history.fw.jax": {"zh": "JAX", "en": "JAX"},
        "live.history.clear": {"zh": "清除之前的运行", "en": "Clear earlier runs"},
        "live.history.note": {
            "zh": "淡色线:本次会话之前的运行(最多 5 次)",
            "en": "Faint lines: this session's earlier runs (up to 5)",
        },
    }
)
