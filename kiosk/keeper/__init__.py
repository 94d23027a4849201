"""Key custody: the *keeper* owns the device key, the journal and the outbox under its own account.

The kiosk interface runs as the candidate's account and reaches them only through one end of a
socket pair the keeper handed it at start (docs/adr/0012). ``process`` starts both sides,
``service`` answers the interface's requests, ``wire`` frames them and ``client`` implements the
kiosk's ports (journal, result sink, device) over the socket. Nothing here imports Qt.
"""
