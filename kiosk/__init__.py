"""The candidate workstation: the exam shell, journal and guard (see ARCHITECTURE.md)."""
