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
        <location filename="../../../invigilator/ui/qt_problem.py" line="48" />
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="49" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="50" />
        <source>Candidate's note</source>
        <translation>Candidate's note</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="51" />
        <source>Problem reported — {kiosk}</source>
        <translation>Problem reported — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="52" />
        <source>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</source>
        <translation>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="54" />
        <source>Validate (neutralise)</source>
        <translation>Validate (neutralise)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="55" />
        <source>Dismiss (the candidate answers)</source>
        <translation>Dismiss (the candidate answers)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="63" />
        <source>This kiosk has no open problem report.</source>
        <translation>This kiosk has no open problem report.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="78" />
        <source>(the candidate wrote no note)</source>
        <translation>(the candidate wrote no note)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="86" />
        <source>The question's text is not available (item {item}, bank {bank} not open on this console).</source>
        <translation>The question's text is not available (item {item}, bank {bank} not open on this console).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="91" />
        <source>Item {item} cannot be read from bank {bank}: {why}</source>
        <translation>Item {item} cannot be read from bank {bank}: {why}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="93" />
        <source>focus question</source>
        <translation>focus question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="93" />
        <source>free question</source>
        <translation>free question</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="94" />
        <source>competence</source>
        <translation>competence</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="110" />
        <source>There is no problem report to decide.</source>
        <translation>There is no problem report to decide.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="112" />
        <source>Question {n} validated: it is neutralised</source>
        <translation>Question {n} validated: it is neutralised</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_problem.py" line="113" />
        <source>Report on question {n} dismissed: the candidate answers it</source>
        <translation>Report on question {n} dismissed: the candidate answers it</translation>
    </message>
</context>
</TS>