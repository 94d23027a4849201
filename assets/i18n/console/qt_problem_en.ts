<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>QtProblemDialog</name>
    <message>
        <source>Problem report</source>
        <translation>Problem report</translation>
    </message>
    <message>
        <source>Question {n}, reported at {t} UTC</source>
        <translation>Question {n}, reported at {t} UTC</translation>
    </message>
    <message>
        <source>The question as the bank has it</source>
        <translation>The question as the bank has it</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Candidate's note</source>
        <translation>Candidate's note</translation>
    </message>
    <message>
        <source>Problem reported — {kiosk}</source>
        <translation>Problem reported — {kiosk}</translation>
    </message>
    <message>
        <source>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</source>
        <translation>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</translation>
    </message>
    <message>
        <source>Validate (neutralise)</source>
        <translation>Validate (neutralise)</translation>
    </message>
    <message>
        <source>Dismiss (the candidate answers)</source>
        <translation>Dismiss (the candidate answers)</translation>
    </message>
    <message>
        <source>This kiosk has no open problem report.</source>
        <translation>This kiosk has no open problem report.</translation>
    </message>
    <message>
        <source>(the candidate wrote no note)</source>
        <translation>(the candidate wrote no note)</translation>
    </message>
    <message>
        <source>The question's text is not available (item {item}, bank {bank} not open on this console).</source>
        <translation>The question's text is not available (item {item}, bank {bank} not open on this console).</translation>
    </message>
    <message>
        <source>Item {item} cannot be read from bank {bank}: {why}</source>
        <translation>Item {item} cannot be read from bank {bank}: {why}</translation>
    </message>
    <message>
        <source>focus question</source>
        <translation>focus question</translation>
    </message>
    <message>
        <source>free question</source>
        <translation>free question</translation>
    </message>
    <message>
        <source>competence</source>
        <translation>competence</translation>
    </message>
    <message>
        <source>There is no problem report to decide.</source>
        <translation>There is no problem report to decide.</translation>
    </message>
    <message>
        <source>Question {n} validated: it is neutralised</source>
        <translation>Question {n} validated: it is neutralised</translation>
    </message>
    <message>
        <source>Report on question {n} dismissed: the candidate answers it</source>
        <translation>Report on question {n} dismissed: the candidate answers it</translation>
    </message>
</context>
</TS>