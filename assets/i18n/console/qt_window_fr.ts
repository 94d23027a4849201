<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
</TS>
