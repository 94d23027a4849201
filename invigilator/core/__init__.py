"""The room model: pure Python, no Qt, no sockets."""
