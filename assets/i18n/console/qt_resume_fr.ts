<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtMoveDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="132" />
        <source>Spare PCs</source>
        <translation>Postes de secours</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="134" />
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="134" />
        <location filename="../../../invigilator/ui/qt_resume.py" line="135" />
        <source>free (test over)</source>
        <translation>libre (test terminé)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="135" />
        <location filename="../../../invigilator/ui/qt_resume.py" line="136" />
        <source>at check-in</source>
        <translation>à l’accueil</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="137" />
        <source>waiting for an authorisation</source>
        <translation>en attente d’autorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="138" />
        <source>no status yet</source>
        <translation>pas encore d’état</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="143" />
        <source>Spare PC</source>
        <translation>Poste de secours</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="144" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="145" />
        <source>Move the candidate of {kiosk} to a spare PC</source>
        <translation>Déplacer le candidat de {kiosk} vers un poste de secours</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="146" />
        <source>The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.</source>
        <translation>Le poste de secours poursuit le même test (tentative {attempt}) : questions déjà passées, réponses et temps restant. Le poste quitté est verrouillé.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="148" />
        <source>Move the candidate</source>
        <translation>Déplacer le candidat</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="165" />
        <source>Choose the spare PC the candidate goes to.</source>
        <translation>Choisissez le poste de secours où va le candidat.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="168" />
        <source>Attempt {attempt} moves to {kiosk}</source>
        <translation>La tentative {attempt} passe sur {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="170" />
        <source>; the kiosk left is locked</source>
        <translation> ; le poste quitté est verrouillé</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="48" />
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="54" />
        <source>Resume every kiosk</source>
        <translation>Reprendre tous les postes</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="54" />
        <source>Resume {kiosk}</source>
        <translation>Reprendre {kiosk}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="56" />
        <source>A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.</source>
        <translation>Une reprise rend le test au candidat. Lisez d’abord pourquoi il s’est arrêté et chaque alerte ouverte : la reprise reste désactivée tant que chaque alerte n’est pas cochée.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="58" />
        <source>Resume the test</source>
        <translation>Reprendre le test</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="58" />
        <source>Resume all</source>
        <translation>Tout reprendre</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="65" />
        <source>Why: every kiosk running a test is resumed.</source>
        <translation>Pourquoi : chaque poste en test reprend.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="69" />
        <source>Why it stopped ({kiosk}): {why}</source>
        <translation>Pourquoi il s’est arrêté ({kiosk}) : {why}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="78" />
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="78" />
        <source>locked</source>
        <translation>verrouillé</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="79" />
        <source>waiting for an authorisation</source>
        <translation>en attente d’autorisation</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="80" />
        <source>restarted after a crash or a restart</source>
        <translation>redémarré après une panne ou un redémarrage</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="80" />
        <source>without status</source>
        <translation>sans état</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="81" />
        <source>the kiosk is {state}</source>
        <translation>le poste est {state}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="84" />
        <source>pause</source>
        <translation>pause</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="84" />
        <source>lock</source>
        <translation>verrouillage</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="85" />
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="86" />
        <source>; last {command} given by {by} at {time} UTC</source>
        <translation> ; dernière commande « {command} » donnée par {by} à {time} UTC</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="98" />
        <source>Tick every open alert as read before resuming.</source>
        <translation>Cochez chaque alerte ouverte comme lue avant la reprise.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="100" />
        <source>The note is longer than {n} characters.</source>
        <translation>La note dépasse {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="103" />
        <source>Resume sent to {n} kiosk(s); {a} alert(s) acknowledged</source>
        <translation>Reprise envoyée à {n} poste(s) ; {a} alerte(s) prise(s) en compte</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_resume.py" line="109" />
        <source>A new alert was raised while this window was open; read the list again and tick each alert.</source>
        <translation>Une nouvelle alerte est arrivée pendant que cette fenêtre était ouverte ; relisez la liste et cochez chaque alerte.</translation>
    </message>
</context>
</TS>