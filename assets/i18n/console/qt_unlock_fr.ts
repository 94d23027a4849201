<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QtUnlockDialog</name>
    <message>
        <source>Pupitre console — unlock</source>
        <translation>Console Pupitre — déverrouillage</translation>
    </message>
    <message>
        <source>Unlock the console</source>
        <translation>Déverrouiller la console</translation>
    </message>
    <message>
        <source>The center passphrase of %1 opens the center&apos;s keys. The console keeps them in memory until it is closed: the room&apos;s kiosks need them to receive authorisations and banks.</source>
        <translation>La phrase secrète du centre %1 ouvre les clés du centre. La console les garde en mémoire jusqu’à sa fermeture&#xa0;: les postes de la salle en ont besoin pour recevoir autorisations et banques.</translation>
    </message>
    <message>
        <source>Center &amp;passphrase:</source>
        <translation>&amp;Phrase secrète du centre&#xa0;:</translation>
    </message>
    <message>
        <source>Center passphrase</source>
        <translation>Phrase secrète du centre</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Type the center passphrase.</source>
        <translation>Tapez la phrase secrète du centre.</translation>
    </message>
    <message>
        <source>Opening the center&apos;s keys…</source>
        <translation>Ouverture des clés du centre…</translation>
    </message>
    <message>
        <source>Wrong passphrase (try %1). Check the keyboard layout and Caps Lock, then type it again.</source>
        <translation>Phrase secrète incorrecte (essai %1). Vérifiez la disposition du clavier et la touche Verr. Maj, puis tapez-la à nouveau.</translation>
    </message>
    <message>
        <source>The center&apos;s keys cannot be opened: %1</source>
        <translation>Les clés du centre ne peuvent pas être ouvertes&#xa0;: %1</translation>
    </message>
</context>
</TS>
