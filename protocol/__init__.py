"""Everything that crosses a boundary: canonical bytes, signed envelopes, keys and key wrapping.

Only the ``cryptography`` package does cryptography here; this package imports nothing else
from the project.
"""
