"""Getting news in: fetching, parsing, extracting, sanitizing and caching.

Built in the sync issue; it will import ``reader.library`` and never Qt.
"""
