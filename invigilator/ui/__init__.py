"""The console's window: Qt views over the console's core and store (no decision is taken here)."""
