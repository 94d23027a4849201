<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtMoveDialog</name>
    <message>
        <source>Spare PCs</source>
        <translation>Spare PCs</translation>
    </message>
    <message>
        <source>free</source>
        <translation>free</translation>
    </message>
    <message>
        <source>free (test over)</source>
        <translation>free (test over)</translation>
    </message>
    <message>
        <source>at check-in</source>
        <translation>at check-in</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <source>no status yet</source>
        <translation>no status yet</translation>
    </message>
    <message>
        <source>Spare PC</source>
        <translation>Spare PC</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Move the candidate of {kiosk} to a spare PC</source>
        <translation>Move the candidate of {kiosk} to a spare PC</translation>
    </message>
    <message>
        <source>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</source>
        <translation>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</translation>
    </message>
    <message>
        <source>Move the candidate</source>
        <translation>Move the candidate</translation>
    </message>
    <message>
        <source>Choose the spare PC the candidate goes to.</source>
        <translation>Choose the spare PC the candidate goes to.</translation>
    </message>
    <message>
        <source>Attempt {attempt} moves to {kiosk}</source>
        <translation>Attempt {attempt} moves to {kiosk}</translation>
    </message>
    <message>
        <source>; the kiosk left is locked</source>
        <translation>; the kiosk left is locked</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Resume every kiosk</source>
        <translation>Resume every kiosk</translation>
    </message>
    <message>
        <source>Resume {kiosk}</source>
        <translation>Resume {kiosk}</translation>
    </message>
    <message>
        <source>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</source>
        <translation>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</translation>
    </message>
    <message>
        <source>Resume the test</source>
        <translation>Resume the test</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Resume all</translation>
    </message>
    <message>
        <source>Why: every kiosk running a test is resumed.</source>
        <translation>Why: every kiosk running a test is resumed.</translation>
    </message>
    <message>
        <source>Why it stopped ({kiosk}): {why}</source>
        <translation>Why it stopped ({kiosk}): {why}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <source>restarted after a crash or a restart</source>
        <translation>restarted after a crash or a restart</translation>
    </message>
    <message>
        <source>without status</source>
        <translation>without status</translation>
    </message>
    <message>
        <source>the kiosk is {state}</source>
        <translation>the kiosk is {state}</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>pause</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>lock</translation>
    </message>
    <message>
        <source>end</source>
        <translation>end</translation>
    </message>
    <message>
        <source>; last {command} given by {by} at {time} UTC</source>
        <translation>; last {command} given by {by} at {time} UTC</translation>
    </message>
    <message>
        <source>Tick every open alert as read before resuming.</source>
        <translation>Tick every open alert as read before resuming.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <source>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</source>
        <translation>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</translation>
    </message>
    <message>
        <source>A new alert was raised while this window was open; read the list again and tick each alert.</source>
        <translation>A new alert was raised while this window was open; read the list again and tick each alert.</translation>
    </message>
</context>
</TS>