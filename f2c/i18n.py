"""Every string a user sees, in Chinese and English. `t(key, lang, **kwargs)` formats one."""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, dict[str, str]] = {
    # ---- settings (RunConfig validation) ----
    "config.choice": {
        "zh": "“{field}”的值 {value} 不可用,可选:{choices}。",
        "en": "“{field}” cannot be {value}; choose one of: {choices}.",
    },
    "config.mode_framework": {
        "zh": "{framework} 没有“{value}”执行模式,可选:{choices}。",
        "en": "{framework} has no “{value}” execution mode; choose one of: {choices}.",
    },
    "config.epochs": {
        "zh": "训练轮数必须是 1 到 {max} 之间的整数(收到 {value})。",
        "en": "Epochs must be a whole number from 1 to {max} (got {value}).",
    },
    "config.not_integer": {
        "zh": "“{field}”需要一个整数,收到的是“{value}”。",
        "en": "“{field}” needs a whole number, got “{value}”.",
    },
    "config.not_number": {
        "zh": "“{field}”需要一个数字,收到的是“{value}”。",
        "en": "“{field}” needs a number, got “{value}”.",
    },
    "config.not_finite": {
        "zh": "“{field}”必须是有限的数字(收到 {value})。",
        "en": "“{field}” must be a finite number (got {value}).",
    },
    "config.lr_range": {
        "zh": "学习率必须在 {min:g} 到 {max:g} 之间(收到 {value})。",
        "en": "The learning rate must be between {min:g} and {max:g} (got {value}).",
    },
    "config.param_range": {
        "zh": "初始参数“{field}”的绝对值不能超过 {max:g}(收到 {value})。",
        "en": "The initial “{field}” must be at most {max:g} in size (got {value}).",
    },
    "config.too_long": {
        "zh": "“{field}”的值太长。",
        "en": "The value of “{field}” is too long.",
    },
    # ---- data (CSV and tables) ----
    "data.shape": {"zh": "数据必须是两列数字。", "en": "The data must be two columns of numbers."},
    "data.too_few": {
        "zh": "至少需要 2 个数据点才能拟合直线。",
        "en": "At least 2 points are needed to fit a line.",
    },
    "data.too_many": {
        "zh": "数据点太多:最多 {max_rows} 行。",
        "en": "Too many points: at most {max_rows} rows.",
    },
    "data.too_large": {
        "zh": "文件太大:最多 {max_bytes} 字节。",
        "en": "The file is too large: at most {max_bytes} bytes.",
    },
    "data.encoding": {"zh": "文件不是 UTF-8 文本。", "en": "The file is not UTF-8 text."},
    "data.malformed": {"zh": "无法按 CSV 读取该文件。", "en": "The file cannot be read as CSV."},
    "data.missing": {"zh": "第 {row} 行缺少数值。", "en": "Row {row} has a missing value."},
    "data.columns": {
        "zh": "第 {row} 行多于两列。",
        "en": "Row {row} has more than two columns.",
    },
    "data.not_number": {"zh": "第 {row} 行不是数字。", "en": "Row {row} is not a number."},
    "data.not_finite": {
        "zh": "第 {row} 行的数值不是有限数。",
        "en": "Row {row} holds a value that is not finite.",
    },
    "data.x_equal": {
        "zh": "所有 x 都相同,无法拟合直线。",
        "en": "All x values are equal, so no line can be fitted.",
    },
    # ---- training ----
    "train.diverged": {
        "zh": "第 {epoch} 轮发散:损失不再是有限数(最后有限损失 {loss:.6g})。"
        "学习率 {lr:g} 超过了该数据的发散阈值 2/λmax = {threshold:.5g}。",
        "en": "Diverged at epoch {epoch}: the loss stopped being finite (last finite loss {loss:.6g}). "
        "The learning rate {lr:g} is above this data's threshold 2/λmax = {threshold:.5g}.",
    },
    "train.mode_fallback": {
        "zh": "“{mode}”模式在此机器上不可用,已改用逐步执行(eager)。原因:{why}",
        "en": "The “{mode}” mode is not available on this machine; running eagerly instead. Why: {why}",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    try:
        return text.format(**kwargs)
    except (KeyError, ValueError, IndexError):
        return text
