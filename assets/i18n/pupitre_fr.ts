<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ExitCodeDialog</name>
    <message>
        <source>Leave exam mode</source>
        <translation>Quitter le mode examen</translation>
    </message>
    <message>
        <source>Invigilator&apos;s unlock code:</source>
        <translation>Code de déverrouillage du surveillant&#xa0;:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Back to the exam</source>
        <translation>Revenir à l’examen</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>Code incorrect.</translation>
    </message>
    <message>
        <source>Too many wrong codes: try again in %1 s.</source>
        <translation>Trop de codes erronés&#xa0;: réessayez dans %1 s.</translation>
    </message>
    <message>
        <source>The code was not accepted (%1).</source>
        <translation>Le code n’a pas été accepté (%1).</translation>
    </message>
</context>
<context>
    <name>FocusNotice</name>
    <message>
        <source>You left the exam window during a focus question. You can still answer, but this question will count as wrong.</source>
        <translation>Vous avez quitté la fenêtre de l’examen pendant une question en mode focus. Vous pouvez encore répondre, mais cette question comptera comme fausse.</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>J’ai compris</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Workstation locked</source>
        <translation>Poste verrouillé</translation>
    </message>
    <message>
        <source>The invigilator has been alerted. Please stay seated: they will come and unlock the workstation.</source>
        <translation>Le surveillant a été prévenu. Restez à votre place&#xa0;: il va venir débloquer le poste.</translation>
    </message>
    <message>
        <source>Please stay seated and raise your hand to call the invigilator: they will unlock the workstation with their code.</source>
        <translation>Restez à votre place et levez la main pour appeler le surveillant&#xa0;: il débloquera le poste avec son code.</translation>
    </message>
    <message>
        <source>Invigilator&apos;s code</source>
        <translation>Code du surveillant</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Reason: environment check</source>
        <translation>Motif&#xa0;: contrôle de l’environnement</translation>
    </message>
    <message>
        <source>Reason: prohibited software</source>
        <translation>Motif&#xa0;: logiciel interdit</translation>
    </message>
    <message>
        <source>Reason: remote session</source>
        <translation>Motif&#xa0;: session à distance</translation>
    </message>
    <message>
        <source>Reason: virtual machine</source>
        <translation>Motif&#xa0;: machine virtuelle</translation>
    </message>
    <message>
        <source>Reason: screens</source>
        <translation>Motif&#xa0;: écrans</translation>
    </message>
    <message>
        <source>Reason: the exam window was changed by another program</source>
        <translation>Motif&#xa0;: la fenêtre d’examen a été modifiée par un autre programme</translation>
    </message>
    <message>
        <source>Reason: a window of another program over the exam</source>
        <translation>Motif&#xa0;: une fenêtre d’un autre programme au-dessus de l’examen</translation>
    </message>
    <message>
        <source>Reason: the kiosk was stopped during a focus question</source>
        <translation>Motif&#xa0;: le kiosque a été arrêté pendant une question focus</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <source>Too many wrong codes: try again in %1 s.</source>
        <translation>Trop de codes erronés&#xa0;: réessayez dans %1 s.</translation>
    </message>
    <message>
        <source>No unlock code can be checked on this workstation (%1).</source>
        <translation>Aucun code de déverrouillage ne peut être vérifié sur ce poste (%1).</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>Code incorrect.</translation>
    </message>
</context>
<context>
    <name>QtAttachmentViewer</name>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the document and go back to the question</source>
        <translation>Fermer le document et revenir à la question</translation>
    </message>
    <message>
        <source>Document: %1</source>
        <translation>Document&#xa0;: %1</translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>Image&#xa0;: %1</translation>
    </message>
    <message>
        <source>This image cannot be displayed.</source>
        <translation>Cette image ne peut pas être affichée.</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Fit to the window</source>
        <translation>Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source>Show the pages</source>
        <translation>Afficher les pages</translation>
    </message>
    <message>
        <source>Show the text</source>
        <translation>Afficher le texte</translation>
    </message>
    <message>
        <source>Switches between the document&apos;s pages and its text, which a screen reader can read.</source>
        <translation>Passe des pages du document à son texte, qu’un lecteur d’écran peut lire, et inversement.</translation>
    </message>
    <message>
        <source>Text of the document</source>
        <translation>Texte du document</translation>
    </message>
    <message>
        <source>This document has no text a screen reader can read.</source>
        <translation>Ce document n’a pas de texte qu’un lecteur d’écran puisse lire.</translation>
    </message>
    <message>
        <source>Show as a table</source>
        <translation>Afficher en tableau</translation>
    </message>
    <message>
        <source>Show the raw text</source>
        <translation>Afficher le texte brut</translation>
    </message>
    <message>
        <source>Switches between the table and the file&apos;s text as it is written, separators included.</source>
        <translation>Passe du tableau au texte du fichier tel qu’il est écrit, séparateurs compris.</translation>
    </message>
