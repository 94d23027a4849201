<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QtTimeline</name>
    <message>
        <source>Test prepared</source>
        <translation>Test prepared</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Authorisation requested</source>
        <translation>Authorisation requested</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>Authorised</translation>
    </message>
    <message>
        <source>Workstation checked</source>
        <translation>Workstation checked</translation>
    </message>
    <message>
        <source>Test started</source>
        <translation>Test started</translation>
    </message>
    <message>
        <source>Focus warning shown</source>
        <translation>Focus warning shown</translation>
    </message>
    <message>
        <source>Focus warning read</source>
        <translation>Focus warning read</translation>
    </message>
    <message>
        <source>Question shown</source>
        <translation>Question shown</translation>
    </message>
    <message>
        <source>Left the exam window</source>
        <translation>Left the exam window</translation>
    </message>
    <message>
        <source>Back in the exam window</source>
        <translation>Back in the exam window</translation>
    </message>
    <message>
        <source>Question treated</source>
        <translation>Question treated</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problem reported</translation>
    </message>
    <message>
        <source>Problem decided</source>
        <translation>Problem decided</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>Time added</source>
        <translation>Time added</translation>
    </message>
    <message>
        <source>Restarted after an interruption</source>
        <translation>Restarted after an interruption</translation>
    </message>
    <message>
        <source>Workstation frozen</source>
        <translation>Workstation frozen</translation>
    </message>
    <message>
        <source>Test finished</source>
        <translation>Test finished</translation>
    </message>
    <message>
        <source>Results signed</source>
        <translation>Results signed</translation>
    </message>
    <message>
        <source>Console&apos;s command received</source>
        <translation>Console&apos;s command received</translation>
    </message>
    <message>
        <source>Console&apos;s command refused</source>
        <translation>Console&apos;s command refused</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>Guard</translation>
    </message>
    <message>
        <source>Console: kiosk silent</source>
        <translation>Console: kiosk silent</translation>
    </message>
    <message>
        <source>Console: journal does not continue</source>
        <translation>Console: journal does not continue</translation>
    </message>
    <message>
        <source>to resume</source>
        <translation>to resume</translation>
    </message>
    <message>
        <source>to start</source>
        <translation>to start</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>resume</translation>
    </message>
    <message>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <source>a finding blocks the test</source>
        <translation>a finding blocks the test</translation>
    </message>
    <message>
        <source>findings: %1</source>
        <translation>findings: %1</translation>
    </message>
    <message>
        <source>%1 questions, %2 min</source>
        <translation>%1 questions, %2 min</translation>
    </message>
    <message>
        <source>question %1</source>
        <translation>question %1</translation>
    </message>
    <message>
        <source>between questions</source>
        <translation>between questions</translation>
    </message>
    <message>
        <source>focus question: the answer does not count</source>
        <translation>focus question: the answer does not count</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>time up for the question</source>
        <translation>time up for the question</translation>
    </message>
    <message>
        <source>left the window on a focus question</source>
        <translation>left the window on a focus question</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>answered</translation>
    </message>
    <message>
        <source>%1 — “%2”</source>
        <translation>%1 — “%2”</translation>
    </message>
    <message>
        <source>validated: the question is replaced</source>
        <translation>validated: the question is replaced</translation>
    </message>
    <message>
        <source>dismissed: the candidate answers it</source>
        <translation>dismissed: the candidate answers it</translation>
    </message>
    <message>
        <source>the workstation check found a problem</source>
        <translation>the workstation check found a problem</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>down for %1 s</source>
        <translation>down for %1 s</translation>
    </message>
    <message>
        <source>%1 s given back</source>
        <translation>%1 s given back</translation>
    </message>
    <message>
        <source>all questions treated</source>
        <translation>all questions treated</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>time up</translation>
    </message>
    <message>
        <source>ended: candidate</source>
        <translation>ended: candidate</translation>
    </message>
    <message>
        <source>ended: technical</source>
        <translation>ended: technical</translation>
    </message>
    <message>
        <source>no question left in the bank</source>
        <translation>no question left in the bank</translation>
    </message>
    <message>
        <source>%1 treated</source>
        <translation>%1 treated</translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation>receipt %1</translation>
    </message>
    <message>
        <source>silent for %1 s</source>
        <translation>silent for %1 s</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>entry %1: %2</translation>
    </message>
    <message>
        <source>Console time</source>
        <translation>Console time</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>no entry yet</source>
        <translation>no entry yet</translation>
    </message>
    <message>
        <source>the kiosk&apos;s clock agrees with the console&apos;s</source>
        <translation>the kiosk&apos;s clock agrees with the console&apos;s</translation>
    </message>
    <message>
        <source>the kiosk&apos;s clock is %1 s off; hours shown are the console&apos;s</source>
        <translation>the kiosk&apos;s clock is %1 s off; hours shown are the console&apos;s</translation>
    </message>
    <message>
        <source>Attempt %1 — %2 entries — %3</source>
        <translation>Attempt %1 — %2 entries — %3</translation>
    </message>
</context>
<context>
    <name>QtTimelineDialog</name>
    <message>
        <source>Timeline — %1</source>
        <translation>Timeline — %1</translation>
    </message>
    <message>
        <source>&amp;Attempt:</source>
        <translation>&amp;Attempt:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Read the journal again (F5)</source>
        <translation>Read the journal again (F5)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>This kiosk has sent no journal yet: its timeline starts at the candidate&apos;s check-in.</source>
        <translation>This kiosk has sent no journal yet: its timeline starts at the candidate&apos;s check-in.</translation>
    </message>
    <message>
        <source>The journal could not be read: %1</source>
        <translation>The journal could not be read: %1</translation>
    </message>
</context>
</TS>
