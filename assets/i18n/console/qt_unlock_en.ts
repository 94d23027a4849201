<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QtUnlockDialog</name>
    <message>
        <source>Pupitre console — unlock</source>
        <translation>Pupitre console — unlock</translation>
    </message>
    <message>
        <source>Unlock the console</source>
        <translation>Unlock the console</translation>
    </message>
    <message>
        <source>The center passphrase of %1 opens the center&apos;s keys. The console keeps them in memory until it is closed: the room&apos;s kiosks need them to receive authorisations and banks.</source>
        <translation>The center passphrase of %1 opens the center&apos;s keys. The console keeps them in memory until it is closed: the room&apos;s kiosks need them to receive authorisations and banks.</translation>
    </message>
    <message>
        <source>Center &amp;passphrase:</source>
        <translation>Center &amp;passphrase:</translation>
    </message>
    <message>
        <source>Center passphrase</source>
        <translation>Center passphrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Type the center passphrase.</source>
        <translation>Type the center passphrase.</translation>
    </message>
    <message>
        <source>Opening the center&apos;s keys…</source>
        <translation>Opening the center&apos;s keys…</translation>
    </message>
    <message>
        <source>Wrong passphrase (try %1). Check the keyboard layout and Caps Lock, then type it again.</source>
        <translation>Wrong passphrase (try %1). Check the keyboard layout and Caps Lock, then type it again.</translation>
    </message>
    <message>
        <source>The center&apos;s keys cannot be opened: %1</source>
        <translation>The center&apos;s keys cannot be opened: %1</translation>
    </message>
</context>
</TS>
