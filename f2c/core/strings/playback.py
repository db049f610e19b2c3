"""Strings of the live player's playback: the status while the browser still plays a computed run, the
earlier runs kept beside the current one, and what names them."""

STRINGS = {
    "player.status.replaying": {"zh": "已算完,回放中…", "en": "Computed; replaying…"},
}
