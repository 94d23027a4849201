<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtMoveDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="129" />
        <source>Spare PCs</source>
        <translation>Spare PCs</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="131" />
        <source>no status yet</source>
        <translation>no status yet</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="136" />
        <source>Spare PC</source>
        <translation>Spare PC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="137" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="138" />
        <source>Move the candidate of {kiosk} to a spare PC</source>
        <translation>Move the candidate of {kiosk} to a spare PC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="139" />
        <source>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</source>
        <translation>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="141" />
        <source>Move the candidate</source>
        <translation>Move the candidate</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="158" />
        <source>Choose the spare PC the candidate goes to.</source>
        <translation>Choose the spare PC the candidate goes to.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="161" />
        <source>Attempt {attempt} moves to {kiosk}</source>
        <translation>Attempt {attempt} moves to {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="163" />
        <source>; the kiosk left is locked</source>
        <translation>; the kiosk left is locked</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="45" />
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="51" />
        <source>Resume every kiosk</source>
        <translation>Resume every kiosk</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="51" />
        <source>Resume {kiosk}</source>
        <translation>Resume {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="53" />
        <source>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</source>
        <translation>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="55" />
        <source>Resume the test</source>
        <translation>Resume the test</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="55" />
        <source>Resume all</source>
        <translation>Resume all</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="62" />
        <source>Why: every kiosk running a test is resumed.</source>
        <translation>Why: every kiosk running a test is resumed.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="66" />
        <source>Why it stopped ({kiosk}): {why}</source>
        <translation>Why it stopped ({kiosk}): {why}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="75" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="75" />
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="76" />
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="77" />
        <source>restarted after a crash or a restart</source>
        <translation>restarted after a crash or a restart</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="77" />
        <source>without status</source>
        <translation>without status</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="78" />
        <source>the kiosk is {state}</source>
        <translation>the kiosk is {state}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="81" />
        <source>pause</source>
        <translation>pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="81" />
        <source>lock</source>
        <translation>lock</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="82" />
        <source>end</source>
        <translation>end</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="83" />
        <source>; last {command} given by {by} at {time} UTC</source>
        <translation>; last {command} given by {by} at {time} UTC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="95" />
        <source>Tick every open alert as read before resuming.</source>
        <translation>Tick every open alert as read before resuming.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="97" />
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="100" />
        <source>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</source>
        <translation>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="106" />
        <source>A new alert was raised while this window was open; read the list again and tick each alert.</source>
        <translation>A new alert was raised while this window was open; read the list again and tick each alert.</translation>
    </message>
</context>
</TS>