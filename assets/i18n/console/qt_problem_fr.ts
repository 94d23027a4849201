<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtProblemDialog</name>
    <message>
        <source>Problem report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>Question {n}, reported at {t} UTC</source>
        <translation>Question {n}, signalée à {t} UTC</translation>
    </message>
    <message>
        <source>The question as the bank has it</source>
        <translation>La question telle que la banque la contient</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Candidate's note</source>
        <translation>Note du candidat</translation>
    </message>
    <message>
        <source>Problem reported — {kiosk}</source>
        <translation>Problème signalé — {kiosk}</translation>
    </message>
    <message>
        <source>Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.</source>
        <translation>Lisez la question et la note du candidat, puis décidez. Valider : la question est neutralisée et remplacée par une autre sous le même numéro. Rejeter : le candidat y répond.</translation>
    </message>
    <message>
        <source>Validate (neutralise)</source>
        <translation>Valider (neutraliser)</translation>
    </message>
    <message>
        <source>Dismiss (the candidate answers)</source>
        <translation>Rejeter (le candidat répond)</translation>
    </message>
    <message>
        <source>This kiosk has no open problem report.</source>
        <translation>Ce poste n’a aucun signalement ouvert.</translation>
    </message>
    <message>
        <source>(the candidate wrote no note)</source>
        <translation>(le candidat n’a écrit aucune note)</translation>
    </message>
    <message>
        <source>The question's text is not available (item {item}, bank {bank} not open on this console).</source>
        <translation>Le texte de la question n’est pas disponible (item {item}, banque {bank} non ouverte sur cette console).</translation>
    </message>
    <message>
        <source>Item {item} cannot be read from bank {bank}: {why}</source>
        <translation>L’item {item} ne peut être lu dans la banque {bank} : {why}</translation>
    </message>
    <message>
        <source>focus question</source>
        <translation>question focus</translation>
    </message>
    <message>
        <source>free question</source>
        <translation>question libre</translation>
    </message>
    <message>
        <source>competence</source>
        <translation>compétence</translation>
    </message>
    <message>
        <source>There is no problem report to decide.</source>
        <translation>Il n’y a aucun signalement à trancher.</translation>
    </message>
    <message>
        <source>Question {n} validated: it is neutralised</source>
        <translation>Question {n} validée : elle est neutralisée</translation>
    </message>
    <message>
        <source>Report on question {n} dismissed: the candidate answers it</source>
        <translation>Signalement de la question {n} rejeté : le candidat y répond</translation>
    </message>
</context>
</TS>