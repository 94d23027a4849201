"""The room model: pure Python, no Qt, no sockets, no SQL, no files; time and randomness are passed in.

- :mod:`.codes` — access codes and enrolment codes
- :mod:`.center` — the center, trusted publishers, banks, sessions
- :mod:`.roster` — candidates and check-in matching
- :mod:`.kiosks` — enrolled kiosks, enrolment codes, what a kiosk last said
- :mod:`.replica` — what a batch of journal entries adds to a kiosk's replica
- :mod:`.alerts` — what needs the invigilator, and its handling
- :mod:`.commands` — console-to-kiosk commands and the rules that allow them
"""