</context>
<context>
    <name>QtAwaitingScreen</name>
    <message>
        <source>Your practice test was interrupted. Your answers are saved and the time lost does not count. Resume when you are ready.</source>
        <translation>Votre entraînement a été interrompu. Vos réponses sont enregistrées et le temps perdu n’est pas décompté. Reprenez quand vous êtes prêt ou prête.</translation>
    </message>
    <message>
        <source>Your test was interrupted. Your answers are saved and the time lost does not count. The invigilator must allow you to resume: please stay at your place.</source>
        <translation>Votre test a été interrompu. Vos réponses sont enregistrées et le temps perdu n’est pas décompté. Le surveillant doit autoriser la reprise&#xa0;: restez à votre place.</translation>
    </message>
    <message>
        <source>Test interrupted</source>
        <translation>Test interrompu</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Resume the test where it stopped.</source>
        <translation>Reprendre le test là où il s’est arrêté.</translation>
    </message>
    <message>
        <source>Waiting for the invigilator</source>
        <translation>En attente du surveillant</translation>
    </message>
    <message>
        <source>The invigilator will allow your test to start. Please stay at your place.</source>
        <translation>Le surveillant va autoriser le début de votre test. Restez à votre place.</translation>
    </message>
    <message>
        <source>The test could not be received from the invigilator&apos;s console yet; this workstation tries again. The invigilator has been told.</source>
        <translation>L’examen n’a pas encore pu être reçu de la console du surveillant ; ce poste réessaie. Le surveillant est prévenu.</translation>
    </message>
    <message>
        <source>Check-in refused</source>
        <translation>Identification refusée</translation>
    </message>
    <message>
        <source>The session number or the access code is wrong. Please call the invigilator.</source>
        <translation>Le numéro de session ou le code d’accès est faux. Appelez le surveillant.</translation>
    </message>
    <message>
        <source>The session is not open yet. Your check-in is sent again as soon as the invigilator opens it: please stay at your place.</source>
        <translation>La session n’est pas encore ouverte. Votre identification sera renvoyée dès que le surveillant l’ouvrira : restez à votre place.</translation>
    </message>
    <message>
        <source>This session is closed. Please call the invigilator.</source>
        <translation>Cette session est close. Appelez le surveillant.</translation>
    </message>
    <message>
        <source>The invigilator&apos;s console refused the check-in: %1</source>
        <translation>La console du surveillant a refusé l’identification : %1</translation>
    </message>
    <message>
        <source>Your check-in has reached the invigilator, who will now check your identity.</source>
        <translation>Vos informations sont parvenues au surveillant, qui va vérifier votre identité.</translation>
    </message>
    <message>
        <source>The invigilator has checked your identity. The test will start shortly.</source>
        <translation>Le surveillant a vérifié votre identité. Le test va bientôt commencer.</translation>
    </message>
    <message>
        <source>The invigilator has allowed the test to start. It is being received from the console…</source>
        <translation>Le surveillant a autorisé le début du test. Il est en cours de réception depuis la console…</translation>
    </message>
    <message>
        <source>Check that this is the candidate&apos;s own test, then type your code to let it resume.</source>
        <translation>Vérifiez qu’il s’agit bien du test de ce candidat, puis tapez votre code pour autoriser la reprise.</translation>
    </message>
    <message>
        <source>Allow the test to resume</source>
        <translation>Autoriser la reprise</translation>
    </message>
    <message>
        <source>Checks the code and resumes the test.</source>
        <translation>Vérifie le code et reprend le test.</translation>
    </message>
    <message>
        <source>Check the candidate&apos;s identity, then type your code to let the test start.</source>
        <translation>Vérifiez l’identité du candidat, puis tapez votre code pour autoriser le début du test.</translation>
    </message>
    <message>
        <source>Allow the test to start</source>
        <translation>Autoriser le début du test</translation>
    </message>
    <message>
        <source>Checks the code and starts the test.</source>
        <translation>Vérifie le code et lance le test.</translation>
    </message>
