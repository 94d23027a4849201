<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtFinaliseDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="62" />
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
        <location filename="../../../invigilator/ui/qt_finalise.py" line="218" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="222" />
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
        <location filename="../../../invigilator/ui/qt_finalise.py" line="122" />
        <source>Global comment</source>
        <translation>Global comment</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="123" />
        <source>Finalised by</source>
        <translation>Finalised by</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="157" />
        <source>Finalised by {by} at {at} UTC and signed by the center.</source>
        <translation>Finalised by {by} at {at} UTC and signed by the center.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="159" />
        <source> Package {id} made.</source>
        <translation> Package {id} made.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="168" />
        <source>Not yet:</source>
        <translation>Not yet:</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="192" />
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="192" />
        <source>Aborted</source>
        <translation>Aborted</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="193" />
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="193" />
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="194" />
        <source>Unfinished: give a reason</source>
        <translation>Unfinished: give a reason</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="195" />
        <source>scored</source>
        <translation>scored</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="195" />
        <source>no certificate</source>
        <translation>no certificate</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="196" />
        <source>rejected (too few questions)</source>
        <translation>rejected (too few questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="197" />
        <source>cancelled (too few questions)</source>
        <translation>cancelled (too few questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="209" />
        <source>{n} pix</source>
        <translation>{n} pix</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="216" />
        <source>Abort reason of {name}</source>
        <translation>Abort reason of {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="217" />
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="219" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="222" />
        <source>Technical</source>
        <translation>Technical</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="243" />
        <source>Comment on {name}</source>
        <translation>Comment on {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="274" />
        <source>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</source>
        <translation>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="282" />
        <source>Not finalised:</source>
        <translation>Not finalised:</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="302" />
        <source>Package {id} signed and queued for the hub ({path}).</source>
        <translation>Package {id} signed and queued for the hub ({path}).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="305" />
        <source>Exported and read back from the stick: {path}</source>
        <translation>Exported and read back from the stick: {path}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="311" />
        <source>The USB stick's folder</source>
        <translation>The USB stick's folder</translation>
    </message>
</context>
</TS>