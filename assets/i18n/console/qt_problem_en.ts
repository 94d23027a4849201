<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtProblemDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="33" />
        <source>Problem report</source>
        <translation>Problem report</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="36" />
        <source>Question {n}, reported at {t} UTC</source>
        <translation>Question {n}, reported at {t} UTC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="39" />
        <source>The question as the bank has it</source>
        <translation>The question as the bank has it</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="45" />
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="46" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="47" />
        <source>Candidate's note</source>
        <translation>Candidate's note</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="48" />
        <source>Problem reported — {kiosk}</source>
        <translation>Problem reported — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="49" />
        <source>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</source>
        <translation>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="51" />
        <source>Validate (neutralise)</source>
        <translation>Validate (neutralise)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="52" />
        <source>Dismiss (the candidate answers)</source>
        <translation>Dismiss (the candidate answers)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="60" />
        <source>This kiosk has no open problem report.</source>
        <translation>This kiosk has no open problem report.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="75" />
        <source>(the candidate wrote no note)</source>
        <translation>(the candidate wrote no note)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="83" />
        <source>The question's text is not available (item {item}, bank {bank} not open on this console).</source>
        <translation>The question's text is not available (item {item}, bank {bank} not open on this console).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="88" />
        <source>Item {item} cannot be read from bank {bank}: {why}</source>
        <translation>Item {item} cannot be read from bank {bank}: {why}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="105" />
        <source>There is no problem report to decide.</source>
        <translation>There is no problem report to decide.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="107" />
        <source>Question {n} validated: it is neutralised</source>
        <translation>Question {n} validated: it is neutralised</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="108" />
        <source>Report on question {n} dismissed: the candidate answers it</source>
        <translation>Report on question {n} dismissed: the candidate answers it</translation>
    </message>
</context>
</TS>