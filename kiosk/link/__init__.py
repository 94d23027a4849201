"""The kiosk's link to the invigilator console over the LAN (ADR 0017): enrolment, the 1 Hz sync,
the console's commands, banks and results. The kiosk always calls; no port opens on it."""