</context>
<context>
    <name>QtCheckInScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Accueil du candidat</translation>
    </message>
    <message>
        <source>Practice test: enter your name to begin. Nothing is sent anywhere.</source>
        <translation>Entraînement&#xa0;: indiquez votre nom pour commencer. Rien n’est envoyé nulle part.</translation>
    </message>
    <message>
        <source>Enter your details and the codes written on the board by the invigilator.</source>
        <translation>Indiquez votre identité et les codes écrits au tableau par le surveillant.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>As written on your identity document.</source>
        <translation>Comme sur votre pièce d’identité.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Date of birth (dd/mm/yyyy)</source>
        <translation>Date de naissance (jj/mm/aaaa)</translation>
    </message>
    <message>
        <source>For example 31/12/2009.</source>
        <translation>Par exemple 31/12/2009.</translation>
    </message>
    <message>
        <source>Session number</source>
        <translation>Numéro de session</translation>
    </message>
    <message>
        <source>Given by the invigilator.</source>
        <translation>Donné par le surveillant.</translation>
    </message>
    <message>
        <source>Access code</source>
        <translation>Code d’accès</translation>
    </message>
    <message>
        <source>4 letters and 2 digits, as written on the board.</source>
        <translation>4 lettres et 2 chiffres, comme au tableau.</translation>
    </message>
    <message>
        <source>I use a screen reader</source>
        <translation>J’utilise un lecteur d’écran</translation>
    </message>
    <message>
        <source>Only questions a screen reader can read out are asked.</source>
        <translation>Seules des questions qu’un lecteur d’écran peut lire sont posées.</translation>
    </message>
    <message>
        <source>Continue ⏎</source>
        <translation>Continuer ⏎</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Checks what you typed and goes on.</source>
        <translation>Vérifie ce que vous avez saisi et passe à la suite.</translation>
    </message>
    <message>
        <source>⚠ Required.</source>
        <translation>⚠ Obligatoire.</translation>
    </message>
    <message>
        <source>⚠ Letters, spaces, hyphens and apostrophes only.</source>
        <translation>⚠ Lettres, espaces, traits d’union et apostrophes uniquement.</translation>
    </message>
    <message>
        <source>⚠ This date of birth does not seem right.</source>
        <translation>⚠ Cette date de naissance ne semble pas juste.</translation>
    </message>
    <message>
        <source>⚠ Expected a date such as 31/12/2009.</source>
        <translation>⚠ Une date comme 31/12/2009 est attendue.</translation>
    </message>
    <message>
        <source>⚠ The session number is the number given by the invigilator.</source>
        <translation>⚠ Le numéro de session est celui donné par le surveillant.</translation>
    </message>
    <message>
        <source>⚠ 4 letters and 2 digits, as written on the board (for example PVXB89).</source>
        <translation>⚠ 4 lettres et 2 chiffres, comme au tableau (par exemple PVXB89).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>QtChoiceAnswer</name>
    <message>
        <source>Several answers may be right: tick every right one.</source>
        <translation>Plusieurs réponses peuvent être justes&#xa0;: cochez toutes les bonnes.</translation>
    </message>
    <message>
        <source>One answer is right: choose it.</source>
        <translation>Une seule réponse est juste&#xa0;: choisissez-la.</translation>
    </message>
    <message>
        <source>Proposal %1 of %2</source>
        <translation>Proposition %1 sur %2</translation>
    </message>
</context>
<context>
    <name>QtCompetenceChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1&#x202f;%</translation>
    </message>
