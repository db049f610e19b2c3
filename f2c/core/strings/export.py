"""Strings of the export: the download is a zip of the lesson's own files and a small train.py."""

STRINGS = {
    "exp.script": {"zh": "下载代码({name})", "en": "Download the code ({name})"},
    "exp.script_help": {
        "zh": "一个 zip:train.py(当前的数据、设置和文章的训练循环)和它用到的 f2c 课程文件原样副本。"
        "解压后运行 python train.py,会打印与应用相同的日志。",
        "en": "A zip: train.py (the current data, settings and the article's training loop) and verbatim "
        "copies of the f2c lesson files it uses. Unzip it and run python train.py: it prints the same log "
        "as the app.",
    },
}
