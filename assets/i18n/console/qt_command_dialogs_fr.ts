<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtAddTimeDialog</name>
    <message>
        <source>Planned accommodation (extra time granted)</source>
        <translation>Aménagement prévu (temps majoré accordé)</translation>
    </message>
    <message>
        <source>Compensation for time lost to an incident</source>
        <translation>Compensation du temps perdu lors d’un incident</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes to add</source>
        <translation>Minutes à ajouter</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Note (what the time was lost to)</source>
        <translation>Note (ce qui a fait perdre le temps)</translation>
    </message>
    <message>
        <source>Add time — {kiosk}</source>
        <translation>Ajouter du temps — {kiosk}</translation>
    </message>
    <message>
        <source>The minutes are added to the candidate's remaining time and recorded in the journal.</source>
        <translation>Les minutes s’ajoutent au temps restant du candidat et sont consignées dans le journal.</translation>
    </message>
    <message>
        <source>Add the time</source>
        <translation>Ajouter le temps</translation>
    </message>
    <message>
        <source>Choose the purpose: planned accommodation or compensation.</source>
        <translation>Choisissez le motif : aménagement prévu ou compensation.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>{n} minute(s) added (command {id})</source>
        <translation>{n} minute(s) ajoutée(s) (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtEndDialog</name>
    <message>
        <source>Technical: the workstation or the room failed</source>
        <translation>Technique : le poste ou la salle a failli</translation>
    </message>
    <message>
        <source>Candidate: the candidate leaves or stops</source>
        <translation>Candidat : le candidat part ou abandonne</translation>
    </message>
    <message>
        <source>Fraud seen: the certification will be invalidated</source>
        <translation>Fraude constatée : la certification sera invalidée</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>End the test — {kiosk}</source>
        <translation>Terminer le test — {kiosk}</translation>
    </message>
    <message>
        <source>The test ends now and cannot be taken up again. Fewer than 20 questions treated give no score.</source>
        <translation>Le test s’arrête maintenant et ne pourra pas reprendre. Moins de 20 questions traitées ne donnent pas de score.</translation>
    </message>
    <message>
        <source>End the test</source>
        <translation>Terminer le test</translation>
    </message>
    <message>
        <source>Choose the reason: technical, candidate or fraud.</source>
        <translation>Choisissez le motif : technique, candidat ou fraude.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>End sent (command {id})</source>
        <translation>Fin envoyée (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtLockDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>Unlock {kiosk}</source>
        <translation>Déverrouiller {kiosk}</translation>
    </message>
    <message>
        <source>The kiosk's screen is unlocked; the candidate can go on.</source>
        <translation>L’écran du poste est déverrouillé ; le candidat peut continuer.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Lock {kiosk}</source>
        <translation>Verrouiller {kiosk}</translation>
    </message>
    <message>
        <source>The kiosk's screen is locked until you unlock it; the candidate's time stops.</source>
        <translation>L’écran du poste reste verrouillé jusqu’à ce que vous le déverrouilliez ; le temps du candidat s’arrête.</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>{kind} sent (command {id})</source>
        <translation>{kind} envoyé (commande {id})</translation>
    </message>
</context>
<context>
    <name>QtPauseDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>Pause every kiosk</source>
        <translation>Mettre en pause tous les postes</translation>
    </message>
    <message>
        <source>Every kiosk running a test is paused; the time stops for each candidate until it is resumed.</source>
        <translation>Chaque poste en test est mis en pause ; le temps de chaque candidat s’arrête jusqu’à la reprise.</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Tout mettre en pause</translation>
    </message>
    <message>
        <source>Pause {kiosk}</source>
        <translation>Mettre en pause {kiosk}</translation>
    </message>
    <message>
        <source>The candidate's time stops until the test is resumed.</source>
        <translation>Le temps du candidat s’arrête jusqu’à la reprise du test.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Mettre en pause</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>Pause sent to {n} kiosk(s)</source>
        <translation>Pause envoyée à {n} poste(s)</translation>
    </message>
</context>
</TS>