<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr">
  <context>
    <name>CandidateDialog</name>
    <message>
      <source>Edit a candidate</source>
      <translation>Modifier un candidat</translation>
    </message>
    <message>
      <source>Add a candidate</source>
      <translation>Ajouter un candidat</translation>
    </message>
    <message>
      <source>As on the identity document.</source>
      <translation>Comme sur la pièce d’identité.</translation>
    </message>
    <message>
      <source>For example 31/12/2009.</source>
      <translation>Par exemple 31/12/2009.</translation>
    </message>
    <message>
      <source>The candidate's number with the certifying body (optional).</source>
      <translation>Le numéro du candidat auprès de l’organisme certificateur (facultatif).</translation>
    </message>
    <message>
      <source>Planned extra time (temps majoré).</source>
      <translation>Temps majoré prévu.</translation>
    </message>
    <message>
      <source>Separated by semicolons, for example: large print; screen-reader.</source>
      <translation>Séparés par des points-virgules, par exemple : large print ; screen-reader.</translation>
    </message>
    <message>
      <source>Programs allowed in focus mode (a screen reader, an on-screen keyboard, a magnifier).</source>
      <translation>Programmes autorisés en mode concentration (lecteur d’écran, clavier visuel, loupe).</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
  </context>
  <context>
    <name>CheckInPanel</name>
    <message>
      <source>In&amp;vigilator deciding</source>
      <translation>&amp;Surveillant qui décide</translation>
    </message>
    <message>
      <source>Named in the record of every confirmation and authorisation.</source>
      <translation>Nommé dans la trace de chaque confirmation et autorisation.</translation>
    </message>
    <message>
      <source>Kiosk</source>
      <translation>Poste</translation>
    </message>
    <message>
      <source>Typed at the kiosk</source>
      <translation>Saisi au poste</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Né(e) le</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>Roster line</source>
      <translation>Ligne de la liste</translation>
    </message>
    <message>
      <source>Check-ins</source>
      <translation>Enregistrements</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>First name</source>
      <translation>Prénom</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date de naissance</translation>
    </message>
    <message>
      <source>&amp;Roster line to compare</source>
      <translation>&amp;Ligne de la liste à comparer</translation>
    </message>
    <message>
      <source>Proposed lines first; any other line of the roster after them.</source>
      <translation>Les lignes proposées d’abord ; toute autre ligne de la liste ensuite.</translation>
    </message>
    <message>
      <source>&amp;Confirm the identity</source>
      <translation>&amp;Confirmer l’identité</translation>
    </message>
    <message>
      <source>&amp;Set back</source>
      <translation>&amp;Revenir en arrière</translation>
    </message>
    <message>
      <source>&amp;Authorise this candidate</source>
      <translation>&amp;Autoriser ce candidat</translation>
    </message>
    <message>
      <source>Refused: wrong session number or access code</source>
      <translation>Refusé : numéro de session ou code d’accès erroné</translation>
    </message>
    <message>
      <source>Refused: session not open yet</source>
      <translation>Refusé : session pas encore ouverte</translation>
    </message>
    <message>
      <source>Refused: session closed</source>
      <translation>Refusé : session close</translation>
    </message>
    <message>
      <source>No roster line fits</source>
      <translation>Aucune ligne de la liste ne correspond</translation>
    </message>
    <message>
      <source>Identity to check</source>
      <translation>Identité à vérifier</translation>
    </message>
    <message>
      <source>Identity confirmed</source>
      <translation>Identité confirmée</translation>
    </message>
    <message>
      <source>Authorised</source>
      <translation>Autorisé</translation>
    </message>
    <message>
      <source>exact match</source>
      <translation>correspondance exacte</translation>
    </message>
    <message>
      <source>near match: a name differs slightly</source>
      <translation>correspondance proche : un nom diffère légèrement</translation>
    </message>
    <message>
      <source>near match: last and first names swapped</source>
      <translation>correspondance proche : nom et prénom inversés</translation>
    </message>
    <message>
      <source>near match: day and month of birth swapped</source>
      <translation>correspondance proche : jour et mois de naissance inversés</translation>
    </message>
    <message>
      <source>near match</source>
      <translation>correspondance proche</translation>
    </message>
    <message numerus="yes">
      <source>%n waiting for an identity check</source>
      <translation>
        <numerusform>%n en attente de vérification d’identité</numerusform>
        <numerusform>%n en attente de vérification d’identité</numerusform>
      </translation>
    </message>
    <message>
      <source>Authorise &amp;every confirmed candidate (%1)</source>
      <translation>Autoriser &amp;tous les candidats confirmés (%1)</translation>
    </message>
    <message>
      <source>— choose the roster line after checking the identity —</source>
      <translation>— choisir la ligne de la liste après vérification de l’identité —</translation>
    </message>
    <message>
      <source>other roster line</source>
      <translation>autre ligne de la liste</translation>
    </message>
    <message>
      <source>differs</source>
      <translation>diffère</translation>
    </message>
    <message>
      <source>The kiosk was told why; the candidate checks in again with the right codes.</source>
      <translation>Le poste en a reçu la raison ; le candidat s’enregistre à nouveau avec les bons codes.</translation>
    </message>
    <message>
      <source>Confirmed by %1.</source>
      <translation>Confirmé par %1.</translation>
    </message>
    <message>
      <source>check the identity document.</source>
      <translation>vérifiez la pièce d’identité.</translation>
    </message>
    <message>
      <source>Not proposed: confirm only after checking the identity document.</source>
      <translation>Non proposée : ne confirmez qu’après avoir vérifié la pièce d’identité.</translation>
    </message>
    <message>
      <source>Say who decides.</source>
      <translation>Indiquez qui décide.</translation>
    </message>
    <message>
      <source>Identity confirmed at kiosk %1.</source>
      <translation>Identité confirmée au poste %1.</translation>
    </message>
    <message>
      <source>Authorised: kiosk %1 starts at its next sync.</source>
      <translation>Autorisé : le poste %1 démarre à sa prochaine synchronisation.</translation>
    </message>
    <message numerus="yes">
      <source>%n candidate(s) authorised.</source>
      <translation>
        <numerusform>%n candidat autorisé.</numerusform>
        <numerusform>%n candidats autorisés.</numerusform>
      </translation>
    </message>
    <message>
      <source>Not authorised: %1</source>
      <translation>Non autorisés : %1</translation>
    </message>
  </context>
  <context>
    <name>CreateSessionDialog</name>
    <message>
      <source>New session</source>
      <translation>Nouvelle session</translation>
    </message>
    <message>
      <source>&amp;Bank</source>
      <translation>&amp;Banque</translation>
    </message>
    <message>
      <source>The bank the candidates' tests are drawn from.</source>
      <translation>La banque dont sont tirés les tests des candidats.</translation>
    </message>
    <message>
      <source>&amp;Profile</source>
      <translation>&amp;Profil</translation>
    </message>
    <message>
      <source>The test's length and rules, as the bank defines them.</source>
      <translation>La durée et les règles du test, définies par la banque.</translation>
    </message>
    <message>
      <source>&amp;Date</source>
      <translation>&amp;Date</translation>
    </message>
    <message>
      <source>&amp;Room</source>
      <translation>&amp;Salle</translation>
    </message>
    <message>
      <source>For example B12.</source>
      <translation>Par exemple B12.</translation>
    </message>
    <message>
      <source>&amp;Invigilators</source>
      <translation>S&amp;urveillants</translation>
    </message>
    <message>
      <source>Their names, separated by commas; they appear on the session report.</source>
      <translation>Leurs noms, séparés par des virgules ; ils figurent au rapport de session.</translation>
    </message>
    <message>
      <source>&amp;Create the session</source>
      <translation>&amp;Créer la session</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>No bank is imported yet: import one first.</source>
      <translation>Aucune banque n’est encore importée : importez-en une d’abord.</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Obligatoire.</translation>
    </message>
    <message>
      <source>Name at least one invigilator.</source>
      <translation>Nommez au moins un surveillant.</translation>
    </message>
  </context>
  <context>
    <name>Roster</name>
    <message>
      <source>Last name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>First name</source>
      <translation>Prénom</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date de naissance</translation>
    </message>
    <message>
      <source>External id</source>
      <translation>Identifiant externe</translation>
    </message>
    <message>
      <source>Extra time (minutes)</source>
      <translation>Temps majoré (minutes)</translation>
    </message>
    <message>
      <source>Accommodations</source>
      <translation>Aménagements</translation>
    </message>
    <message>
      <source>Assistive programs</source>
      <translation>Aides techniques</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Obligatoire.</translation>
    </message>
    <message>
      <source>Not a name: letters, with spaces, hyphens or apostrophes between parts.</source>
      <translation>Ce n’est pas un nom : des lettres, avec espaces, traits d’union ou apostrophes entre les parties.</translation>
    </message>
    <message>
      <source>Too long.</source>
      <translation>Trop long.</translation>
    </message>
    <message>
      <source>Not a date: type it as 31/12/2009 or 2009-12-31.</source>
      <translation>Ce n’est pas une date : saisissez-la comme 31/12/2009 ou 2009-12-31.</translation>
    </message>
    <message>
      <source>Not a plausible date of birth (age 8 to 120).</source>
      <translation>Date de naissance invraisemblable (âge de 8 à 120 ans).</translation>
    </message>
    <message>
      <source>Whole minutes, for example 30.</source>
      <translation>Des minutes entières, par exemple 30.</translation>
    </message>
    <message>
      <source>At most %1 minutes.</source>
      <translation>Au plus %1 minutes.</translation>
    </message>
    <message>
      <source>Unknown program %1 (known: %2).</source>
      <translation>Programme %1 inconnu (connus : %2).</translation>
    </message>
    <message>
      <source>The file is larger than %1 MiB: it is not a roster.</source>
      <translation>Le fichier dépasse %1 Mio : ce n’est pas une liste.</translation>
    </message>
    <message>
      <source>The file is not UTF-8 text: save it as “CSV UTF-8”.</source>
      <translation>Le fichier n’est pas du texte UTF-8 : enregistrez-le en « CSV UTF-8 ».</translation>
    </message>
    <message>
      <source>The header lacks the column(s) %1.</source>
      <translation>Il manque à l’en-tête la ou les colonnes %1.</translation>
    </message>
    <message>
      <source>Unknown column(s) %1.</source>
      <translation>Colonne(s) inconnue(s) %1.</translation>
    </message>
    <message>
      <source>Not readable as CSV (%1); nothing after it was read.</source>
      <translation>Illisible en CSV (%1) ; rien n’a été lu après.</translation>
    </message>
    <message>
      <source>%1 fields were expected.</source>
      <translation>%1 champs étaient attendus.</translation>
    </message>
    <message>
      <source>This external id is already on line %1.</source>
      <translation>Cet identifiant externe figure déjà ligne %1.</translation>
    </message>
    <message>
      <source>No candidate in the file.</source>
      <translation>Aucun candidat dans le fichier.</translation>
    </message>
    <message>
      <source>Line %1: %2</source>
      <translation>Ligne %1 : %2</translation>
    </message>
  </context>
  <context>
    <name>RosterPanel</name>
    <message>
      <source>Roster</source>
      <translation>Liste des candidats</translation>
    </message>
    <message>
      <source>Problems found in the roster file</source>
      <translation>Problèmes trouvés dans le fichier</translation>
    </message>
    <message>
      <source>Import a &amp;CSV file…</source>
      <translation>Importer un fichier &amp;CSV…</translation>
    </message>
    <message>
      <source>&amp;Add a candidate…</source>
      <translation>&amp;Ajouter un candidat…</translation>
    </message>
    <message>
      <source>&amp;Edit…</source>
      <translation>&amp;Modifier…</translation>
    </message>
    <message numerus="yes">
      <source>%n candidate(s)</source>
      <translation>
        <numerusform>%n candidat</numerusform>
        <numerusform>%n candidats</numerusform>
      </translation>
    </message>
    <message>
      <source>A roster to import</source>
      <translation>Une liste à importer</translation>
    </message>
    <message>
      <source>CSV files (*.csv *.txt)</source>
      <translation>Fichiers CSV (*.csv *.txt)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>%1 cannot be read: %2</source>
      <translation>%1 est illisible : %2</translation>
    </message>
    <message>
      <source>%1: nothing was imported: %2</source>
      <translation>%1 : rien n’a été importé : %2</translation>
    </message>
    <message numerus="yes">
      <source>%1: %n problem(s) found; nothing was imported. Correct the file and import it again.</source>
      <translation>
        <numerusform>%1 : %n problème trouvé ; rien n’a été importé. Corrigez le fichier et importez-le à nouveau.</numerusform>
        <numerusform>%1 : %n problèmes trouvés ; rien n’a été importé. Corrigez le fichier et importez-le à nouveau.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1: %n candidate(s) imported.</source>
      <translation>
        <numerusform>%1 : %n candidat importé.</numerusform>
        <numerusform>%1 : %n candidats importés.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Sessions</name>
    <message>
      <source>Planned</source>
      <translation>Prévue</translation>
    </message>
    <message>
      <source>Open for check-in</source>
      <translation>Ouverte à l’enregistrement</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>Clôturée</translation>
    </message>
  </context>
  <context>
    <name>SessionsPage</name>
    <message>
      <source>Sessions</source>
      <translation>Sessions</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Numéro</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Room</source>
      <translation>Salle</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>Banque</translation>
    </message>
    <message>
      <source>Profile</source>
      <translation>Profil</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>&amp;New session…</source>
      <translation>&amp;Nouvelle session…</translation>
    </message>
    <message>
      <source>&amp;Open for check-in</source>
      <translation>&amp;Ouvrir à l’enregistrement</translation>
    </message>
    <message>
      <source>C&amp;lose the session</source>
      <translation>C&amp;lore la session</translation>
    </message>
    <message>
      <source>&amp;Finalise the session…</source>
      <translation>&amp;Finaliser la session…</translation>
    </message>
    <message>
      <source>Check the results, sign the session report with the center key and make the package for the hub. Finalising closes the session.</source>
      <translation>Vérifier les résultats, signer le procès-verbal avec la clé du centre et préparer le paquet pour le hub. La finalisation clôt la session.</translation>
    </message>
    <message>
      <source>Session number</source>
      <translation>Numéro de session</translation>
    </message>
    <message>
      <source>Access code</source>
      <translation>Code d’accès</translation>
    </message>
    <message>
      <source>Cop&amp;y for the board</source>
      <translation>Cop&amp;ier pour le tableau</translation>
    </message>
    <message>
      <source>&amp;Roster</source>
      <translation>&amp;Liste des candidats</translation>
    </message>
    <message>
      <source>Check-&amp;in</source>
      <translation>&amp;Enregistrement</translation>
    </message>
    <message>
      <source>%1, room %2 — %3 — invigilated by %4</source>
      <translation>%1, salle %2 — %3 — surveillée par %4</translation>
    </message>
    <message>
      <source>Close the session?</source>
      <translation>Clore la session ?</translation>
    </message>
    <message>
      <source>Session %1 will be closed: no candidate can check in any more and its roster no longer changes. This cannot be undone.</source>
      <translation>La session %1 sera close : plus aucun candidat ne pourra s’enregistrer et sa liste ne changera plus. C’est définitif.</translation>
    </message>
    <message>
      <source>Session number: %1</source>
      <translation>Numéro de session : %1</translation>
    </message>
    <message>
      <source>Access code: %1</source>
      <translation>Code d’accès : %1</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Setting up this console</source>
      <translation>Mise en service de cette console</translation>
    </message>
    <message>
      <source>The certification center this console belongs to. Its id is the one your certifying body gave the center; both appear on every report and attestation.</source>
      <translation>Le centre de certification auquel appartient cette console. Son identifiant est celui que l’organisme certificateur a donné au centre ; tous deux figurent sur chaque rapport et chaque attestation.</translation>
    </message>
    <message>
      <source>Center &amp;id</source>
      <translation>&amp;Identifiant du centre</translation>
    </message>
    <message>
      <source>For example 0750001A.</source>
      <translation>Par exemple 0750001A.</translation>
    </message>
    <message>
      <source>Center &amp;name</source>
      <translation>&amp;Nom du centre</translation>
    </message>
    <message>
      <source>For example Lycée Voltaire, Paris.</source>
      <translation>Par exemple Lycée Voltaire, Paris.</translation>
    </message>
    <message>
      <source>This console's center keys already exist. Type their passphrase to unlock them.</source>
      <translation>Les clés du centre de cette console existent déjà. Saisissez leur phrase secrète pour les déverrouiller.</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Phrase secrète</translation>
    </message>
    <message>
      <source>The center's keys sign what leaves the room and open the banks. They are sealed by a passphrase: choose a long one (several words), keep it safe, share it only with who runs the console. It cannot be recovered.</source>
      <translation>Les clés du centre signent ce qui sort de la salle et ouvrent les banques. Elles sont scellées par une phrase secrète : choisissez-la longue (plusieurs mots), gardez-la en lieu sûr, ne la confiez qu’à qui fait fonctionner la console. Elle ne peut pas être retrouvée.</translation>
    </message>
    <message numerus="yes">
      <source>At least %n characters.</source>
      <translation>
        <numerusform>Au moins %n caractère.</numerusform>
        <numerusform>Au moins %n caractères.</numerusform>
      </translation>
    </message>
    <message>
      <source>Passphrase &amp;again</source>
      <translation>Phrase secrète, &amp;à nouveau</translation>
    </message>
    <message>
      <source>Type it a second time.</source>
      <translation>Saisissez-la une seconde fois.</translation>
    </message>
    <message>
      <source>The publishers whose banks this center accepts: add the public key file (.pub) each publisher sent you. A bank signed by anyone else is refused.</source>
      <translation>Les éditeurs dont ce centre accepte les banques : ajoutez le fichier de clé publique (.pub) que chaque éditeur vous a envoyé. Une banque signée par quelqu’un d’autre est refusée.</translation>
    </message>
    <message>
      <source>Trusted publishers</source>
      <translation>Éditeurs de confiance</translation>
    </message>
    <message>
      <source>Add a publisher's &amp;key file…</source>
      <translation>Ajouter la &amp;clé d’un éditeur…</translation>
    </message>
    <message>
      <source>Import the banks your sessions use (.pbank). Each is checked against its publisher's signature and opened with the center's key before it is kept. You can import more later.</source>
      <translation>Importez les banques de vos sessions (.pbank). Chacune est vérifiée d’après la signature de son éditeur et ouverte avec la clé du centre avant d’être conservée. Vous pourrez en importer d’autres plus tard.</translation>
    </message>
    <message>
      <source>Imported banks</source>
      <translation>Banques importées</translation>
    </message>
    <message>
      <source>&amp;Import a bank…</source>
      <translation>&amp;Importer une banque…</translation>
    </message>
    <message>
      <source>Verifying the bank…</source>
      <translation>Vérification de la banque…</translation>
    </message>
    <message>
      <source>&amp;Back</source>
      <translation>&amp;Précédent</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Step 1 of 4: the center</source>
      <translation>Étape 1 sur 4 : le centre</translation>
    </message>
    <message>
      <source>Step 2 of 4: the center's keys</source>
      <translation>Étape 2 sur 4 : les clés du centre</translation>
    </message>
    <message>
      <source>Step 3 of 4: trusted publishers</source>
      <translation>Étape 3 sur 4 : les éditeurs de confiance</translation>
    </message>
    <message>
      <source>Step 4 of 4: banks</source>
      <translation>Étape 4 sur 4 : les banques</translation>
    </message>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Terminer</translation>
    </message>
    <message>
      <source>&amp;Next</source>
      <translation>&amp;Suivant</translation>
    </message>
    <message>
      <source>too short</source>
      <translation>trop courte</translation>
    </message>
    <message>
      <source>weak</source>
      <translation>faible</translation>
    </message>
    <message>
      <source>fair</source>
      <translation>moyenne</translation>
    </message>
    <message>
      <source>good</source>
      <translation>bonne</translation>
    </message>
    <message>
      <source>strong</source>
      <translation>forte</translation>
    </message>
    <message>
      <source>Strength: %1</source>
      <translation>Robustesse : %1</translation>
    </message>
    <message>
      <source>Add at least one publisher: without one, no bank can be imported.</source>
      <translation>Ajoutez au moins un éditeur : sans éditeur, aucune banque ne peut être importée.</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Obligatoire.</translation>
    </message>
    <message>
      <source>This is not the passphrase of these keys.</source>
      <translation>Ce n’est pas la phrase secrète de ces clés.</translation>
    </message>
    <message numerus="yes">
      <source>Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs.</source>
      <translation>
        <numerusform>Trop facile à deviner : utilisez au moins %n caractère, plusieurs mots ou un mélange de lettres, chiffres et signes.</numerusform>
        <numerusform>Trop facile à deviner : utilisez au moins %n caractères, plusieurs mots ou un mélange de lettres, chiffres et signes.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two passphrases differ.</source>
      <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
      <source>A publisher's public key</source>
      <translation>La clé publique d’un éditeur</translation>
    </message>
    <message>
      <source>Public keys (*.pub)</source>
      <translation>Clés publiques (*.pub)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>%1 was not added: %2</source>
      <translation>%1 n’a pas été ajouté : %2</translation>
    </message>
    <message>
      <source>A bank to import</source>
      <translation>Une banque à importer</translation>
    </message>
    <message>
      <source>Banks (*.pbank)</source>
      <translation>Banques (*.pbank)</translation>
    </message>
    <message>
      <source>%1 was refused and not imported: %2</source>
      <translation>%1 a été refusée et n’est pas importée : %2</translation>
    </message>
    <message>
      <source>Nothing was saved yet.</source>
      <translation>Rien n’a encore été enregistré.</translation>
    </message>
    <message>
      <source>The center and its keys (sealed by the passphrase) are kept.</source>
      <translation>Le centre et ses clés (scellées par la phrase secrète) sont conservés.</translation>
    </message>
    <message numerus="yes">
      <source>%n trusted publisher(s) kept.</source>
      <translation>
        <numerusform>%n éditeur de confiance conservé.</numerusform>
        <numerusform>%n éditeurs de confiance conservés.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n bank(s) kept.</source>
      <translation>
        <numerusform>%n banque conservée.</numerusform>
        <numerusform>%n banques conservées.</numerusform>
      </translation>
    </message>
    <message>
      <source>The next start continues from here.</source>
      <translation>Le prochain démarrage reprendra ici.</translation>
    </message>
    <message>
      <source>Leave the setup?</source>
      <translation>Quitter la mise en service ?</translation>
    </message>
  </context>
</TS>