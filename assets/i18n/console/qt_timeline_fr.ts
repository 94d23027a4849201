<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QtTimeline</name>
    <message>
        <source>Test prepared</source>
        <translation>Test préparé</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Identifié</translation>
    </message>
    <message>
        <source>Authorisation requested</source>
        <translation>Autorisation demandée</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>Autorisé</translation>
    </message>
    <message>
        <source>Workstation checked</source>
        <translation>Poste vérifié</translation>
    </message>
    <message>
        <source>Test started</source>
        <translation>Test commencé</translation>
    </message>
    <message>
        <source>Focus warning shown</source>
        <translation>Avertissement focus affiché</translation>
    </message>
    <message>
        <source>Focus warning read</source>
        <translation>Avertissement focus lu</translation>
    </message>
    <message>
        <source>Question shown</source>
        <translation>Question affichée</translation>
    </message>
    <message>
        <source>Left the exam window</source>
        <translation>A quitté la fenêtre d’examen</translation>
    </message>
    <message>
        <source>Back in the exam window</source>
        <translation>De retour dans la fenêtre d’examen</translation>
    </message>
    <message>
        <source>Question treated</source>
        <translation>Question traitée</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problème signalé</translation>
    </message>
    <message>
        <source>Problem decided</source>
        <translation>Signalement tranché</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Repris</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Déverrouillé</translation>
    </message>
    <message>
        <source>Time added</source>
        <translation>Temps ajouté</translation>
    </message>
    <message>
        <source>Restarted after an interruption</source>
        <translation>Redémarré après une interruption</translation>
    </message>
    <message>
        <source>Workstation frozen</source>
        <translation>Poste figé</translation>
    </message>
    <message>
        <source>Test finished</source>
        <translation>Test terminé</translation>
    </message>
    <message>
        <source>Results signed</source>
        <translation>Résultats signés</translation>
    </message>
    <message>
        <source>Console&apos;s command received</source>
        <translation>Commande de la console reçue</translation>
    </message>
    <message>
        <source>Console&apos;s command refused</source>
        <translation>Commande de la console refusée</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>Surveillance</translation>
    </message>
    <message>
        <source>Console: kiosk silent</source>
        <translation>Console&#xa0;: poste silencieux</translation>
    </message>
    <message>
        <source>Console: journal does not continue</source>
        <translation>Console&#xa0;: le journal ne se suit pas</translation>
    </message>
    <message>
        <source>to resume</source>
        <translation>pour reprendre</translation>
    </message>
    <message>
        <source>to start</source>
        <translation>pour commencer</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>reprise</translation>
    </message>
    <message>
        <source>start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>a finding blocks the test</source>
        <translation>un constat bloque le test</translation>
    </message>
    <message>
        <source>findings: %1</source>
        <translation>constats&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 questions, %2 min</source>
        <translation>%1 questions, %2&#xa0;min</translation>
    </message>
    <message>
        <source>question %1</source>
        <translation>question %1</translation>
    </message>
    <message>
        <source>between questions</source>
        <translation>entre deux questions</translation>
    </message>
    <message>
        <source>focus question: the answer does not count</source>
        <translation>question focus&#xa0;: la réponse ne compte pas</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>passée</translation>
    </message>
    <message>
        <source>time up for the question</source>
        <translation>temps de la question écoulé</translation>
    </message>
    <message>
        <source>left the window on a focus question</source>
        <translation>fenêtre quittée sur une question focus</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>répondue</translation>
    </message>
    <message>
        <source>%1 — “%2”</source>
        <translation>%1 — «&#x202f;%2&#x202f;»</translation>
    </message>
    <message>
        <source>validated: the question is replaced</source>
        <translation>validé&#xa0;: la question est remplacée</translation>
    </message>
    <message>
        <source>dismissed: the candidate answers it</source>
        <translation>rejeté&#xa0;: le candidat doit y répondre</translation>
    </message>
    <message>
        <source>the workstation check found a problem</source>
        <translation>la vérification du poste a trouvé un problème</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>down for %1 s</source>
        <translation>arrêté pendant %1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 s given back</source>
        <translation>%1&#xa0;s rendues</translation>
    </message>
    <message>
        <source>all questions treated</source>
        <translation>toutes les questions traitées</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>temps écoulé</translation>
    </message>
    <message>
        <source>ended: candidate</source>
        <translation>arrêté&#xa0;: candidat</translation>
    </message>
    <message>
        <source>ended: technical</source>
        <translation>arrêté&#xa0;: technique</translation>
    </message>
    <message>
        <source>no question left in the bank</source>
        <translation>plus de question dans la banque</translation>
    </message>
    <message>
        <source>%1 treated</source>
        <translation>%1 traitées</translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation>reçu %1</translation>
    </message>
    <message>
        <source>silent for %1 s</source>
        <translation>silencieux depuis %1&#xa0;s</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>entrée %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Console time</source>
        <translation>Heure de la console</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>no entry yet</source>
        <translation>aucune entrée pour l’instant</translation>
    </message>
    <message>
        <source>the kiosk&apos;s clock agrees with the console&apos;s</source>
        <translation>l’horloge du poste s’accorde avec celle de la console</translation>
    </message>
    <message>
        <source>the kiosk&apos;s clock is %1 s off; hours shown are the console&apos;s</source>
        <translation>l’horloge du poste est décalée de %1&#xa0;s&#x202f;; les heures affichées sont celles de la console</translation>
    </message>
    <message>
        <source>Attempt %1 — %2 entries — %3</source>
        <translation>Passage %1 — %2 entrées — %3</translation>
    </message>
</context>
<context>
    <name>QtTimelineDialog</name>
    <message>
        <source>Timeline — %1</source>
        <translation>Chronologie — %1</translation>
    </message>
    <message>
        <source>&amp;Attempt:</source>
        <translation>&amp;Passage&#xa0;:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Read the journal again (F5)</source>
        <translation>Relire le journal (F5)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>This kiosk has sent no journal yet: its timeline starts at the candidate&apos;s check-in.</source>
        <translation>Ce poste n’a encore envoyé aucun journal&#xa0;: sa chronologie commence à l’identification du candidat.</translation>
    </message>
    <message>
        <source>The journal could not be read: %1</source>
        <translation>Le journal n’a pas pu être lu&#xa0;: %1</translation>
    </message>
</context>
</TS>