</context>
<context>
    <name>QtEndScreen</name>
    <message>
        <source>New practice test</source>
        <translation>Nouvel entraînement</translation>
    </message>
    <message>
        <source>Starts another practice test.</source>
        <translation>Commence un autre entraînement.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Closes the kiosk.</source>
        <translation>Ferme le poste d’examen.</translation>
    </message>
    <message>
        <source>Type your code to close the kiosk and give the workstation back.</source>
        <translation>Tapez votre code pour fermer le kiosque et libérer le poste.</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Fermer le kiosque</translation>
    </message>
    <message>
        <source>Checks the code, then gives the workstation back.</source>
        <translation>Vérifie le code, puis libère le poste.</translation>
    </message>
    <message>
        <source>Test finished</source>
        <translation>Test terminé</translation>
    </message>
    <message>
        <source>Your answers are saved. The results will be given after validation.</source>
        <translation>Vos réponses sont enregistrées. Les résultats seront communiqués après validation.</translation>
    </message>
    <message>
        <source>Receipt code</source>
        <translation>Code de reçu</translation>
    </message>
    <message>
        <source>Write this code down or show it to the invigilator. It proves that your answers were recorded.</source>
        <translation>Notez ce code ou montrez-le au surveillant&#xa0;: il prouve que vos réponses ont été enregistrées.</translation>
    </message>
    <message>
        <source>Received by the console ✓</source>
        <translation>Reçu par la console ✓</translation>
    </message>
    <message>
        <source>Waiting to be received by the invigilator&apos;s console (your answers are kept on this workstation)</source>
        <translation>En attente de réception par la console du surveillant (vos réponses sont conservées sur ce poste)</translation>
    </message>
    <message>
        <source>Results delivery</source>
        <translation>Transmission des résultats</translation>
    </message>
    <message>
        <source>Practice test finished</source>
        <translation>Entraînement terminé</translation>
    </message>
    <message>
        <source>%1 pix</source>
        <translation>%1 pix</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Pas de score</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Level: %1</source>
        <translation>Niveau&#xa0;: %1</translation>
    </message>
    <message>
        <source>Questions answered or skipped: %1 of %2</source>
        <translation>Questions répondues ou passées&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Your answers in the five domains</source>
        <translation>Vos réponses dans les cinq domaines</translation>
    </message>
    <message>
        <source>Right answers in each domain</source>
        <translation>Réponses justes dans chaque domaine</translation>
    </message>
    <message>
        <source>With %1 questions, a level in each of the 16 competences would be a guess: most were asked once or not at all. The chart shows, for each domain, how many of its questions you answered right. The complete test estimates a level in every competence.</source>
        <translation>Avec %1 questions, un niveau dans chacune des 16 compétences serait deviné&#xa0;: la plupart ont été posées une fois ou pas du tout. Le graphique montre, pour chaque domaine, combien de ses questions ont reçu une réponse juste. Le test complet estime un niveau dans chaque compétence.</translation>
    </message>
    <message>
        <source>right answers: %1</source>
        <translation>bonnes réponses&#xa0;: %1</translation>
    </message>
    <message>
        <source>Fewer than %1 questions were treated: no score is given.</source>
        <translation>Moins de %1 questions traitées&#xa0;: pas de score.</translation>
    </message>
    <message>
        <source>The test ended early: the untreated questions lower the score.</source>
        <translation>Le test s’est arrêté avant la fin&#xa0;: les questions non traitées abaissent le score.</translation>
    </message>
    <message>
        <source>Practice score: an estimate, not a certificate.</source>
        <translation>Score d’entraînement&#xa0;: une estimation, pas une certification.</translation>
    </message>
    <message>
        <source>Your answers, question by question</source>
        <translation>Vos réponses, question par question</translation>
    </message>
    <message>
        <source>not asked in this test</source>
        <translation>pas de question dans ce test</translation>
    </message>
    <message>
        <source>%1 of %2 right</source>
        <translation>%1 sur %2 justes</translation>
    </message>
    <message>
        <source>✓ Right</source>
        <translation>✓ Juste</translation>
    </message>
    <message>
        <source>✗ Wrong</source>
        <translation>✗ Faux</translation>
    </message>
    <message>
        <source>↷ Skipped (counts as wrong)</source>
        <translation>↷ Passée (comptée fausse)</translation>
    </message>
    <message>
        <source>⚠ Window left during a focus question: not counted</source>
        <translation>⚠ Fenêtre quittée pendant une question focus&#xa0;: non comptée</translation>
    </message>
    <message>
        <source>✗ Time for this question ran out</source>
        <translation>✗ Temps de la question écoulé</translation>
    </message>
    <message>
        <source>— Withdrawn after a report: not counted</source>
        <translation>— Retirée après un signalement&#xa0;: non comptée</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Your answer: %1</source>
        <translation>Votre réponse&#xa0;: %1</translation>
    </message>
    <message>
        <source>Right answer: %1</source>
        <translation>Bonne réponse&#xa0;: %1</translation>
    </message>
    <message>
        <source>**Explanation:** %1</source>
        <translation>**Explication&#xa0;:** %1</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(pas de réponse)</translation>
    </message>
    <message>
        <source>(nothing ticked)</source>
        <translation>(rien de coché)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>%1 (in any order)</source>
        <translation>%1 (dans n’importe quel ordre)</translation>
    </message>
</context>
<context>
    <name>QtFailureScreen</name>
    <message>
        <source>⚠ A technical problem occurred</source>
        <translation>⚠ Un problème technique est survenu</translation>
    </message>
    <message>
        <source>The answers you validated are saved. Please call the invigilator.</source>
        <translation>Les réponses que vous avez validées sont enregistrées. Appelez le surveillant.</translation>
    </message>
    <message>
        <source>Hide the technical details</source>
        <translation>Masquer les détails techniques</translation>
    </message>
    <message>
        <source>Technical details (for the invigilator)</source>
        <translation>Détails techniques (pour le surveillant)</translation>
    </message>
    <message>
        <source>Shows what went wrong, in the words of the program.</source>
        <translation>Montre ce qui n’a pas fonctionné, dans les termes du programme.</translation>
    </message>
    <message>
        <source>The answers you validated are saved. Try again; if the problem persists, close the practice test and start it again: it resumes where it stopped.</source>
        <translation>Les réponses que vous avez validées sont enregistrées. Réessayez&#x202f;; si le problème persiste, fermez le test d’entraînement et relancez-le&#xa0;: il reprendra là où il s’est arrêté.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Tries the last step again.</source>
        <translation>Refait la dernière étape.</translation>
    </message>
