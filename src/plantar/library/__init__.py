"""The knowledge base as a person reads it: a record's lead, its facts in words, where a point
is, a routine's steps, its sources (``reading``). The library's pages (``web``) and
``plantar kb show`` (``cli``) say a record through it, so both say it in the same words.

Reads ``knowledge`` with the words of ``planner`` (durations as people say them) and
``footmap`` (organ and scheme names); nothing below imports it.
"""
