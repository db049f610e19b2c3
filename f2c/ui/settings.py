"""The session's settings as the address gives them: read once per browser session, written back on change.

Every setting is read from the address once (the command line's flag names plus `lang`, the data preset,
the split and the teacher's hide / lock / present; see f2c.core.links) and written back whenever it changes,
so a copied address reproduces the setup. A control the link hides is not drawn (its value stays the link's);
a control it locks is drawn disabled.
"""

from __future__ import annotations

import streamlit as st

from f2c.core.config import RunConfig
from f2c.core.i18n import DEFAULT_LANG, LANGS, t
from f2c.core.links import LinkSettings, Problem, parse_link, problem_text, to_link
from f2c.ui.kept_values import default_of
from f2c.ui.state import K, nearest_lr_step

LANG_NAMES = {"zh": "中文", "en": "English"}


def browser_lang() -> str:
    try:
        locale = st.context.locale or ""
    except Exception:  # older Streamlit, or no browser (AppTest)
        locale = ""
    if locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANG


def _seed_from_url() -> None:
    """First script run of a session: put the address's settings into the widgets' state."""
    ss = st.session_state
    if ss.get(K + "seeded"):
        return
    query = {name: st.query_params[name] for name in st.query_params}
    config, link, problems = parse_link(query)
    lang = link.lang or browser_lang()
    ss[K + "lang"] = lang
    ss[K + "framework"] = config.framework
    ss[K + "stage"] = config.stage
    ss[K + "optimizer"] = config.optimizer
    ss[K + "mode"] = config.mode
    ss[K + "lr"] = config.lr
    ss[K + "lr_slider"] = nearest_lr_step(config.lr)
    ss[K + "epochs"] = config.epochs
    ss[K + "w0"] = config.w0
    ss[K + "b0"] = config.b0
    ss[K + "normalize"] = config.normalize
    ss[K + "speed"] = "max"
    ss[K + "source"] = "preset"
    ss[K + "preset"] = link.preset
    ss[K + "val"] = link.val
    ss[K + "seed"] = link.seed
    ss[K + "present"] = link.present
    # What a hidden control keeps: its widget is never drawn, so its value cannot live in the widget's key.
    ss[K + "fixed"] = {
        **config.to_dict(),
        "lang": lang,
        "preset": link.preset,
        "val": link.val,
        "seed": link.seed,
        "speed": "max",
    }
    ss[K + "link"] = link
    ss[K + "seeded"] = True
    ss[K + "url_problems"] = problems


def link() -> LinkSettings:
    """The teacher's settings of this session (hide, lock, present), read from the address once."""
    _seed_from_url()
    return st.session_state[K + "link"]


def value(name: str) -> object:
    """A control's current value: the link's for a hidden control, else its widget's."""
    ss = st.session_state
    if link().hidden(name):
        return ss[K + "fixed"][name]
    return ss.get(K + name, ss[K + "fixed"][name])


def present() -> bool:
    return bool(st.session_state.get(K + "present"))


def write_url(config: RunConfig, lang: str, preset: str, custom: bool, val: float, seed: int) -> None:
    """Non-default settings, the language and the teacher's settings: a short address that reproduces the setup."""
    teacher = link()
    settings = LinkSettings(
        lang=lang,
        preset=preset,
        val=float(val),
        seed=int(seed),
        hide=teacher.hide,
        lock=teacher.lock,
        present=present(),
    )
    wanted = to_link(config, settings, custom_data=custom)
    ss = st.session_state
    first = ss.setdefault(K + "first_link", wanted)
    if wanted != first:  # the user changed something: the address's old problems are history
        ss[K + "url_problems"] = []
        ss[K + "link_dropped"] = False
    current = {name: st.query_params[name] for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def escape(text: str) -> str:
    """Plain text for st.markdown-based elements: every ASCII punctuation mark escaped, so nothing from the
    address can become a link, an image, HTML, a colour directive or LaTeX."""
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text)


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


# Streamlit drops a whole query string over these limits before the app sees it, and only logs it
# (streamlit.runtime.state.query_params.sanitize_query_string); the page reads the link it was opened with.
MAX_FIELDS, MAX_CHARS = 1000, 512 * 1024
_LINK_PROBE_JS = """
export default function ({ setStateValue }) {
  // The address the page was loaded from: the app rewrites the address bar (history.replaceState), the
  // navigation entry keeps what was opened. Only two counts go back to the server, never the text.
  const nav = performance.getEntriesByType("navigation")[0];
  const href = nav && nav.name ? nav.name : window.location.href;
  const at = href.indexOf("?");
  const query = at < 0 ? "" : href.slice(at + 1).split("#")[0];
  const fields = query ? query.split("&").length : 0;
  // Only a link over Streamlit's limits is news: a report reruns the script, and on a busy server a rerun
  // right after the first one is what left widgets at their defaults (f2c/ui/kept_values.py).
  if (fields <= MAX_FIELDS && query.length <= MAX_CHARS) return;
  if (window.__f2cLinkFields !== fields) {
    window.__f2cLinkFields = fields;
    setStateValue("size", { fields: fields, chars: query.length });
  }
}
"""
_link_probe = st.components.v2.component(
    "f2c.link_probe", js=f"const MAX_FIELDS = {MAX_FIELDS}, MAX_CHARS = {MAX_CHARS};\n" + _LINK_PROBE_JS
)


def _on_link_size() -> None:
    size = st.session_state.get(K + "link_probe", {}).get("size") or {}
    fields, chars = size.get("fields"), size.get("chars")
    if isinstance(fields, int) and isinstance(chars, int) and (fields > MAX_FIELDS or chars > MAX_CHARS):
        st.session_state[K + "link_dropped"] = True


def url_notices(lang: str) -> None:
    """The address's unusable parameters, in the user's language, each naming its parameter; a link Streamlit
    ignored whole (too many parameters), said as such. Shown until the user changes a setting."""
    ss = st.session_state
    _link_probe(key=K + "link_probe", width="content", height=0, on_size_change=_on_link_size)
    if ss.get(K + "link_dropped"):
        st.warning(t("link.dropped", lang, fields=MAX_FIELDS), icon=":material/link_off:")
    problems: list[Problem] = ss.get(K + "url_problems") or []
    for problem in problems:
        st.warning(escape(problem_text(problem, lang)), icon=":material/link_off:")


def language() -> str:
    """The language control (unless the link hides it), at the top of the sidebar."""
    _seed_from_url()
    if link().hidden("lang"):
        return str(value("lang"))
    return (
        st.sidebar.segmented_control(
            "Language",
            LANGS,
            format_func=LANG_NAMES.get,
            key=K + "lang",
            required=True,
            label_visibility="collapsed",
            disabled=link().locked("lang"),
            **default_of("segmented_control", K + "lang"),
        )
        or DEFAULT_LANG
    )
