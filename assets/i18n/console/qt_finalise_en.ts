<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtFinaliseDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="63" />
        <source>Finalise session {id}</source>
        <translation>Finalise session {id}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="65" />
        <source>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</source>
        <translation>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="74" />
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="238" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="242" />
        <source>Candidate</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="78" />
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="78" />
        <source>Abort reason</source>
        <translation>Abort reason</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="79" />
        <source>Candidates and their results</source>
        <translation>Candidates and their results</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="96" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="98" />
        <source>Sign and close the session</source>
        <translation>Sign and close the session</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="101" />
        <source>Make the session package</source>
        <translation>Make the session package</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="103" />
        <source>Export to a USB stick…</source>
        <translation>Export to a USB stick…</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="123" />
        <source>Global comment</source>
        <translation>Global comment</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="124" />
        <source>Finalised by</source>
        <translation>Finalised by</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="158" />
        <source>Finalised by {by} at {at} UTC and signed by the center.</source>
        <translation>Finalised by {by} at {at} UTC and signed by the center.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="160" />
        <source> Package {id} made.</source>
        <translation> Package {id} made.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="169" />
        <source>Not yet:</source>
        <translation>Not yet:</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="184" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="184" />
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="184" />
        <source>in a question</source>
        <translation>in a question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="185" />
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="188" />
        <source>the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it</source>
        <translation>the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="190" />
        <source>a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it</source>
        <translation>a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="195" />
        <source>open alert on {kiosk} since {since} UTC: {kind} — handle it first</source>
        <translation>open alert on {kiosk} since {since} UTC: {kind} — handle it first</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="197" />
        <source>the result of attempt {attempt} cannot be counted: {detail}</source>
        <translation>the result of attempt {attempt} cannot be counted: {detail}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="212" />
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="212" />
        <source>Aborted</source>
        <translation>Aborted</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="213" />
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="213" />
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="214" />
        <source>Unfinished: give a reason</source>
        <translation>Unfinished: give a reason</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="215" />
        <source>scored</source>
        <translation>scored</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="215" />
        <source>no certificate</source>
        <translation>no certificate</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="216" />
        <source>rejected (too few questions)</source>
        <translation>rejected (too few questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="217" />
        <source>cancelled (too few questions)</source>
        <translation>cancelled (too few questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="229" />
        <source>{n} pix</source>
        <translation>{n} pix</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="236" />
        <source>Abort reason of {name}</source>
        <translation>Abort reason of {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="237" />
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="239" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="242" />
        <source>Technical</source>
        <translation>Technical</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="263" />
        <source>Comment on {name}</source>
        <translation>Comment on {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="294" />
        <source>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</source>
        <translation>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="302" />
        <source>Give the abort reason of every unfinished test: {names}.</source>
        <translation>Give the abort reason of every unfinished test: {names}.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="310" />
        <source>Not finalised:</source>
        <translation>Not finalised:</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="330" />
        <source>Package {id} signed and queued for the hub ({path}).</source>
        <translation>Package {id} signed and queued for the hub ({path}).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="333" />
        <source>Exported and read back from the stick: {path}</source>
        <translation>Exported and read back from the stick: {path}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="339" />
        <source>The USB stick's folder</source>
        <translation>The USB stick's folder</translation>
    </message>
</context>
</TS>