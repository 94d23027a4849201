<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>QtTile</name>
    <message>
        <source>No news yet</source>
        <translation>No news yet</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Checking in</source>
        <translation>Checking in</translation>
    </message>
    <message>
        <source>Waiting for authorisation</source>
        <translation>Waiting for authorisation</translation>
    </message>
    <message>
        <source>Checking the workstation</source>
        <translation>Checking the workstation</translation>
    </message>
    <message>
        <source>Reading the instructions</source>
        <translation>Reading the instructions</translation>
    </message>
    <message>
        <source>In the test</source>
        <translation>In the test</translation>
    </message>
    <message>
        <source>Reading the focus warning</source>
        <translation>Reading the focus warning</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problem reported</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Results sent</source>
        <translation>Results sent</translation>
    </message>
    <message>
        <source>Restarting after an interruption</source>
        <translation>Restarting after an interruption</translation>
    </message>
    <message>
        <source>Focus lost on question %1</source>
        <translation>Focus lost on question %1</translation>
    </message>
    <message>
        <source>Focus lost</source>
        <translation>Focus lost</translation>
    </message>
    <message>
        <source>Problem reported on question %1</source>
        <translation>Problem reported on question %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Journal chain broken</source>
        <translation>Journal chain broken</translation>
    </message>
    <message>
        <source>Guard: %1</source>
        <translation>Guard: %1</translation>
    </message>
    <message>
        <source>Guard event</source>
        <translation>Guard event</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>less than a minute left</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>%1 min left</translation>
    </message>
    <message>
        <source>Never heard from</source>
        <translation>Never heard from</translation>
    </message>
    <message>
        <source>Heard just now</source>
        <translation>Heard just now</translation>
    </message>
    <message>
        <source>Heard %1 s ago</source>
        <translation>Heard %1 s ago</translation>
    </message>
    <message>
        <source>Heard %1 min ago</source>
        <translation>Heard %1 min ago</translation>
    </message>
    <message>
        <source>Heard %1 h ago</source>
        <translation>Heard %1 h ago</translation>
    </message>
    <message>
        <source>silent too long</source>
        <translation>silent too long</translation>
    </message>
    <message>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <source>alerts: %1</source>
        <translation>alerts: %1</translation>
    </message>
    <message>
        <source>needs action</source>
        <translation>needs action</translation>
    </message>
    <message>
        <source>No candidate</source>
        <translation>No candidate</translation>
    </message>
    <message>
        <source>Question %1 / %2</source>
        <translation>Question %1 / %2</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Outside the exam window</source>
        <translation>Outside the exam window</translation>
    </message>
    <message>
        <source>Authorised: starts at its next sync</source>
        <translation>Authorised: starts at its next sync</translation>
    </message>
    <message>
        <source>Identity confirmed, waiting for authorisation</source>
        <translation>Identity confirmed, waiting for authorisation</translation>
    </message>
    <message>
        <source>Action needed</source>
        <translation>Action needed</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>and %1 more</translation>
    </message>
</context>
</TS>