</context>
<context>
    <name>QtFieldsAnswer</name>
    <message>
        <source>Type your answer in the box.</source>
        <translation>Écrivez votre réponse dans la case.</translation>
    </message>
    <message>
        <source>Fill in every box; the order of your answers does not matter.</source>
        <translation>Remplissez toutes les cases&#x202f;; l’ordre de vos réponses n’a pas d’importance.</translation>
    </message>
    <message>
        <source>Fill in every box.</source>
        <translation>Remplissez toutes les cases.</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>Réponse %1</translation>
    </message>
    <message>
        <source>A number, e.g. 3.5</source>
        <translation>Un nombre, par exemple 3,5</translation>
    </message>
    <message>
        <source>A number; a comma or a point for decimals.</source>
        <translation>Un nombre&#x202f;; une virgule ou un point pour les décimales.</translation>
    </message>
    <message>
        <source>Free text.</source>
        <translation>Texte libre.</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Unité&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>QtFocusWarningScreen</name>
    <message>
        <source>◉ Focus question</source>
        <translation>◉ Question focus</translation>
    </message>
    <message>
        <source>The next question is a focus question. Answer it from your own knowledge, without leaving this window: no other application, no browser, no phone.</source>
        <translation>La prochaine question est une question focus. Répondez-y avec vos propres connaissances, sans quitter cette fenêtre&#xa0;: aucune autre application, aucun navigateur, aucun téléphone.</translation>
    </message>
    <message>
        <source>If you leave the window during a focus question, your answer to that question will not count. The time does not run while you read this page.</source>
        <translation>Si vous quittez la fenêtre pendant une question focus, votre réponse à cette question ne comptera pas. Le temps ne s’écoule pas pendant que vous lisez cette page.</translation>
    </message>
    <message>
        <source>I understand, continue</source>
        <translation>J’ai compris, continuer</translation>
    </message>
    <message>
        <source>Shows the next question.</source>
        <translation>Affiche la question suivante.</translation>
    </message>
</context>
<context>
    <name>QtHoldScreen</name>
    <message>
        <source>The workstation check found a problem.</source>
        <translation>La vérification du poste a trouvé un problème.</translation>
    </message>
    <message>
        <source>The test window was left.</source>
        <translation>La fenêtre du test a été quittée.</translation>
    </message>
    <message>
        <source>Test paused</source>
        <translation>Test en pause</translation>
    </message>
    <message>
        <source>The time is stopped and your answers are saved.</source>
        <translation>Le temps est arrêté et vos réponses sont enregistrées.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Resume the test.</source>
        <translation>Reprendre le test.</translation>
    </message>
    <message>
        <source>The test is suspended and the time is stopped. Your answers are saved.</source>
        <translation>Le test est suspendu et le temps est arrêté. Vos réponses sont enregistrées.</translation>
    </message>
    <message>
        <source>The test is suspended and the time is stopped. Please call the invigilator.</source>
        <translation>Le test est suspendu et le temps est arrêté. Appelez le surveillant.</translation>
    </message>
    <message>
        <source>⚠ Workstation locked</source>
        <translation>⚠ Poste verrouillé</translation>
    </message>
    <message>
        <source>Unlock and continue</source>
        <translation>Déverrouiller et continuer</translation>
    </message>
    <message>
        <source>Continue the test.</source>
        <translation>Continuer le test.</translation>
    </message>
</context>
<context>
    <name>QtInstructionsScreen</name>
    <message>
        <source>Before you start</source>
        <translation>Avant de commencer</translation>
    </message>
    <message>
        <source>Read these rules, then start when you are ready. The time starts with the first question.</source>
        <translation>Lisez ces règles, puis commencez quand vous êtes prêt ou prête. Le temps démarre avec la première question.</translation>
    </message>
    <message>
        <source>Start the test</source>
        <translation>Commencer le test</translation>
    </message>
    <message>
        <source>Starts the test and its countdown.</source>
        <translation>Démarre le test et son décompte.</translation>
    </message>
    <message>
        <source>• %1 questions, %2 in all.</source>
        <translation>• %1 questions, %2 en tout.</translation>
    </message>
    <message>
        <source>• The questions adapt to your answers. You cannot go back to a previous question.</source>
        <translation>• Les questions s’adaptent à vos réponses. Vous ne pouvez pas revenir à une question précédente.</translation>
    </message>
    <message>
        <source>• You may skip a question: it counts as wrong and does not come back.</source>
        <translation>• Vous pouvez passer une question&#xa0;: elle compte comme fausse et ne revient pas.</translation>
    </message>
    <message>
        <source>• Free questions: you may use the workstation&apos;s tools (word processor, spreadsheet…).</source>
        <translation>• Questions libres&#xa0;: vous pouvez utiliser les outils du poste (traitement de texte, tableur…).</translation>
    </message>
    <message>
        <source>• Focus questions: answer without leaving the test window, or the answer does not count.</source>
        <translation>• Questions focus&#xa0;: répondez sans quitter la fenêtre du test, sinon la réponse ne compte pas.</translation>
    </message>
    <message>
        <source>• If a question has a problem, use “Report a problem”.</source>
        <translation>• Si une question pose problème, utilisez «&#x202f;Signaler un problème&#x202f;».</translation>
    </message>
    <message>
        <source>• Ctrl + and Ctrl − change the text size; Ctrl+Shift+H switches to high contrast.</source>
        <translation>• Ctrl + et Ctrl − changent la taille du texte&#x202f;; Ctrl+Maj+H active le contraste élevé.</translation>
    </message>
    <message>
        <source>• Extra time granted: + %1.</source>
        <translation>• Temps majoré accordé&#xa0;: + %1.</translation>
    </message>
