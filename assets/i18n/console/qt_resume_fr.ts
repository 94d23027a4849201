<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtMoveDialog</name>
    <message>
        <source>Spare PCs</source>
        <translation>Postes de secours</translation>
    </message>
    <message>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>free (test over)</source>
        <translation>libre (test terminé)</translation>
    </message>
    <message>
        <source>at check-in</source>
        <translation>à l’accueil</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>en attente d’autorisation</translation>
    </message>
    <message>
        <source>no status yet</source>
        <translation>pas encore d’état</translation>
    </message>
    <message>
        <source>Spare PC</source>
        <translation>Poste de secours</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Move the candidate of {kiosk} to a spare PC</source>
        <translation>Déplacer le candidat de {kiosk} vers un poste de secours</translation>
    </message>
    <message>
        <source>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</source>
        <translation>Le poste de secours poursuit le même test (tentative {attempt}) : questions déjà passées, réponses et temps restant. Le poste quitté est verrouillé.</translation>
    </message>
    <message>
        <source>Move the candidate</source>
        <translation>Déplacer le candidat</translation>
    </message>
    <message>
        <source>Choose the spare PC the candidate goes to.</source>
        <translation>Choisissez le poste de secours où va le candidat.</translation>
    </message>
    <message>
        <source>Attempt {attempt} moves to {kiosk}</source>
        <translation>La tentative {attempt} passe sur {kiosk}</translation>
    </message>
    <message>
        <source>; the kiosk left is locked</source>
        <translation> ; le poste quitté est verrouillé</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>Resume every kiosk</source>
        <translation>Reprendre tous les postes</translation>
    </message>
    <message>
        <source>Resume {kiosk}</source>
        <translation>Reprendre {kiosk}</translation>
    </message>
    <message>
        <source>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</source>
        <translation>Une reprise rend le test au candidat. Lisez d’abord pourquoi il s’est arrêté et chaque alerte ouverte : la reprise reste désactivée tant que chaque alerte n’est pas cochée.</translation>
    </message>
    <message>
        <source>Resume the test</source>
        <translation>Reprendre le test</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Tout reprendre</translation>
    </message>
    <message>
        <source>Why: every kiosk running a test is resumed.</source>
        <translation>Pourquoi : chaque poste en test reprend.</translation>
    </message>
    <message>
        <source>Why it stopped ({kiosk}): {why}</source>
        <translation>Pourquoi il s’est arrêté ({kiosk}) : {why}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>verrouillé</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>en attente d’autorisation</translation>
    </message>
    <message>
        <source>restarted after a crash or a restart</source>
        <translation>redémarré après une panne ou un redémarrage</translation>
    </message>
    <message>
        <source>without status</source>
        <translation>sans état</translation>
    </message>
    <message>
        <source>the kiosk is {state}</source>
        <translation>le poste est {state}</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>pause</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>verrouillage</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>; last {command} given by {by} at {time} UTC</source>
        <translation> ; dernière commande « {command} » donnée par {by} à {time} UTC</translation>
    </message>
    <message>
        <source>Tick every open alert as read before resuming.</source>
        <translation>Cochez chaque alerte ouverte comme lue avant la reprise.</translation>
    </message>
    <message>
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <source>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</source>
        <translation>Reprise envoyée à {n} poste(s) ; {a} alerte(s) prise(s) en compte</translation>
    </message>
    <message>
        <source>A new alert was raised while this window was open; read the list again and tick each alert.</source>
        <translation>Une nouvelle alerte est arrivée pendant que cette fenêtre était ouverte ; relisez la liste et cochez chaque alerte.</translation>
    </message>
</context>
</TS>