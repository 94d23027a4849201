<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
<context>
    <name>QtFinaliseDialog</name>
    <message>
        <source>Finalise session {id}</source>
        <translation>Finaliser la session {id}</translation>
    </message>
    <message>
        <source>{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.</source>
        <translation>{room}, {date}. Vérifiez les résultats que la console a calculés à partir de chaque résultat vérifié, donnez un motif d’interruption pour chaque test inachevé, ajoutez vos observations, puis signez : la session est close.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidat</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Abort reason</source>
        <translation>Motif d’interruption</translation>
    </message>
    <message>
        <source>Candidates and their results</source>
        <translation>Les candidats et leurs résultats</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Sign and close the session</source>
        <translation>Signer et clore la session</translation>
    </message>
    <message>
        <source>Make the session package</source>
        <translation>Produire le paquet de session</translation>
    </message>
    <message>
        <source>Export to a USB stick…</source>
        <translation>Exporter sur une clé USB…</translation>
    </message>
    <message>
        <source>Global comment</source>
        <translation>Observation générale</translation>
    </message>
    <message>
        <source>Finalised by</source>
        <translation>Finalisée par</translation>
    </message>
    <message>
        <source>Finalised by {by} at {at} UTC and signed by the center.</source>
        <translation>Finalisée par {by} à {at} UTC et signée par le centre.</translation>
    </message>
    <message>
        <source> Package {id} made.</source>
        <translation> Paquet {id} produit.</translation>
    </message>
    <message>
        <source>Not yet:</source>
        <translation>Pas encore :</translation>
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
        <source>in a question</source>
        <translation>dans une question</translation>
    </message>
    <message>
        <source>waiting for an authorisation</source>
        <translation>en attente d’autorisation</translation>
    </message>
    <message>
        <source>the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it</source>
        <translation>le test de {who} est en cours sur {kiosk} ({state}) : attendez qu’il se termine, ou terminez-le</translation>
    </message>
    <message>
        <source>a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it</source>
        <translation>un test est en cours sur {kiosk} ({state}, tentative {attempt}) : attendez qu’il se termine, ou terminez-le</translation>
    </message>
    <message>
        <source>open alert on {kiosk} since {since} UTC: {kind} — handle it first</source>
        <translation>alerte ouverte sur {kiosk} depuis {since} UTC : {kind} — traitez-la d’abord</translation>
    </message>
    <message>
        <source>the result of attempt {attempt} cannot be counted: {detail}</source>
        <translation>le résultat de la tentative {attempt} ne peut être compté : {detail}</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Unfinished: give a reason</source>
        <translation>Inachevé : motif à donner</translation>
    </message>
    <message>
        <source>scored</source>
        <translation>noté</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>pas de certificat</translation>
    </message>
    <message>
        <source>rejected (too few questions)</source>
        <translation>rejeté (trop peu de questions)</translation>
    </message>
    <message>
        <source>cancelled (too few questions)</source>
        <translation>annulé (trop peu de questions)</translation>
    </message>
    <message>
        <source>{n} pix</source>
        <translation>{n} pix</translation>
    </message>
    <message>
        <source>Abort reason of {name}</source>
        <translation>Motif d’interruption de {name}</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Comment on {name}</source>
        <translation>Observation sur {name}</translation>
    </message>
    <message>
        <source>A comment is longer than {n} characters: shorten it (the count is shown under each comment).</source>
        <translation>Une observation dépasse {n} caractères : raccourcissez-la (le compte s’affiche sous chaque observation).</translation>
    </message>
    <message>
        <source>Give the abort reason of every unfinished test: {names}.</source>
        <translation>Donnez le motif d’interruption de chaque test inachevé : {names}.</translation>
    </message>
    <message>
        <source>Not finalised:</source>
        <translation>Non finalisée :</translation>
    </message>
    <message>
        <source>Package {id} signed and queued for the hub ({path}).</source>
        <translation>Paquet {id} signé et mis en file pour le serveur central ({path}).</translation>
    </message>
    <message>
        <source>Exported and read back from the stick: {path}</source>
        <translation>Exporté et relu sur la clé : {path}</translation>
    </message>
    <message>
        <source>The USB stick's folder</source>
        <translation>Le dossier de la clé USB</translation>
    </message>
</context>
</TS>