<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>QtConsoleWindow</name>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Kiosks needing action: %1</source>
        <translation>Kiosks needing action: %1</translation>
    </message>
    <message>
        <source>Pupitre console — %1</source>
        <translation>Pupitre console — %1</translation>
    </message>
    <message>
        <source>Switch the language (Ctrl+Shift+L)</source>
        <translation>Switch the language (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Switch the language</source>
        <translation>Switch the language</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+Shift+H</source>
        <translation>Shortcut: Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl and minus)</source>
        <translation>Smaller text (Ctrl and minus)</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <source>Larger text (Ctrl and plus)</source>
        <translation>Larger text (Ctrl and plus)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>F6 moves between the pages&apos; list and the page</source>
        <translation>F6 moves between the pages&apos; list and the page</translation>
    </message>
    <message>
        <source>Close the console?</source>
        <translation>Close the console?</translation>
    </message>
    <message>
        <source>Closing the console stops the room&apos;s server. The kiosks carry on with their tests and send everything when the console is back, but they cannot be authorised, paused or resumed from here meanwhile. Close it?</source>
        <translation>Closing the console stops the room&apos;s server. The kiosks carry on with their tests and send everything when the console is back, but they cannot be authorised, paused or resumed from here meanwhile. Close it?</translation>
    </message>
</context>
</TS>
