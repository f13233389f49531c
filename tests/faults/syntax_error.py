"""A syntax error on line 4."""


def broken(:
    pass
