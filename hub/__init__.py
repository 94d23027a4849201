"""The results hub: receives the centers' session packages, verifies and replays them, stores them in
PostgreSQL and publishes the jury's decisions (docs/hub.md, docs/adr/0031)."""
