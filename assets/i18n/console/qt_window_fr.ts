<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>Incidents are written in the session report at finalisation in this version.</source>
        <translation>Dans cette version, les incidents s’écrivent dans le procès-verbal de la séance, à la finalisation.</translation>
    </message>
    <message>
        <source>In this version, run from a terminal:

pupitre-invigilator session %1 %2</source>
        <translation>Dans cette version, lancez depuis un terminal&#xa0;:

pupitre-invigilator session %1 %2</translation>
    </message>
    <message>
        <source>Action from a terminal</source>
        <translation>Action depuis un terminal</translation>
    </message>
</context>
<context>
    <name>QtCommandLinePage</name>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>In this version, sessions and their rosters are prepared from a terminal:

pupitre-invigilator session create --bank BANK --profile PROFILE --date DATE --room ROOM --invigilator NAME
pupitre-invigilator session roster import SESSION roster.csv
pupitre-invigilator session open SESSION

The room&apos;s page shows every kiosk as soon as it is heard from.</source>
        <translation>Dans cette version, les séances et leurs listes de candidats se préparent depuis un terminal&#xa0;:

pupitre-invigilator session create --bank BANQUE --profile PROFIL --date DATE --room SALLE --invigilator NOM
pupitre-invigilator session roster import SÉANCE liste.csv
pupitre-invigilator session open SÉANCE

La page Salle montre chaque poste dès qu’il donne signe de vie.</translation>
    </message>
</context>
<context>
    <name>QtConsoleWindow</name>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Kiosks needing action: %1</source>
        <translation>Postes à traiter&#xa0;: %1</translation>
    </message>
    <message>
        <source>Pupitre console — %1</source>
        <translation>Console Pupitre — %1</translation>
    </message>
    <message>
        <source>Switch the language (Ctrl+Shift+L)</source>
        <translation>Changer de langue (Ctrl+Maj+L)</translation>
    </message>
    <message>
        <source>Switch the language</source>
        <translation>Changer de langue</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+Shift+H</source>
        <translation>Raccourci&#xa0;: Ctrl+Maj+H</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl and minus)</source>
        <translation>Texte plus petit (Ctrl et moins)</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texte plus petit</translation>
    </message>
    <message>
        <source>Larger text (Ctrl and plus)</source>
        <translation>Texte plus grand (Ctrl et plus)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>F6 moves between the pages&apos; list and the page</source>
        <translation>F6 passe de la liste des pages à la page et inversement</translation>
    </message>
    <message>
        <source>Close the console?</source>
        <translation>Fermer la console&#x202f;?</translation>
    </message>
    <message>
        <source>Closing the console stops the room&apos;s server. The kiosks carry on with their tests and send everything when the console is back, but they cannot be authorised, paused or resumed from here meanwhile. Close it?</source>
        <translation>Fermer la console arrête le serveur de la salle. Les postes poursuivent leurs tests et enverront tout au retour de la console, mais d’ici là ils ne peuvent être ni autorisés, ni mis en pause, ni repris. La fermer&#x202f;?</translation>
    </message>
</context>
<context>
    <name>QtSetupNeededPage</name>
    <message>
        <source>This console is not set up yet</source>
        <translation>Cette console n’est pas encore installée</translation>
    </message>
    <message>
        <source>The data folder %1 holds no center. Set the center up once, from a terminal on this computer (it asks for the center passphrase twice), then choose “Check again”.</source>
        <translation>Le dossier de données %1 ne contient aucun centre. Installez le centre une fois, depuis un terminal sur cet ordinateur (la phrase secrète du centre est demandée deux fois), puis choisissez «&#x202f;Vérifier à nouveau&#x202f;».</translation>
    </message>
    <message>
        <source>The command to run</source>
        <translation>La commande à lancer</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>
