"""More of the string table, one module per area of the app, each defining STRINGS like f2c.core.i18n.

Split out so that a new area (a framework, a panel, the guided path) adds a file instead of editing one
long table; f2c.core.i18n merges every module here and refuses a key defined twice.
"""
