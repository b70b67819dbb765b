"""Feeds as sources: RSS, Atom and JSON Feed polled into the same store as posts.

addresses (which hosts may be fetched) → fetch (one guarded HTTP request) → parse (bytes →
entries) → entries (entry → Article) → poll (one cycle over the sources) with timing (when
next) and state (the ``sources`` table, its one owner). No Telegram imports here.
"""