</context>
<context>
    <name>QtInvigilatorCode</name>
    <message>
        <source>For the invigilator</source>
        <translation>Réservé au surveillant</translation>
    </message>
    <message>
        <source>Invigilator&apos;s unlock code</source>
        <translation>Code de déverrouillage du surveillant</translation>
    </message>
    <message>
        <source>The characters typed stay hidden.</source>
        <translation>Les caractères tapés restent masqués.</translation>
    </message>
    <message>
        <source>⚠ Too many wrong codes: try again in %1 s.</source>
        <translation>⚠ Trop de codes erronés&#xa0;: réessayez dans %1 s.</translation>
    </message>
    <message>
        <source>⚠ Wrong code.</source>
        <translation>⚠ Code incorrect.</translation>
    </message>
    <message>
        <source>⚠ Type the code first.</source>
        <translation>⚠ Tapez d’abord le code.</translation>
    </message>
    <message>
        <source>⚠ The unlock code of this kiosk cannot be read: set it again with “pupitre-kiosk set-unlock-code”.</source>
        <translation>⚠ Le code de déverrouillage de ce kiosque est illisible&#xa0;: définissez-le à nouveau avec «&#x202f;pupitre-kiosk set-unlock-code&#x202f;».</translation>
    </message>
    <message>
        <source>Typed by the invigilator only.</source>
        <translation>À taper par le surveillant uniquement.</translation>
    </message>
</context>
<context>
    <name>QtKioskWindow</name>
    <message>
        <source>Pupitre — practice test</source>
        <translation>Pupitre — entraînement</translation>
    </message>
    <message>
        <source>Pupitre — exam</source>
        <translation>Pupitre — examen</translation>
    </message>
    <message>
        <source>Pupitre · practice test</source>
        <translation>Pupitre · entraînement</translation>
    </message>
    <message>
        <source>Pupitre · exam</source>
        <translation>Pupitre · examen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stops the time until you resume.</source>
        <translation>Arrête le temps jusqu’à la reprise.</translation>
    </message>
    <message>
        <source>Stop the practice test</source>
        <translation>Arrêter l’entraînement</translation>
    </message>
    <message>
        <source>Ends the test now and shows the results.</source>
        <translation>Termine le test maintenant et affiche les résultats.</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texte plus petit</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl and minus</source>
        <translation>Raccourci&#xa0;: Ctrl et moins</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl and plus</source>
        <translation>Raccourci&#xa0;: Ctrl et plus</translation>
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
        <source>Text %1 %</source>
        <translation>Texte %1&#x202f;%</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Stop the practice test?</source>
        <translation>Arrêter l’entraînement&#x202f;?</translation>
    </message>
    <message>
        <source>The test ends now and the questions not yet treated count as wrong.</source>
        <translation>Le test se termine maintenant et les questions non traitées comptent comme fausses.</translation>
    </message>
    <message>
        <source>Stop and see my results</source>
        <translation>Arrêter et voir mes résultats</translation>
    </message>
    <message>
        <source>Continue the test</source>
        <translation>Continuer le test</translation>
    </message>
    <message>
        <source>Close the practice test?</source>
        <translation>Fermer le test d’entraînement&#x202f;?</translation>
    </message>
    <message>
        <source>Closing the window ends the test now: the questions not yet answered count as wrong.</source>
        <translation>Fermer la fenêtre termine le test maintenant&#xa0;: les questions sans réponse comptent comme fausses.</translation>
    </message>
    <message>
        <source>End the test and close</source>
        <translation>Terminer le test et fermer</translation>
    </message>
