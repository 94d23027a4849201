<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtFinaliseDialog</name>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="62" />
        <source>Finalise session {id}</source>
        <translation>Finaliser la session {id}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="65" />
        <source>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</source>
        <translation>{room}, {date}. Vérifiez les résultats que la console a calculés à partir de chaque résultat vérifié, donnez un motif d’interruption pour chaque test inachevé, ajoutez vos observations, puis signez : la session est close.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="74" />
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="218" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="222" />
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="77" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="78" />
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="78" />
        <source>Abort reason</source>
        <translation>Motif d’interruption</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="79" />
        <source>Candidates and their results</source>
        <translation>Les candidats et leurs résultats</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="96" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="98" />
        <source>Sign and close the session</source>
        <translation>Signer et clore la session</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="101" />
        <source>Make the session package</source>
        <translation>Produire le paquet de session</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="103" />
        <source>Export to a USB stick…</source>
        <translation>Exporter sur une clé USB…</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="122" />
        <source>Global comment</source>
        <translation>Observation générale</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="123" />
        <source>Finalised by</source>
        <translation>Finalisée par</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="157" />
        <source>Finalised by {by} at {at} UTC and signed by the center.</source>
        <translation>Finalisée par {by} à {at} UTC et signée par le centre.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="159" />
        <source> Package {id} made.</source>
        <translation> Paquet {id} produit.</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="168" />
        <source>Not yet:</source>
        <translation>Pas encore :</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="192" />
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="192" />
        <source>Aborted</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="193" />
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="193" />
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="194" />
        <source>Unfinished: give a reason</source>
        <translation>Inachevé : motif à donner</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="195" />
        <source>scored</source>
        <translation>noté</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="195" />
        <source>no certificate</source>
        <translation>pas de certificat</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="196" />
        <source>rejected (too few questions)</source>
        <translation>rejeté (trop peu de questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="197" />
        <source>cancelled (too few questions)</source>
        <translation>annulé (trop peu de questions)</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="209" />
        <source>{n} pix</source>
        <translation>{n} pix</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="216" />
        <source>Abort reason of {name}</source>
        <translation>Motif d’interruption de {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="217" />
        <source>— choose —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="219" />
        <location filename="../../../invigilator/ui/qt_finalise.py" line="222" />
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="243" />
        <source>Comment on {name}</source>
        <translation>Observation sur {name}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="274" />
        <source>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</source>
        <translation>Une observation dépasse {n} caractères : raccourcissez-la (le compte s’affiche sous chaque observation).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="282" />
        <source>Not finalised:</source>
        <translation>Non finalisée :</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="302" />
        <source>Package {id} signed and queued for the hub ({path}).</source>
        <translation>Paquet {id} signé et mis en file pour le serveur central ({path}).</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="305" />
        <source>Exported and read back from the stick: {path}</source>
        <translation>Exporté et relu sur la clé : {path}</translation>
    </message>
    <message>
        <location filename="../../../invigilator/ui/qt_finalise.py" line="311" />
        <source>The USB stick's folder</source>
        <translation>Le dossier de la clé USB</translation>
    </message>
</context>
</TS>