"""Strings of the live player in the browser (f2c/ui/live_player). Placeholders in {braces} are filled in by
the browser with numbers it formats itself, so they carry no Python format specs."""

STRINGS = {
    "live.readouts": {"zh": "当前读数", "en": "Readouts"},
    "live.play": {"zh": "播放", "en": "Play"},
    "live.pause": {"zh": "暂停", "en": "Pause"},
    "live.replay": {"zh": "重播", "en": "Replay"},
    "live.back": {"zh": "后退一步", "en": "One step back"},
    "live.forward": {"zh": "前进一步", "en": "One step forward"},
    "live.scrub": {"zh": "查看第几轮", "en": "Look at epoch"},
    "live.at": {"zh": "第 {epoch} 轮", "en": "epoch {epoch}"},
    "live.mode": {"zh": "播放方式", "en": "Playback"},
    "live.mode.story": {"zh": "讲故事(先慢后快,约 7 秒)", "en": "Story (slow start, ~7 s)"},
    "live.mode.computed": {"zh": "算多快播多快", "en": "As fast as computed"},
    "live.mode.rate": {"zh": "每秒 {rate} 轮", "en": "{rate} epochs per second"},
    "live.keys": {
        "zh": "键盘:空格 = 运行 / 暂停 · → = 单步 · 0 = 重置(光标在输入框里时不起作用)",
        "en": "Keys: Space = Run / Pause · → = Step · 0 = Reset (not while typing in a field)",
    },
    "live.progress": {"zh": "第 {epoch} / {total} 轮", "en": "Epoch {epoch} of {total}"},
    "live.units": {
        "zh": "w、b 为模型看到的(归一化后)单位;换算回原始输入:w = {w}, b = {b}。",
        "en": "w and b are in the model's (normalised) units; in the raw input's units: w = {w}, b = {b}.",
    },
    "live.validation": {"zh": "验证点(未参与训练)", "en": "validation points (held out)"},
    "live.vloss": {"zh": "验证损失", "en": "validation loss"},
    "live.hover": {"zh": "第 %{x:,} 轮<br>损失 %{y:.6g}", "en": "epoch %{x:,}<br>loss %{y:.6g}"},
    "live.diverged": {
        "zh": "发散:只显示到最后一个有限的第 {epoch} 轮",
        "en": "Diverged: shown up to the last finite epoch, {epoch}",
    },
}