</context>
<context>
    <name>QtQuestionScreen</name>
    <message>
        <source>Illustration</source>
        <translation>Illustration</translation>
    </message>
    <message>
        <source>Question %1 / %2</source>
        <translation>Question %1 / %2</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>%1 questions done out of %2</source>
        <translation>%1 questions faites sur %2</translation>
    </message>
    <message>
        <source>◉ Focus question: stay in this window</source>
        <translation>◉ Question focus&#xa0;: restez dans cette fenêtre</translation>
    </message>
    <message>
        <source>Answer from your own knowledge. Leaving this window cancels your answer.</source>
        <translation>Répondez avec vos propres connaissances. Quitter cette fenêtre annule votre réponse.</translation>
    </message>
    <message>
        <source>○ Free question: you may use the workstation&apos;s tools</source>
        <translation>○ Question libre&#xa0;: vous pouvez utiliser les outils du poste</translation>
    </message>
    <message>
        <source>You may use the workstation&apos;s applications to answer.</source>
        <translation>Vous pouvez utiliser les applications du poste pour répondre.</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>Report a problem with this question</source>
        <translation>Signaler un problème avec cette question</translation>
    </message>
    <message>
        <source>Tell the invigilator that this question has a problem (a missing image, a mistake…).</source>
        <translation>Prévenir le surveillant que cette question pose problème (image manquante, erreur…).</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation>Passer cette question</translation>
    </message>
    <message>
        <source>A skipped question counts as wrong and will not come back.</source>
        <translation>Une question passée compte comme fausse et ne reviendra pas.</translation>
    </message>
    <message>
        <source>Validate ⏎</source>
        <translation>Valider ⏎</translation>
    </message>
    <message>
        <source>Validate my answer</source>
        <translation>Valider ma réponse</translation>
    </message>
    <message>
        <source>Records your answer and shows the next question. Shortcut: Enter.</source>
        <translation>Enregistre votre réponse et affiche la question suivante. Raccourci&#xa0;: Entrée.</translation>
    </message>
    <message>
        <source>Enter: validate · Ctrl + / Ctrl −: text size · Ctrl+Shift+H: contrast</source>
        <translation>Entrée&#xa0;: valider · Ctrl + / Ctrl −&#xa0;: taille du texte · Ctrl+Maj+H&#xa0;: contraste</translation>
    </message>
    <message>
        <source>Documents for this question</source>
        <translation>Documents de la question</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <source>Shows the document inside the test.</source>
        <translation>Affiche le document dans le test.</translation>
    </message>
    <message>
        <source>Open with the workstation&apos;s application</source>
        <translation>Ouvrir avec l’application du poste</translation>
    </message>
    <message>
        <source>Open %1 with the workstation&apos;s application</source>
        <translation>Ouvrir %1 avec l’application du poste</translation>
    </message>
    <message>
        <source>Opens a copy in the workstation&apos;s usual application; it is deleted at the end of the test.</source>
        <translation>Ouvre une copie dans l’application habituelle du poste&#x202f;; elle est effacée à la fin du test.</translation>
    </message>
    <message>
        <source>Cannot be shown during a focus question</source>
        <translation>Ne peut pas être affiché pendant une question focus</translation>
    </message>
    <message>
        <source>Your report was accepted: the question was withdrawn and replaced by another one.</source>
        <translation>Votre signalement a été accepté&#xa0;: la question a été retirée et remplacée par une autre.</translation>
    </message>
    <message>
        <source>Your report was examined: please answer this question.</source>
        <translation>Votre signalement a été examiné&#xa0;: répondez à cette question.</translation>
    </message>
    <message>
        <source>⚠ You left the test window during a focus question: your answer to this question will not count.</source>
        <translation>⚠ Vous avez quitté la fenêtre du test pendant une question focus&#xa0;: votre réponse à cette question ne comptera pas.</translation>
    </message>
    <message>
        <source>Skip this question?</source>
        <translation>Passer cette question&#x202f;?</translation>
    </message>
    <message>
        <source>You have not answered. If you go on, this question is skipped: it counts as wrong and you cannot come back to it.</source>
        <translation>Vous n’avez pas répondu. Si vous continuez, la question est passée&#xa0;: elle compte comme fausse et vous ne pourrez pas y revenir.</translation>
    </message>
    <message>
        <source>Skip the question</source>
        <translation>Passer la question</translation>
    </message>
    <message>
        <source>Back to the question</source>
        <translation>Revenir à la question</translation>
    </message>
    <message>
        <source>One of the %2 boxes is empty.</source>
        <translation>Une des %2 cases est vide.</translation>
    </message>
    <message>
        <source>%1 of the %2 boxes are empty.</source>
        <translation>%1 des %2 cases sont vides.</translation>
    </message>
    <message>
        <source>An incomplete answer counts as wrong, and you cannot come back to this question.</source>
        <translation>Une réponse incomplète compte comme fausse, et vous ne pourrez pas revenir à cette question.</translation>
    </message>
    <message>
        <source>Validate with an empty box?</source>
        <translation>Valider avec une case vide&#x202f;?</translation>
    </message>
    <message>
        <source>Validate anyway</source>
        <translation>Valider quand même</translation>
    </message>
    <message>
        <source>A skipped question counts as wrong, and you cannot come back to it.</source>
        <translation>Une question passée compte comme fausse, et vous ne pourrez pas y revenir.</translation>
    </message>
    <message>
        <source>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of the application you want to use.</source>
        <translation>Le poste n’a pas ouvert ce fichier de lui-même. Une copie se trouve dans le dossier %1&#xa0;: ouvrez-la depuis le menu Fichier de l’application de votre choix.</translation>
    </message>
    <message>
        <source>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of an application, or ask the invigilator.</source>
        <translation>Le poste n’a pas ouvert ce fichier de lui-même. Une copie se trouve dans le dossier %1&#xa0;: ouvrez-la depuis le menu Fichier d’une application, ou demandez au surveillant.</translation>
    </message>
    <message>
        <source>The file did not open</source>
        <translation>Le fichier ne s’est pas ouvert</translation>
    </message>
    <message>
        <source>Describe the problem if you wish (a missing image, a file that does not open, a mistake in the question). The time stops while it is examined.</source>
        <translation>Décrivez le problème si vous le souhaitez (image manquante, fichier qui ne s’ouvre pas, erreur dans la question). Le temps s’arrête pendant l’examen du signalement.</translation>
    </message>
    <message>
        <source>focus question</source>
        <translation>question focus</translation>
    </message>
    <message>
        <source>free question</source>
        <translation>question libre</translation>
    </message>
    <message>
        <source>Question %1 of %2, %3</source>
        <translation>Question %1 sur %2, %3</translation>
    </message>
    <message>
        <source>Send the report</source>
        <translation>Envoyer le signalement</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>What is wrong? (optional)</source>
        <translation>Quel est le problème&#x202f;? (facultatif)</translation>
    </message>
    <message>
        <source>For example: the picture does not show.</source>
        <translation>Par exemple&#xa0;: l’image ne s’affiche pas.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QtTimerBadge</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Only %1 left</source>
        <translation>Plus que %1</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Temps restant&#xa0;: %1</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>+ extra time</source>
        <translation>+ temps majoré</translation>
    </message>
    <message>
        <source>Extra time granted</source>
        <translation>Temps majoré accordé</translation>
    </message>
    <message>
        <source>Extra time granted: %1</source>
        <translation>Temps majoré accordé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>QtWaitScreen</name>
    <message>
        <source>The candidate&apos;s comment: “%1”</source>
        <translation>Commentaire du candidat&#xa0;: «&#x202f;%1&#x202f;»</translation>
    </message>
    <message>
        <source>Preparing the workstation…</source>
        <translation>Préparation du poste…</translation>
    </message>
    <message>
        <source>The test will be ready in a moment.</source>
        <translation>Le test sera prêt dans un instant.</translation>
    </message>
    <message>
        <source>Getting your test back…</source>
        <translation>Reprise de votre test…</translation>
    </message>
    <message>
        <source>Your answers were saved. The test continues where it stopped.</source>
        <translation>Vos réponses ont été enregistrées. Le test reprend là où il s’est arrêté.</translation>
    </message>
    <message>
        <source>Checking the workstation…</source>
        <translation>Vérification du poste…</translation>
    </message>
    <message>
        <source>This takes a few seconds. Nothing to do.</source>
        <translation>Cela prend quelques secondes. Vous n’avez rien à faire.</translation>
    </message>
    <message>
        <source>Saving your answers…</source>
        <translation>Enregistrement de vos réponses…</translation>
    </message>
    <message>
        <source>Please wait, do not turn off the computer.</source>
        <translation>Patientez, n’éteignez pas l’ordinateur.</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problème signalé</translation>
    </message>
    <message>
        <source>Your report has been sent to the invigilator, who will come and see you. The time is stopped.</source>
        <translation>Votre signalement a été transmis au surveillant, qui va venir vous voir. Le temps est arrêté.</translation>
    </message>
    <message>
        <source>Please call the invigilator, who will come and see you. The time is stopped.</source>
        <translation>Appelez le surveillant, qui va venir vous voir. Le temps est arrêté.</translation>
    </message>
    <message>
        <source>Type your code, then replace the question (the report is accepted: another question comes under the same number) or keep it (the candidate answers it).</source>
        <translation>Tapez votre code, puis remplacez la question (le signalement est accepté&#xa0;: une autre question vient sous le même numéro) ou gardez-la (le candidat y répond).</translation>
    </message>
    <message>
        <source>Replace the question</source>
        <translation>Remplacer la question</translation>
    </message>
    <message>
        <source>Accepts the report: the question is replaced by another under the same number.</source>
        <translation>Accepte le signalement&#xa0;: la question est remplacée par une autre sous le même numéro.</translation>
    </message>
    <message>
        <source>Keep the question</source>
        <translation>Garder la question</translation>
    </message>
    <message>
        <source>Dismisses the report: the candidate answers this question.</source>
        <translation>Rejette le signalement&#xa0;: le candidat répond à cette question.</translation>
    </message>
</context>
</TS>
