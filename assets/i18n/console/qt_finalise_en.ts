<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtFinaliseDialog</name>
    <message>
        <source>Finalise session {id}</source>
        <translation>Finalise session {id}</translation>
    </message>
    <message>
        <source>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</source>
        <translation>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Abort reason</source>
        <translation>Abort reason</translation>
    </message>
    <message>
        <source>Candidates and their results</source>
        <translation>Candidates and their results</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sign and close the session</source>
        <translation>Sign and close the session</translation>
    </message>
    <message>
        <source>Make the session package</source>
        <translation>Make the session package</translation>
    </message>
    <message>
        <source>Export to a USB stick…</source>
        <translation>Export to a USB stick…</translation>
    </message>
    <message>
        <source>Global comment</source>
        <translation>Global comment</translation>
    </message>
    <message>
        <source>Finalised by</source>
        <translation>Finalised by</translation>
    </message>
    <message>
        <source>Finalised by {by} at {at} UTC and signed by the center.</source>
        <translation>Finalised by {by} at {at} UTC and signed by the center.</translation>
    </message>
    <message>
        <source> Package {id} made.</source>
        <translation> Package {id} made.</translation>
    </message>
    <message>
        <source>Not yet:</source>
        <translation>Not yet:</translation>
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
        <source>in a question</source>
        <translation>in a question</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>waiting for an authorisation</translation>
    </message>
    <message>
        <source>the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it</source>
        <translation>the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it</translation>
    </message>
    <message>
        <source>a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it</source>
        <translation>a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it</translation>
    </message>
    <message>
        <source>open alert on {kiosk} since {since} UTC: {kind} — handle it first</source>
        <translation>open alert on {kiosk} since {since} UTC: {kind} — handle it first</translation>
    </message>
    <message>
        <source>the result of attempt {attempt} cannot be counted: {detail}</source>
        <translation>the result of attempt {attempt} cannot be counted: {detail}</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Aborted</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Unfinished: give a reason</source>
        <translation>Unfinished: give a reason</translation>
    </message>
    <message>
        <source>scored</source>
        <translation>scored</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>no certificate</translation>
    </message>
    <message>
        <source>rejected (too few questions)</source>
        <translation>rejected (too few questions)</translation>
    </message>
    <message>
        <source>cancelled (too few questions)</source>
        <translation>cancelled (too few questions)</translation>
    </message>
    <message>
        <source>{n} pix</source>
        <translation>{n} pix</translation>
    </message>
    <message>
        <source>Abort reason of {name}</source>
        <translation>Abort reason of {name}</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technical</translation>
    </message>
    <message>
        <source>Comment on {name}</source>
        <translation>Comment on {name}</translation>
    </message>
    <message>
        <source>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</source>
        <translation>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</translation>
    </message>
    <message>
        <source>Give the abort reason of every unfinished test: {names}.</source>
        <translation>Give the abort reason of every unfinished test: {names}.</translation>
    </message>
    <message>
        <source>Not finalised:</source>
        <translation>Not finalised:</translation>
    </message>
    <message>
        <source>Package {id} signed and queued for the hub ({path}).</source>
        <translation>Package {id} signed and queued for the hub ({path}).</translation>
    </message>
    <message>
        <source>Exported and read back from the stick: {path}</source>
        <translation>Exported and read back from the stick: {path}</translation>
    </message>
    <message>
        <source>The USB stick's folder</source>
        <translation>The USB stick's folder</translation>
    </message>
</context>
</TS>