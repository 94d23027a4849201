<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtMoveDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="132" />
        <source>Spare PCs</source>
        <translation>Spare PCs</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="134" />
        <source>free</source>
        <translation>free</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="134" />
        <location filename="../../../invigilator/ui/qt_resume.py" line="135" />
        <source>free (test over)</source>
        <translation>free (test over)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="135" />
        <location filename="../../../invigilator/ui/qt_resume.py" line="136" />
        <source>at check-in</source>
        <translation>at check-in</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="137" />
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="138" />
        <source>no status yet</source>
        <translation>no status yet</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="143" />
        <source>Spare PC</source>
        <translation>Spare PC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="144" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="145" />
        <source>Move the candidate of {kiosk} to a spare PC</source>
        <translation>Move the candidate of {kiosk} to a spare PC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="146" />
        <source>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</source>
        <translation>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="148" />
        <source>Move the candidate</source>
        <translation>Move the candidate</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="165" />
        <source>Choose the spare PC the candidate goes to.</source>
        <translation>Choose the spare PC the candidate goes to.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="168" />
        <source>Attempt {attempt} moves to {kiosk}</source>
        <translation>Attempt {attempt} moves to {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="170" />
        <source>; the kiosk left is locked</source>
        <translation>; the kiosk left is locked</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="48" />
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="54" />
        <source>Resume every kiosk</source>
        <translation>Resume every kiosk</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="54" />
        <source>Resume {kiosk}</source>
        <translation>Resume {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="56" />
        <source>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</source>
        <translation>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="58" />
        <source>Resume the test</source>
        <translation>Resume the test</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="58" />
        <source>Resume all</source>
        <translation>Resume all</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="65" />
        <source>Why: every kiosk running a test is resumed.</source>
        <translation>Why: every kiosk running a test is resumed.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="69" />
        <source>Why it stopped ({kiosk}): {why}</source>
        <translation>Why it stopped ({kiosk}): {why}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="78" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="78" />
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="79" />
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="80" />
        <source>restarted after a crash or a restart</source>
        <translation>restarted after a crash or a restart</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="80" />
        <source>without status</source>
        <translation>without status</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="81" />
        <source>the kiosk is {state}</source>
        <translation>the kiosk is {state}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="84" />
        <source>pause</source>
        <translation>pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="84" />
        <source>lock</source>
        <translation>lock</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="85" />
        <source>end</source>
        <translation>end</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="86" />
        <source>; last {command} given by {by} at {time} UTC</source>
        <translation>; last {command} given by {by} at {time} UTC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="98" />
        <source>Tick every open alert as read before resuming.</source>
        <translation>Tick every open alert as read before resuming.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="100" />
        <source>The note is longer than {n} characters.</source>
        <translation>The note is longer than {n} characters.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="103" />
        <source>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</source>
        <translation>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="109" />
        <source>A new alert was raised while this window was open; read the list again and tick each alert.</source>
        <translation>A new alert was raised while this window was open; read the list again and tick each alert.</translation>
    </message>
</context>
</TS>