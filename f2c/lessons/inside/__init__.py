"""The "see inside" hooks of each framework (f2c.explain drives them through the Lesson protocol).

Each `<framework>_inside.py` holds the framework's part of what explain/ shows: its autograd gradient
(agreement), the autograd graph of one step walked from the framework's own objects (graphs), and the
break-it exercises written with its real calls (break_it).
"""
