# ruff: noqa: E501 -- the table of French texts holds whole sentences, one per line
"""Update the action dialogs' translations: one pair per view module in ``assets/i18n/console``.

    .venv/bin/python invigilator/ui/i18n/make_actions_ts.py

For each module of the action dialogs and the finalisation screen, ``pyside6-lupdate`` writes
``<module>_fr.ts`` and ``<module>_en.ts``; the French texts come from :data:`FRENCH` below (with
French typography: a no-break space before : ; ? ! and inside « »), the English ones are the
source; ``pyside6-lrelease`` compiles each to its ``.qm``. A message without a French text stops
the run, naming it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
I18N = ROOT / "assets" / "i18n" / "console"
TOOLS = Path(sys.executable).parent
MODULES = ("qt_actions", "qt_action_parts", "qt_action_dialog", "qt_command_dialogs", "qt_resume", "qt_problem",
           "qt_incident", "qt_finalise")

FRENCH: dict[str, str] = {
 'Given by': 'Donné par', 'Cancel': 'Annuler',
 'Focus lost on a focus question': 'Perte de focus sur une question focus',
 'Problem reported with a question': 'Problème signalé sur une question',
 'Kiosk silent (offline)': 'Poste muet (hors ligne)', 'Guard event': 'Événement de surveillance du poste',
 'Journal that does not continue (chain break)': 'Journal qui ne se poursuit pas (rupture de chaîne)',
 'since {time} UTC': 'depuis {time} UTC', 'question {n}': 'question {n}',
 "candidate's note: {note}": 'note du candidat : {note}',
 'Invigilator giving the command': 'Surveillant qui donne la commande',
 '{n} / {limit} characters': '{n} / {limit} caractères',
 'Open alerts to acknowledge': 'Alertes ouvertes à prendre en compte',
 'Tick the selected alert as read': "Cocher l'alerte sélectionnée comme lue",
 '{n} open alert(s): read each one and tick it (space bar) before going on. Still to read: {left}.':
   '{n} alerte(s) ouverte(s) : lisez chacune et cochez-la (barre d’espace) avant de continuer. Reste à lire : {left}.',
 'Planned accommodation (extra time granted)': 'Aménagement prévu (temps majoré accordé)',
 'Compensation for time lost to an incident': 'Compensation du temps perdu lors d’un incident',
 ' min': ' min', 'Minutes to add': 'Minutes à ajouter', 'Purpose': 'Motif', 'Minutes': 'Minutes',
 'Note (what the time was lost to)': 'Note (ce qui a fait perdre le temps)',
 'Add time — {kiosk}': 'Ajouter du temps — {kiosk}',
 "The minutes are added to the candidate's remaining time and recorded in the journal.":
   'Les minutes s’ajoutent au temps restant du candidat et sont consignées dans le journal.',
 'Add the time': 'Ajouter le temps',
 'Choose the purpose: planned accommodation or compensation.': 'Choisissez le motif : aménagement prévu ou compensation.',
 'The note is longer than {n} characters.': 'La note dépasse {n} caractères.',
 '{n} minute(s) added (command {id})': '{n} minute(s) ajoutée(s) (commande {id})',
 'Technical: the workstation or the room failed': 'Technique : le poste ou la salle a failli',
 'Candidate: the candidate leaves or stops': 'Candidat : le candidat part ou abandonne',
 'Fraud seen: the certification will be invalidated': 'Fraude constatée : la certification sera invalidée',
 'Reason': 'Motif', 'Note': 'Note', 'End the test — {kiosk}': 'Terminer le test — {kiosk}',
 'The test ends now and cannot be taken up again. Fewer than 20 questions treated give no score.':
   'Le test s’arrête maintenant et ne pourra pas reprendre. Moins de 20 questions traitées ne donnent pas de score.',
 'End the test': 'Terminer le test', 'Choose the reason: technical, candidate or fraud.':
   'Choisissez le motif : technique, candidat ou fraude.',
 'End sent (command {id})': 'Fin envoyée (commande {id})', 'Note (optional)': 'Note (facultative)',
 'Unlock {kiosk}': 'Déverrouiller {kiosk}',
 "The kiosk's screen is unlocked; the candidate can go on.": 'L’écran du poste est déverrouillé ; le candidat peut continuer.',
 'Unlock': 'Déverrouiller', 'Lock {kiosk}': 'Verrouiller {kiosk}',
 "The kiosk's screen is locked until you unlock it; the candidate's time stops.":
   'L’écran du poste reste verrouillé jusqu’à ce que vous le déverrouilliez ; le temps du candidat s’arrête.',
 'Lock': 'Verrouiller', '{kind} sent (command {id})': '{kind} envoyé (commande {id})',
 'Pause every kiosk': 'Mettre en pause tous les postes',
 'Every kiosk running a test is paused; the time stops for each candidate until it is resumed.':
   'Chaque poste en test est mis en pause ; le temps de chaque candidat s’arrête jusqu’à la reprise.',
 'Pause all': 'Tout mettre en pause', 'Pause {kiosk}': 'Mettre en pause {kiosk}',
 "The candidate's time stops until the test is resumed.": 'Le temps du candidat s’arrête jusqu’à la reprise du test.',
 'Pause': 'Mettre en pause', 'Pause sent to {n} kiosk(s)': 'Pause envoyée à {n} poste(s)',
 'Finalise session {id}': 'Finaliser la session {id}',
 '{room}, {date}. Check the results the console computed from each verified result, give an abort reason for every unfinished test, add your comments, then sign: the session is closed.':
   '{room}, {date}. Vérifiez les résultats que la console a calculés à partir de chaque résultat vérifié, donnez un motif d’interruption pour chaque test inachevé, ajoutez vos observations, puis signez : la session est close.',
 'Check again': 'Vérifier à nouveau', 'Candidate': 'Candidat', 'Result': 'Résultat', 'Score': 'Score',
 'Level': 'Niveau', 'Abort reason': 'Motif d’interruption', 'Candidates and their results': 'Les candidats et leurs résultats',
 'Close': 'Fermer', 'Sign and close the session': 'Signer et clore la session',
 'Make the session package': 'Produire le paquet de session', 'Export to a USB stick…': 'Exporter sur une clé USB…',
 'Global comment': 'Observation générale', 'Finalised by': 'Finalisée par',
 'Finalised by {by} at {at} UTC and signed by the center.': 'Finalisée par {by} à {at} UTC et signée par le centre.',
 ' Package {id} made.': ' Paquet {id} produit.', 'Not yet:': 'Pas encore :', 'Finished': 'Terminé',
 'Aborted': 'Interrompu', 'Absent': 'Absent', 'Running': 'En cours', 'Unfinished: give a reason': 'Inachevé : motif à donner',
 'scored': 'noté', 'no certificate': 'pas de certificat', 'rejected (too few questions)': 'rejeté (trop peu de questions)',
 'cancelled (too few questions)': 'annulé (trop peu de questions)', '{n} pix': '{n} pix',
 'Abort reason of {name}': 'Motif d’interruption de {name}', '— choose —': '— choisir —', 'Technical': 'Technique',
 'Comment on {name}': 'Observation sur {name}',
 'A comment is longer than {n} characters: shorten it (the count is shown under each comment).':
   'Une observation dépasse {n} caractères : raccourcissez-la (le compte s’affiche sous chaque observation).',
 'Not finalised:': 'Non finalisée :',
 'Package {id} signed and queued for the hub ({path}).': 'Paquet {id} signé et mis en file pour le serveur central ({path}).',
 'Exported and read back from the stick: {path}': 'Exporté et relu sur la clé : {path}',
 "The USB stick's folder": 'Le dossier de la clé USB', 'Session': 'Session', 'Category': 'Catégorie',
 'Sub-reason': 'Sous-motif', 'Candidate concerned': 'Candidat concerné', 'What happened': 'Ce qui s’est passé',
 ' — {kiosk}': ' — {kiosk}', 'Record an incident': 'Consigner un incident',
 'The incident goes into the session report and the session package.':
   'L’incident figure au procès-verbal et dans le paquet de session.',
 'Record the incident': 'Consigner l’incident', '(none)': '(aucun)', '(the whole session)': '(toute la session)',
 'No session is open on this console to record an incident in.': 'Aucune session ouverte sur cette console où consigner l’incident.',
 'Say what happened: this category needs a note.': 'Dites ce qui s’est passé : cette catégorie demande une note.',
 'Incident recorded: {what}': 'Incident consigné : {what}', 'Problem report': 'Signalement',
 'Question {n}, reported at {t} UTC': 'Question {n}, signalée à {t} UTC',
 'The question as the bank has it': 'La question telle que la banque la contient', 'Report': 'Signalement',
 'Question': 'Question', "Candidate's note": 'Note du candidat', 'Problem reported — {kiosk}': 'Problème signalé — {kiosk}',
 "Read the question and the candidate's note, then decide. Validate: the question is neutralised and replaced by another under the same number. Dismiss: the candidate answers it.":
   'Lisez la question et la note du candidat, puis décidez. Valider : la question est neutralisée et remplacée par une autre sous le même numéro. Rejeter : le candidat y répond.',
 'Validate (neutralise)': 'Valider (neutraliser)', 'Dismiss (the candidate answers)': 'Rejeter (le candidat répond)',
 'This kiosk has no open problem report.': 'Ce poste n’a aucun signalement ouvert.',
 '(the candidate wrote no note)': '(le candidat n’a écrit aucune note)',
 "The question's text is not available (item {item}, bank {bank} not open on this console).":
   'Le texte de la question n’est pas disponible (item {item}, banque {bank} non ouverte sur cette console).',
 'Item {item} cannot be read from bank {bank}: {why}': 'L’item {item} ne peut être lu dans la banque {bank} : {why}',
 'There is no problem report to decide.': 'Il n’y a aucun signalement à trancher.',
 'Question {n} validated: it is neutralised': 'Question {n} validée : elle est neutralisée',
 'Report on question {n} dismissed: the candidate answers it': 'Signalement de la question {n} rejeté : le candidat y répond',
 'Spare PCs': 'Postes de secours', 'no status yet': 'pas encore d’état', 'Spare PC': 'Poste de secours', 'none': 'aucune',
 'Move the candidate of {kiosk} to a spare PC': 'Déplacer le candidat de {kiosk} vers un poste de secours',
 'The spare PC continues the same test (attempt {attempt}): questions so far, answers and time left. The kiosk left is locked.':
   'Le poste de secours poursuit le même test (tentative {attempt}) : questions déjà passées, réponses et temps restant. Le poste quitté est verrouillé.',
 'Move the candidate': 'Déplacer le candidat', 'Choose the spare PC the candidate goes to.': 'Choisissez le poste de secours où va le candidat.',
 'Attempt {attempt} moves to {kiosk}': 'La tentative {attempt} passe sur {kiosk}', '; the kiosk left is locked': ' ; le poste quitté est verrouillé',
 'Resume every kiosk': 'Reprendre tous les postes', 'Resume {kiosk}': 'Reprendre {kiosk}',
 'A resume gives the candidate back the test. Read why it stopped and every open alert first: the resume stays disabled until each alert is ticked.':
   'Une reprise rend le test au candidat. Lisez d’abord pourquoi il s’est arrêté et chaque alerte ouverte : la reprise reste désactivée tant que chaque alerte n’est pas cochée.',
 'Resume the test': 'Reprendre le test', 'Resume all': 'Tout reprendre',
 'Why: every kiosk running a test is resumed.': 'Pourquoi : chaque poste en test reprend.',
 'Why it stopped ({kiosk}): {why}': 'Pourquoi il s’est arrêté ({kiosk}) : {why}',
 'Tick every open alert as read before resuming.': 'Cochez chaque alerte ouverte comme lue avant la reprise.',
 'Resume sent to {n} kiosk(s); {a} alert(s) acknowledged': 'Reprise envoyée à {n} poste(s) ; {a} alerte(s) prise(s) en compte',
 'A new alert was raised while this window was open; read the list again and tick each alert.':
   'Une nouvelle alerte est arrivée pendant que cette fenêtre était ouverte ; relisez la liste et cochez chaque alerte.',
 'paused': 'en pause', 'locked': 'verrouillé', 'waiting for an authorisation': 'en attente d’autorisation',
 'restarted after a crash or a restart': 'redémarré après une panne ou un redémarrage', 'without status': 'sans état',
 'the kiosk is {state}': 'le poste est {state}', 'pause': 'pause', 'lock': 'verrouillage', 'end': 'fin',
 'in a question': 'dans une question', 'Action not possible': 'Action impossible', 'free': 'libre', 'free (test over)': 'libre (test terminé)',
 'at check-in': 'à l’accueil',
 'the test of {who} is running on {kiosk} ({state}): wait for it to end, or end it':
   'le test de {who} est en cours sur {kiosk} ({state}) : attendez qu’il se termine, ou terminez-le',
 'a test is running on {kiosk} ({state}, attempt {attempt}): wait for it to end, or end it':
   'un test est en cours sur {kiosk} ({state}, tentative {attempt}) : attendez qu’il se termine, ou terminez-le',
 'open alert on {kiosk} since {since} UTC: {kind} — handle it first':
   'alerte ouverte sur {kiosk} depuis {since} UTC : {kind} — traitez-la d’abord',
 'the result of attempt {attempt} cannot be counted: {detail}':
   'le résultat de la tentative {attempt} ne peut être compté : {detail}',
 'Give the abort reason of every unfinished test: {names}.':
   'Donnez le motif d’interruption de chaque test inachevé : {names}.',
 'focus question': 'question focus', 'free question': 'question libre', 'competence': 'compétence',
 '; last {command} given by {by} at {time} UTC': ' ; dernière commande « {command} » donnée par {by} à {time} UTC',
}



def french_typography(text: str) -> str:
    """French rules whatever the table holds: a no-break space before :, a narrow one before ; ? ! and inside
    « », the typographic apostrophe."""
    text = re.sub(r"[ \u00a0]:", "\u00a0:", text)
    text = re.sub(r"[ \u00a0]([?!]|;(?!;))", "\u202f\\1", text)
    return re.sub(r"«[ \u00a0]", "«\u202f", re.sub(r"[ \u00a0]»", "\u202f»", text)).replace("'", "’")


def build(module: str, locale: str) -> list[str]:
    ts = I18N / f"{module}_{locale}.ts"
    subprocess.run([str(TOOLS / "pyside6-lupdate"), f"invigilator/ui/{module}.py", "-ts", str(ts), "-no-obsolete",
                    "-locations", "none", "-target-language", locale], cwd=ROOT, check=True, capture_output=True)
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        text = FRENCH.get(source) if locale == "fr" else source
        if text is None:
            missing.append(source)
            continue
        translation = message.find("translation")
        translation.text = french_typography(text) if locale == "fr" else text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                   capture_output=True)
    return missing


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    missing = [(m, s) for m in MODULES for locale in ("fr", "en") for s in build(m, locale)]
    for module, source in missing:
        print(f"{module}: no French text for {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
