<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>ActionDispatcher</name>
    <message>
        <source>Action not possible</source>
        <translation>Action impossible</translation>
    </message>
</context>
</TS>