<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtAddTimeDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="92" />
        <source>Planned accommodation (extra time granted)</source>
        <translation>Aménagement prévu (temps majoré accordé)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="93" />
        <source>Compensation for time lost to an incident</source>
        <translation>Compensation du temps perdu lors d’un incident</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="97" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="98" />
        <source>Minutes to add</source>
        <translation>Minutes à ajouter</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="100" />
        <source>Purpose</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="101" />
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="102" />
        <source>Note (what the time was lost to)</source>
        <translation>Note (ce qui a fait perdre le temps)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="103" />
        <source>Add time — {kiosk}</source>
        <translation>Ajouter du temps — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="104" />
        <source>The minutes are added to the candidate's remaining time and recorded in the journal.</source>
        <translation>Les minutes s’ajoutent au temps restant du candidat et sont consignées dans le journal.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="105" />
        <source>Add the time</source>
        <translation>Ajouter le temps</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="110" />
        <source>Choose the purpose: planned accommodation or compensation.</source>
        <translation>Choisissez le motif : aménagement prévu ou compensation.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="112" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="114" />
        <source>{n} minute(s) added (command {id})</source>
        <translation>{n} minute(s) ajoutée(s) (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtEndDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="127" />
        <source>Technical: the workstation or the room failed</source>
        <translation>Technique : le poste ou la salle a failli</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="128" />
        <source>Candidate: the candidate leaves or stops</source>
        <translation>Candidat : le candidat part ou abandonne</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="129" />
        <source>Fraud seen: the certification will be invalidated</source>
        <translation>Fraude constatée : la certification sera invalidée</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="131" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="132" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="134" />
        <source>End the test — {kiosk}</source>
        <translation>Terminer le test — {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="135" />
        <source>The test ends now and cannot be taken up again. Fewer than 20 questions treated give no score.</source>
        <translation>Le test s’arrête maintenant et ne pourra pas reprendre. Moins de 20 questions traitées ne donnent pas de score.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="136" />
        <source>End the test</source>
        <translation>Terminer le test</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="141" />
        <source>Choose the reason: technical, candidate or fraud.</source>
        <translation>Choisissez le motif : technique, candidat ou fraude.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="143" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="145" />
        <source>End sent (command {id})</source>
        <translation>Fin envoyée (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtLockDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="67" />
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="69" />
        <source>Unlock {kiosk}</source>
        <translation>Déverrouiller {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="70" />
        <source>The kiosk's screen is unlocked; the candidate can go on.</source>
        <translation>L’écran du poste est déverrouillé ; le candidat peut continuer.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="70" />
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="72" />
        <source>Lock {kiosk}</source>
        <translation>Verrouiller {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="73" />
        <source>The kiosk's screen is locked until you unlock it; the candidate's time stops.</source>
        <translation>L’écran du poste reste verrouillé jusqu’à ce que vous le déverrouilliez ; le temps du candidat s’arrête.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="74" />
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="78" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="81" />
        <source>{kind} sent (command {id})</source>
        <translation>{kind} envoyé (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtPauseDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="43" />
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="45" />
        <source>Pause every kiosk</source>
        <translation>Mettre en pause tous les postes</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="45" />
        <source>Every kiosk running a test is paused; the time stops for each candidate until it is resumed.</source>
        <translation>Chaque poste en test est mis en pause ; le temps de chaque candidat s’arrête jusqu’à la reprise.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="47" />
        <source>Pause all</source>
        <translation>Tout mettre en pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="49" />
        <source>Pause {kiosk}</source>
        <translation>Mettre en pause {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="50" />
        <source>The candidate's time stops until the test is resumed.</source>
        <translation>Le temps du candidat s’arrête jusqu’à la reprise du test.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="50" />
        <source>Pause</source>
        <translation>Mettre en pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="54" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_command_dialogs.py" line="56" />
        <source>Pause sent to {n} kiosk(s)</source>
        <translation>Pause envoyée à {n} poste(s)</translation>
    </message>
</context>
</TS>