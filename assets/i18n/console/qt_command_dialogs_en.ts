<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtAddTimeDialog</name>
    <message>
        <source>Planned accommodation (extra time granted)</source>
        <translation>Planned accommodation (extra time granted)</translation>
    </message>
    <message>
        <source>Compensation for time lost to an incident</source>
        <translation>Compensation for time lost to an incident</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes to add</source>
        <translation>Minutes to add</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Note (what the time was lost to)</source>
        <translation>Note (what the time was lost to)</translation>
    </message>
    <message>
        <source>Add time — {kiosk}</source>
        <translation>Add time — {kiosk}</translation>
    </message>
    <message>
        <source>The minutes are added to the candidate's remaining time and recorded in the journal.</source>
        <translation>The minutes are added to the candidate's remaining time and recorded in the journal.</translation>
    </message>
    <message>
        <source>Add the time</source>
        <translation>Add the time</translation>
    </message>
    <message>
        <source>Choose the purpose: planned accommodation or compensation.</source>
        <translation>Choose the purpose: planned accommodation or compensation.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>{n} minute(s) added (command {id})</source>
        <translation>{n} minute(s) added (command {id})</translation>
    </message>
</context>
<context>
    <name>QtEndDialog</name>
    <message>
        <source>Technical: the workstation or the room failed</source>
        <translation>Technical: the workstation or the room failed</translation>
    </message>
    <message>
        <source>Candidate: the candidate leaves or stops</source>
        <translation>Candidate: the candidate leaves or stops</translation>
    </message>
    <message>
        <source>Fraud seen: the certification will be invalidated</source>
        <translation>Fraud seen: the certification will be invalidated</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>End the test — {kiosk}</source>
        <translation>End the test — {kiosk}</translation>
    </message>
    <message>
        <source>The test ends now and cannot be taken up again. Fewer than 20 questions treated give no score.</source>
        <translation>The test ends now and cannot be taken up again. Fewer than 20 questions treated give no score.</translation>
    </message>
    <message>
        <source>End the test</source>
        <translation>End the test</translation>
    </message>
    <message>
        <source>Choose the reason: technical, candidate or fraud.</source>
        <translation>Choose the reason: technical, candidate or fraud.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>End sent (command {id})</source>
        <translation>End sent (command {id})</translation>
    </message>
</context>
<context>
    <name>QtLockDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Unlock {kiosk}</source>
        <translation>Unlock {kiosk}</translation>
    </message>
    <message>
        <source>The kiosk's screen is unlocked; the candidate can go on.</source>
        <translation>The kiosk's screen is unlocked; the candidate can go on.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Lock {kiosk}</source>
        <translation>Lock {kiosk}</translation>
    </message>
    <message>
        <source>The kiosk's screen is locked until you unlock it; the candidate's time stops.</source>
        <translation>The kiosk's screen is locked until you unlock it; the candidate's time stops.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>{kind} sent (command {id})</source>
        <translation>{kind} sent (command {id})</translation>
    </message>
</context>
<context>
    <name>QtPauseDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Pause every kiosk</source>
        <translation>Pause every kiosk</translation>
    </message>
    <message>
        <source>Every kiosk running a test is paused; the time stops for each candidate until it is resumed.</source>
        <translation>Every kiosk running a test is paused; the time stops for each candidate until it is resumed.</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Pause all</translation>
    </message>
    <message>
        <source>Pause {kiosk}</source>
        <translation>Pause {kiosk}</translation>
    </message>
    <message>
        <source>The candidate's time stops until the test is resumed.</source>
        <translation>The candidate's time stops until the test is resumed.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>Pause sent to {n} kiosk(s)</source>
        <translation>Pause sent to {n} kiosk(s)</translation>
    </message>
</context>
</TS>