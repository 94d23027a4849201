"""The French texts of the console's sessions pages, written into ``console_fr.ts`` by ``make_ts.py``.

Kept as a table so that a new string shows up as missing in the test; French typography (a
no-break space before ``:``, ``;``, ``?`` and ``!``) is applied by ``make_ts.py``.
"""

FRENCH = {
    # candidate dialog
    "Edit a candidate": "Modifier un candidat",
    "Add a candidate": "Ajouter un candidat",
    "As on the identity document.": "Comme sur la pièce d’identité.",
    "For example 31/12/2009.": "Par exemple 31/12/2009.",
    "The candidate's number with the certifying body (optional).":
        "Le numéro du candidat auprès de l’organisme certificateur (facultatif).",
    "Planned extra time (temps majoré).": "Temps majoré prévu.",
    "Separated by semicolons, for example: large print; screen-reader.":
        "Séparés par des points-virgules, par exemple : large print ; screen-reader.",
    "Programs allowed in focus mode (a screen reader, an on-screen keyboard, a magnifier).":
        "Programmes autorisés en mode concentration (lecteur d’écran, clavier visuel, loupe).",
    "&Save": "&Enregistrer",
    "Cancel": "Annuler",
    # check-in
    "In&vigilator deciding": "&Surveillant qui décide",
    "Named in the record of every confirmation and authorisation.":
        "Nommé dans la trace de chaque confirmation et autorisation.",
    "Kiosk": "Poste",
    "Typed at the kiosk": "Saisi au poste",
    "Born": "Né(e) le",
    "State": "État",
    "Roster line": "Ligne de la liste",
    "Check-ins": "Enregistrements",
    "Last name": "Nom",
    "First name": "Prénom",
    "Date of birth": "Date de naissance",
    "&Roster line to compare": "&Ligne de la liste à comparer",
    "Proposed lines first; any other line of the roster after them.":
        "Les lignes proposées d’abord ; toute autre ligne de la liste ensuite.",
    "&Confirm the identity": "&Confirmer l’identité",
    "&Set back": "&Revenir en arrière",
    "&Authorise this candidate": "&Autoriser ce candidat",
    "Refused: wrong session number or access code": "Refusé : numéro de session ou code d’accès erroné",
    "Refused: session not open yet": "Refusé : session pas encore ouverte",
    "Refused: session closed": "Refusé : session close",
    "No roster line fits": "Aucune ligne de la liste ne correspond",
    "Identity to check": "Identité à vérifier",
    "Identity confirmed": "Identité confirmée",
    "Authorised": "Autorisé",
    "exact match": "correspondance exacte",
    "near match: a name differs slightly": "correspondance proche : un nom diffère légèrement",
    "near match: last and first names swapped": "correspondance proche : nom et prénom inversés",
    "near match: day and month of birth swapped": "correspondance proche : jour et mois de naissance inversés",
    "near match": "correspondance proche",
    "%n waiting for an identity check": ("%n en attente de vérification d’identité",
                                         "%n en attente de vérification d’identité"),
    "Authorise &every confirmed candidate (%1)": "Autoriser &tous les candidats confirmés (%1)",
    "— choose the roster line after checking the identity —":
        "— choisir la ligne de la liste après vérification de l’identité —",
    "other roster line": "autre ligne de la liste",
    "differs": "diffère",
    "The kiosk was told why; the candidate checks in again with the right codes.":
        "Le poste en a reçu la raison ; le candidat s’enregistre à nouveau avec les bons codes.",
    "Confirmed by %1.": "Confirmé par %1.",
    "check the identity document.": "vérifiez la pièce d’identité.",
    "Not proposed: confirm only after checking the identity document.":
        "Non proposée : ne confirmez qu’après avoir vérifié la pièce d’identité.",
    "Say who decides.": "Indiquez qui décide.",
    "Identity confirmed at kiosk %1.": "Identité confirmée au poste %1.",
    "Authorised: kiosk %1 starts at its next sync.": "Autorisé : le poste %1 démarre à sa prochaine synchronisation.",
    "%n candidate(s) authorised.": ("%n candidat autorisé.", "%n candidats autorisés."),
    "Not authorised: %1": "Non autorisés : %1",
    # new session
    "New session": "Nouvelle session",
    "&Bank": "&Banque",
    "The bank the candidates' tests are drawn from.": "La banque dont sont tirés les tests des candidats.",
    "&Profile": "&Profil",
    "The test's length and rules, as the bank defines them.": "La durée et les règles du test, définies par la banque.",
    "&Date": "&Date",
    "&Room": "&Salle",
    "For example B12.": "Par exemple B12.",
    "&Invigilators": "S&urveillants",
    "Their names, separated by commas; they appear on the session report.":
        "Leurs noms, séparés par des virgules ; ils figurent au rapport de session.",
    "&Create the session": "&Créer la session",
    "No bank is imported yet: import one first.": "Aucune banque n’est encore importée : importez-en une d’abord.",
    "Required.": "Obligatoire.",
    "Name at least one invigilator.": "Nommez au moins un surveillant.",
    # roster
    "External id": "Identifiant externe",
    "Extra time (minutes)": "Temps majoré (minutes)",
    "Accommodations": "Aménagements",
    "Assistive programs": "Aides techniques",
    "Not a name: letters, with spaces, hyphens or apostrophes between parts.":
        "Ce n’est pas un nom : des lettres, avec espaces, traits d’union ou apostrophes entre les parties.",
    "Too long.": "Trop long.",
    "Not a date: type it as 31/12/2009 or 2009-12-31.": "Ce n’est pas une date : saisissez-la comme 31/12/2009 ou "
                                                        "2009-12-31.",
    "Not a plausible date of birth (age 8 to 120).": "Date de naissance invraisemblable (âge de 8 à 120 ans).",
    "Whole minutes, for example 30.": "Des minutes entières, par exemple 30.",
    "At most %1 minutes.": "Au plus %1 minutes.",
    "Unknown program %1 (known: %2).": "Programme %1 inconnu (connus : %2).",
    "The file is larger than %1 MiB: it is not a roster.": "Le fichier dépasse %1 Mio : ce n’est pas une liste.",
    "The file is not UTF-8 text: save it as “CSV UTF-8”.":
        "Le fichier n’est pas du texte UTF-8 : enregistrez-le en « CSV UTF-8 ».",
    "The header lacks the column(s) %1.": "Il manque à l’en-tête la ou les colonnes %1.",
    "Unknown column(s) %1.": "Colonne(s) inconnue(s) %1.",
    "Not readable as CSV (%1); nothing after it was read.": "Illisible en CSV (%1) ; rien n’a été lu après.",
    "%1 fields were expected.": "%1 champs étaient attendus.",
    "This external id is already on line %1.": "Cet identifiant externe figure déjà ligne %1.",
    "No candidate in the file.": "Aucun candidat dans le fichier.",
    "Line %1: %2": "Ligne %1 : %2",
    "Roster": "Liste des candidats",
    "Problems found in the roster file": "Problèmes trouvés dans le fichier",
    "Import a &CSV file…": "Importer un fichier &CSV…",
    "&Add a candidate…": "&Ajouter un candidat…",
    "&Edit…": "&Modifier…",
    "%n candidate(s)": ("%n candidat", "%n candidats"),
    "A roster to import": "Une liste à importer",
    "CSV files (*.csv *.txt)": "Fichiers CSV (*.csv *.txt)",
    "All files (*)": "Tous les fichiers (*)",
    "%1 cannot be read: %2": "%1 est illisible : %2",
    "%1: nothing was imported: %2": "%1 : rien n’a été importé : %2",
    "%1: %n problem(s) found; nothing was imported. Correct the file and import it again.":
        ("%1 : %n problème trouvé ; rien n’a été importé. Corrigez le fichier et importez-le à nouveau.",
         "%1 : %n problèmes trouvés ; rien n’a été importé. Corrigez le fichier et importez-le à nouveau."),
    "%1: %n candidate(s) imported.": ("%1 : %n candidat importé.", "%1 : %n candidats importés."),
    # sessions
    "Planned": "Prévue",
    "Open for check-in": "Ouverte à l’enregistrement",
    "Closed": "Clôturée",
    "Sessions": "Sessions",
    "Number": "Numéro",
    "Date": "Date",
    "Room": "Salle",
    "Bank": "Banque",
    "Profile": "Profil",
    "&New session…": "&Nouvelle session…",
    "&Open for check-in": "&Ouvrir à l’enregistrement",
    "C&lose the session": "C&lore la session",
    "&Finalise the session…": "&Finaliser la session…",
    "Check the results, sign the session report with the center key and make the package for the hub. "
    "Finalising closes the session.": "Vérifier les résultats, signer le procès-verbal avec la clé du centre et "
                                      "préparer le paquet pour le hub. La finalisation clôt la session.",
    "Session number": "Numéro de session",
    "Access code": "Code d’accès",
    "Cop&y for the board": "Cop&ier pour le tableau",
    "&Roster": "&Liste des candidats",
    "Check-&in": "&Enregistrement",
    "%1, room %2 — %3 — invigilated by %4": "%1, salle %2 — %3 — surveillée par %4",
    "Close the session?": "Clore la session ?",
    "Session %1 will be closed: no candidate can check in any more and its roster no longer changes. This cannot "
    "be undone.": "La session %1 sera close : plus aucun candidat ne pourra s’enregistrer et sa liste ne changera "
                  "plus. C’est définitif.",
    "Session number: %1": "Numéro de session : %1",
    "Access code: %1": "Code d’accès : %1",
    # wizard
    "Setting up this console": "Mise en service de cette console",
    "The certification center this console belongs to. Its id is the one your certifying body gave the center; both "
    "appear on every report and attestation.":
        "Le centre de certification auquel appartient cette console. Son identifiant est celui que l’organisme "
        "certificateur a donné au centre ; tous deux figurent sur chaque rapport et chaque attestation.",
    "Center &id": "&Identifiant du centre",
    "For example 0750001A.": "Par exemple 0750001A.",
    "Center &name": "&Nom du centre",
    "For example Lycée Voltaire, Paris.": "Par exemple Lycée Voltaire, Paris.",
    "This console's center keys already exist. Type their passphrase to unlock them.":
        "Les clés du centre de cette console existent déjà. Saisissez leur phrase secrète pour les déverrouiller.",
    "&Passphrase": "&Phrase secrète",
    "The center's keys sign what leaves the room and open the banks. They are sealed by a passphrase: choose a long "
    "one (several words), keep it safe, share it only with who runs the console. It cannot be recovered.":
        "Les clés du centre signent ce qui sort de la salle et ouvrent les banques. Elles sont scellées par une "
        "phrase secrète : choisissez-la longue (plusieurs mots), gardez-la en lieu sûr, ne la confiez qu’à qui "
        "fait fonctionner la console. Elle ne peut pas être retrouvée.",
    "At least %n characters.": ("Au moins %n caractère.", "Au moins %n caractères."),
    "Passphrase &again": "Phrase secrète, &à nouveau",
    "Type it a second time.": "Saisissez-la une seconde fois.",
    "The publishers whose banks this center accepts: add the public key file (.pub) each publisher sent you. A bank "
    "signed by anyone else is refused.":
        "Les éditeurs dont ce centre accepte les banques : ajoutez le fichier de clé publique (.pub) que chaque "
        "éditeur vous a envoyé. Une banque signée par quelqu’un d’autre est refusée.",
    "Trusted publishers": "Éditeurs de confiance",
    "Add a publisher's &key file…": "Ajouter la &clé d’un éditeur…",
    "Import the banks your sessions use (.pbank). Each is checked against its publisher's signature and opened with "
    "the center's key before it is kept. You can import more later.":
        "Importez les banques de vos sessions (.pbank). Chacune est vérifiée d’après la signature de son éditeur et "
        "ouverte avec la clé du centre avant d’être conservée. Vous pourrez en importer d’autres plus tard.",
    "Imported banks": "Banques importées",
    "&Import a bank…": "&Importer une banque…",
    "Verifying the bank…": "Vérification de la banque…",
    "&Back": "&Précédent",
    "Step 1 of 4: the center": "Étape 1 sur 4 : le centre",
    "Step 2 of 4: the center's keys": "Étape 2 sur 4 : les clés du centre",
    "Step 3 of 4: trusted publishers": "Étape 3 sur 4 : les éditeurs de confiance",
    "Step 4 of 4: banks": "Étape 4 sur 4 : les banques",
    "&Finish": "&Terminer",
    "&Next": "&Suivant",
    "too short": "trop courte",
    "weak": "faible",
    "fair": "moyenne",
    "good": "bonne",
    "strong": "forte",
    "Strength: %1": "Robustesse : %1",
    "Add at least one publisher: without one, no bank can be imported.":
        "Ajoutez au moins un éditeur : sans éditeur, aucune banque ne peut être importée.",
    "This is not the passphrase of these keys.": "Ce n’est pas la phrase secrète de ces clés.",
    "Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs.":
        ("Trop facile à deviner : utilisez au moins %n caractère, plusieurs mots ou un mélange de lettres, chiffres "
         "et signes.", "Trop facile à deviner : utilisez au moins %n caractères, plusieurs mots ou un mélange de "
         "lettres, chiffres et signes."),
    "The two passphrases differ.": "Les deux phrases secrètes diffèrent.",
    "A publisher's public key": "La clé publique d’un éditeur",
    "Public keys (*.pub)": "Clés publiques (*.pub)",
    "%1 was not added: %2": "%1 n’a pas été ajouté : %2",
    "A bank to import": "Une banque à importer",
    "Banks (*.pbank)": "Banques (*.pbank)",
    "%1 was refused and not imported: %2": "%1 a été refusée et n’est pas importée : %2",
    "Nothing was saved yet.": "Rien n’a encore été enregistré.",
    "The center and its keys (sealed by the passphrase) are kept.":
        "Le centre et ses clés (scellées par la phrase secrète) sont conservés.",
    "%n trusted publisher(s) kept.": ("%n éditeur de confiance conservé.", "%n éditeurs de confiance conservés."),
    "%n bank(s) kept.": ("%n banque conservée.", "%n banques conservées."),
    "The next start continues from here.": "Le prochain démarrage reprendra ici.",
    "Leave the setup?": "Quitter la mise en service ?",
}

# English plural forms (the source texts say "(s)")
ENGLISH_PLURALS = {
    "%n waiting for an identity check": ("%n waiting for an identity check", "%n waiting for an identity check"),
    "%n candidate(s) authorised.": ("%n candidate authorised.", "%n candidates authorised."),
    "%n candidate(s)": ("%n candidate", "%n candidates"),
    "%1: %n problem(s) found; nothing was imported. Correct the file and import it again.":
        ("%1: %n problem found; nothing was imported. Correct the file and import it again.",
         "%1: %n problems found; nothing was imported. Correct the file and import it again."),
    "%1: %n candidate(s) imported.": ("%1: %n candidate imported.", "%1: %n candidates imported."),
    "At least %n characters.": ("At least %n character.", "At least %n characters."),
    "Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs.":
        ("Too easy to guess: use at least %n character, several words or a mix of letters, digits and signs.",
         "Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs."),
    "%n trusted publisher(s) kept.": ("%n trusted publisher kept.", "%n trusted publishers kept."),
    "%n bank(s) kept.": ("%n bank kept.", "%n banks kept."),
}
