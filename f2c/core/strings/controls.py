"""Strings of the sidebar's controls (f2c.ui.controls) added after the main table."""

STRINGS = {
    "ctl.refused_default": {
        "zh": "这一项暂时使用默认值 {value:g},改成允许的值即可。",
        "en": "Until it is changed to an allowed value, the default {value:g} is used.",
    },
}
