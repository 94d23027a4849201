"""The exam session state machine and timer: pure Python, no Qt, no files."""
