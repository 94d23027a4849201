<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
  <context>
    <name>CandidateDialog</name>
    <message>
      <source>Edit a candidate</source>
      <translation>Edit a candidate</translation>
    </message>
    <message>
      <source>Add a candidate</source>
      <translation>Add a candidate</translation>
    </message>
    <message>
      <source>As on the identity document.</source>
      <translation>As on the identity document.</translation>
    </message>
    <message>
      <source>For example 31/12/2009.</source>
      <translation>For example 31/12/2009.</translation>
    </message>
    <message>
      <source>The candidate's number with the certifying body (optional).</source>
      <translation>The candidate's number with the certifying body (optional).</translation>
    </message>
    <message>
      <source>Planned extra time (temps majoré).</source>
      <translation>Planned extra time (temps majoré).</translation>
    </message>
    <message>
      <source>Separated by semicolons, for example: large print; screen-reader.</source>
      <translation>Separated by semicolons, for example: large print; screen-reader.</translation>
    </message>
    <message>
      <source>Programs allowed in focus mode (a screen reader, an on-screen keyboard, a magnifier).</source>
      <translation>Programs allowed in focus mode (a screen reader, an on-screen keyboard, a magnifier).</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>CheckInPanel</name>
    <message>
      <source>In&amp;vigilator deciding</source>
      <translation>In&amp;vigilator deciding</translation>
    </message>
    <message>
      <source>Named in the record of every confirmation and authorisation.</source>
      <translation>Named in the record of every confirmation and authorisation.</translation>
    </message>
    <message>
      <source>Kiosk</source>
      <translation>Kiosk</translation>
    </message>
    <message>
      <source>Typed at the kiosk</source>
      <translation>Typed at the kiosk</translation>
    </message>
    <message>
      <source>Born</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Roster line</source>
      <translation>Roster line</translation>
    </message>
    <message>
      <source>Check-ins</source>
      <translation>Check-ins</translation>
    </message>
    <message>
      <source>Last name</source>
      <translation>Last name</translation>
    </message>
    <message>
      <source>First name</source>
      <translation>First name</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>&amp;Roster line to compare</source>
      <translation>&amp;Roster line to compare</translation>
    </message>
    <message>
      <source>Proposed lines first; any other line of the roster after them.</source>
      <translation>Proposed lines first; any other line of the roster after them.</translation>
    </message>
    <message>
      <source>&amp;Confirm the identity</source>
      <translation>&amp;Confirm the identity</translation>
    </message>
    <message>
      <source>&amp;Set back</source>
      <translation>&amp;Set back</translation>
    </message>
    <message>
      <source>&amp;Authorise this candidate</source>
      <translation>&amp;Authorise this candidate</translation>
    </message>
    <message>
      <source>Refused: wrong session number or access code</source>
      <translation>Refused: wrong session number or access code</translation>
    </message>
    <message>
      <source>Refused: session not open yet</source>
      <translation>Refused: session not open yet</translation>
    </message>
    <message>
      <source>Refused: session closed</source>
      <translation>Refused: session closed</translation>
    </message>
    <message>
      <source>No roster line fits</source>
      <translation>No roster line fits</translation>
    </message>
    <message>
      <source>Identity to check</source>
      <translation>Identity to check</translation>
    </message>
    <message>
      <source>Identity confirmed</source>
      <translation>Identity confirmed</translation>
    </message>
    <message>
      <source>Authorised</source>
      <translation>Authorised</translation>
    </message>
    <message>
      <source>exact match</source>
      <translation>exact match</translation>
    </message>
    <message>
      <source>near match: a name differs slightly</source>
      <translation>near match: a name differs slightly</translation>
    </message>
    <message>
      <source>near match: last and first names swapped</source>
      <translation>near match: last and first names swapped</translation>
    </message>
    <message>
      <source>near match: day and month of birth swapped</source>
      <translation>near match: day and month of birth swapped</translation>
    </message>
    <message>
      <source>near match</source>
      <translation>near match</translation>
    </message>
    <message numerus="yes">
      <source>%n waiting for an identity check</source>
      <translation>
        <numerusform>%n waiting for an identity check</numerusform>
        <numerusform>%n waiting for an identity check</numerusform>
      </translation>
    </message>
    <message>
      <source>Authorise &amp;every confirmed candidate (%1)</source>
      <translation>Authorise &amp;every confirmed candidate (%1)</translation>
    </message>
    <message>
      <source>— choose the roster line after checking the identity —</source>
      <translation>— choose the roster line after checking the identity —</translation>
    </message>
    <message>
      <source>other roster line</source>
      <translation>other roster line</translation>
    </message>
    <message>
      <source>differs</source>
      <translation>differs</translation>
    </message>
    <message>
      <source>The kiosk was told why; the candidate checks in again with the right codes.</source>
      <translation>The kiosk was told why; the candidate checks in again with the right codes.</translation>
    </message>
    <message>
      <source>Confirmed by %1.</source>
      <translation>Confirmed by %1.</translation>
    </message>
    <message>
      <source>check the identity document.</source>
      <translation>check the identity document.</translation>
    </message>
    <message>
      <source>Not proposed: confirm only after checking the identity document.</source>
      <translation>Not proposed: confirm only after checking the identity document.</translation>
    </message>
    <message>
      <source>Say who decides.</source>
      <translation>Say who decides.</translation>
    </message>
    <message>
      <source>Identity confirmed at kiosk %1.</source>
      <translation>Identity confirmed at kiosk %1.</translation>
    </message>
    <message>
      <source>Authorised: kiosk %1 starts at its next sync.</source>
      <translation>Authorised: kiosk %1 starts at its next sync.</translation>
    </message>
    <message numerus="yes">
      <source>%n candidate(s) authorised.</source>
      <translation>
        <numerusform>%n candidate authorised.</numerusform>
        <numerusform>%n candidates authorised.</numerusform>
      </translation>
    </message>
    <message>
      <source>Not authorised: %1</source>
      <translation>Not authorised: %1</translation>
    </message>
  </context>
  <context>
    <name>CreateSessionDialog</name>
    <message>
      <source>New session</source>
      <translation>New session</translation>
    </message>
    <message>
      <source>&amp;Bank</source>
      <translation>&amp;Bank</translation>
    </message>
    <message>
      <source>The bank the candidates' tests are drawn from.</source>
      <translation>The bank the candidates' tests are drawn from.</translation>
    </message>
    <message>
      <source>&amp;Profile</source>
      <translation>&amp;Profile</translation>
    </message>
    <message>
      <source>The test's length and rules, as the bank defines them.</source>
      <translation>The test's length and rules, as the bank defines them.</translation>
    </message>
    <message>
      <source>&amp;Date</source>
      <translation>&amp;Date</translation>
    </message>
    <message>
      <source>&amp;Room</source>
      <translation>&amp;Room</translation>
    </message>
    <message>
      <source>For example B12.</source>
      <translation>For example B12.</translation>
    </message>
    <message>
      <source>&amp;Invigilators</source>
      <translation>&amp;Invigilators</translation>
    </message>
    <message>
      <source>Their names, separated by commas; they appear on the session report.</source>
      <translation>Their names, separated by commas; they appear on the session report.</translation>
    </message>
    <message>
      <source>&amp;Create the session</source>
      <translation>&amp;Create the session</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>No bank is imported yet: import one first.</source>
      <translation>No bank is imported yet: import one first.</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Required.</translation>
    </message>
    <message>
      <source>Name at least one invigilator.</source>
      <translation>Name at least one invigilator.</translation>
    </message>
  </context>
  <context>
    <name>Roster</name>
    <message>
      <source>Last name</source>
      <translation>Last name</translation>
    </message>
    <message>
      <source>First name</source>
      <translation>First name</translation>
    </message>
    <message>
      <source>Date of birth</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>External id</source>
      <translation>External id</translation>
    </message>
    <message>
      <source>Extra time (minutes)</source>
      <translation>Extra time (minutes)</translation>
    </message>
    <message>
      <source>Accommodations</source>
      <translation>Accommodations</translation>
    </message>
    <message>
      <source>Assistive programs</source>
      <translation>Assistive programs</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Required.</translation>
    </message>
    <message>
      <source>Not a name: letters, with spaces, hyphens or apostrophes between parts.</source>
      <translation>Not a name: letters, with spaces, hyphens or apostrophes between parts.</translation>
    </message>
    <message>
      <source>Too long.</source>
      <translation>Too long.</translation>
    </message>
    <message>
      <source>Not a date: type it as 31/12/2009 or 2009-12-31.</source>
      <translation>Not a date: type it as 31/12/2009 or 2009-12-31.</translation>
    </message>
    <message>
      <source>Not a plausible date of birth (age 8 to 120).</source>
      <translation>Not a plausible date of birth (age 8 to 120).</translation>
    </message>
    <message>
      <source>Whole minutes, for example 30.</source>
      <translation>Whole minutes, for example 30.</translation>
    </message>
    <message>
      <source>At most %1 minutes.</source>
      <translation>At most %1 minutes.</translation>
    </message>
    <message>
      <source>Unknown program %1 (known: %2).</source>
      <translation>Unknown program %1 (known: %2).</translation>
    </message>
    <message>
      <source>The file is larger than %1 MiB: it is not a roster.</source>
      <translation>The file is larger than %1 MiB: it is not a roster.</translation>
    </message>
    <message>
      <source>The file is not UTF-8 text: save it as “CSV UTF-8”.</source>
      <translation>The file is not UTF-8 text: save it as “CSV UTF-8”.</translation>
    </message>
    <message>
      <source>The header lacks the column(s) %1.</source>
      <translation>The header lacks the column(s) %1.</translation>
    </message>
    <message>
      <source>Unknown column(s) %1.</source>
      <translation>Unknown column(s) %1.</translation>
    </message>
    <message>
      <source>Not readable as CSV (%1); nothing after it was read.</source>
      <translation>Not readable as CSV (%1); nothing after it was read.</translation>
    </message>
    <message>
      <source>%1 fields were expected.</source>
      <translation>%1 fields were expected.</translation>
    </message>
    <message>
      <source>This external id is already on line %1.</source>
      <translation>This external id is already on line %1.</translation>
    </message>
    <message>
      <source>No candidate in the file.</source>
      <translation>No candidate in the file.</translation>
    </message>
    <message>
      <source>Line %1: %2</source>
      <translation>Line %1: %2</translation>
    </message>
  </context>
  <context>
    <name>RosterPanel</name>
    <message>
      <source>Roster</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>Problems found in the roster file</source>
      <translation>Problems found in the roster file</translation>
    </message>
    <message>
      <source>Import a &amp;CSV file…</source>
      <translation>Import a &amp;CSV file…</translation>
    </message>
    <message>
      <source>&amp;Add a candidate…</source>
      <translation>&amp;Add a candidate…</translation>
    </message>
    <message>
      <source>&amp;Edit…</source>
      <translation>&amp;Edit…</translation>
    </message>
    <message numerus="yes">
      <source>%n candidate(s)</source>
      <translation>
        <numerusform>%n candidate</numerusform>
        <numerusform>%n candidates</numerusform>
      </translation>
    </message>
    <message>
      <source>A roster to import</source>
      <translation>A roster to import</translation>
    </message>
    <message>
      <source>CSV files (*.csv *.txt)</source>
      <translation>CSV files (*.csv *.txt)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>All files (*)</translation>
    </message>
    <message>
      <source>%1 cannot be read: %2</source>
      <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
      <source>%1: nothing was imported: %2</source>
      <translation>%1: nothing was imported: %2</translation>
    </message>
    <message numerus="yes">
      <source>%1: %n problem(s) found; nothing was imported. Correct the file and import it again.</source>
      <translation>
        <numerusform>%1: %n problem found; nothing was imported. Correct the file and import it again.</numerusform>
        <numerusform>%1: %n problems found; nothing was imported. Correct the file and import it again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1: %n candidate(s) imported.</source>
      <translation>
        <numerusform>%1: %n candidate imported.</numerusform>
        <numerusform>%1: %n candidates imported.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Sessions</name>
    <message>
      <source>Planned</source>
      <translation>Planned</translation>
    </message>
    <message>
      <source>Open for check-in</source>
      <translation>Open for check-in</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>Closed</translation>
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
      <translation>Number</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Room</source>
      <translation>Room</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>Bank</translation>
    </message>
    <message>
      <source>Profile</source>
      <translation>Profile</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>&amp;New session…</source>
      <translation>&amp;New session…</translation>
    </message>
    <message>
      <source>&amp;Open for check-in</source>
      <translation>&amp;Open for check-in</translation>
    </message>
    <message>
      <source>C&amp;lose the session</source>
      <translation>C&amp;lose the session</translation>
    </message>
    <message>
      <source>&amp;Finalise the session…</source>
      <translation>&amp;Finalise the session…</translation>
    </message>
    <message>
      <source>Check the results, sign the session report with the center key and make the package for the hub. Finalising closes the session.</source>
      <translation>Check the results, sign the session report with the center key and make the package for the hub. Finalising closes the session.</translation>
    </message>
    <message>
      <source>Session number</source>
      <translation>Session number</translation>
    </message>
    <message>
      <source>Access code</source>
      <translation>Access code</translation>
    </message>
    <message>
      <source>Cop&amp;y for the board</source>
      <translation>Cop&amp;y for the board</translation>
    </message>
    <message>
      <source>&amp;Roster</source>
      <translation>&amp;Roster</translation>
    </message>
    <message>
      <source>Check-&amp;in</source>
      <translation>Check-&amp;in</translation>
    </message>
    <message>
      <source>%1, room %2 — %3 — invigilated by %4</source>
      <translation>%1, room %2 — %3 — invigilated by %4</translation>
    </message>
    <message>
      <source>Close the session?</source>
      <translation>Close the session?</translation>
    </message>
    <message>
      <source>Session %1 will be closed: no candidate can check in any more and its roster no longer changes. This cannot be undone.</source>
      <translation>Session %1 will be closed: no candidate can check in any more and its roster no longer changes. This cannot be undone.</translation>
    </message>
    <message>
      <source>Session number: %1</source>
      <translation>Session number: %1</translation>
    </message>
    <message>
      <source>Access code: %1</source>
      <translation>Access code: %1</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>Setting up this console</source>
      <translation>Setting up this console</translation>
    </message>
    <message>
      <source>The certification center this console belongs to. Its id is the one your certifying body gave the center; both appear on every report and attestation.</source>
      <translation>The certification center this console belongs to. Its id is the one your certifying body gave the center; both appear on every report and attestation.</translation>
    </message>
    <message>
      <source>Center &amp;id</source>
      <translation>Center &amp;id</translation>
    </message>
    <message>
      <source>For example 0750001A.</source>
      <translation>For example 0750001A.</translation>
    </message>
    <message>
      <source>Center &amp;name</source>
      <translation>Center &amp;name</translation>
    </message>
    <message>
      <source>For example Lycée Voltaire, Paris.</source>
      <translation>For example Lycée Voltaire, Paris.</translation>
    </message>
    <message>
      <source>This console's center keys already exist. Type their passphrase to unlock them.</source>
      <translation>This console's center keys already exist. Type their passphrase to unlock them.</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Passphrase</translation>
    </message>
    <message>
      <source>The center's keys sign what leaves the room and open the banks. They are sealed by a passphrase: choose a long one (several words), keep it safe, share it only with who runs the console. It cannot be recovered.</source>
      <translation>The center's keys sign what leaves the room and open the banks. They are sealed by a passphrase: choose a long one (several words), keep it safe, share it only with who runs the console. It cannot be recovered.</translation>
    </message>
    <message numerus="yes">
      <source>At least %n characters.</source>
      <translation>
        <numerusform>At least %n character.</numerusform>
        <numerusform>At least %n characters.</numerusform>
      </translation>
    </message>
    <message>
      <source>Passphrase &amp;again</source>
      <translation>Passphrase &amp;again</translation>
    </message>
    <message>
      <source>Type it a second time.</source>
      <translation>Type it a second time.</translation>
    </message>
    <message>
      <source>The publishers whose banks this center accepts: add the public key file (.pub) each publisher sent you. A bank signed by anyone else is refused.</source>
      <translation>The publishers whose banks this center accepts: add the public key file (.pub) each publisher sent you. A bank signed by anyone else is refused.</translation>
    </message>
    <message>
      <source>Trusted publishers</source>
      <translation>Trusted publishers</translation>
    </message>
    <message>
      <source>Add a publisher's &amp;key file…</source>
      <translation>Add a publisher's &amp;key file…</translation>
    </message>
    <message>
      <source>Import the banks your sessions use (.pbank). Each is checked against its publisher's signature and opened with the center's key before it is kept. You can import more later.</source>
      <translation>Import the banks your sessions use (.pbank). Each is checked against its publisher's signature and opened with the center's key before it is kept. You can import more later.</translation>
    </message>
    <message>
      <source>Imported banks</source>
      <translation>Imported banks</translation>
    </message>
    <message>
      <source>&amp;Import a bank…</source>
      <translation>&amp;Import a bank…</translation>
    </message>
    <message>
      <source>Verifying the bank…</source>
      <translation>Verifying the bank…</translation>
    </message>
    <message>
      <source>&amp;Back</source>
      <translation>&amp;Back</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Step 1 of 4: the center</source>
      <translation>Step 1 of 4: the center</translation>
    </message>
    <message>
      <source>Step 2 of 4: the center's keys</source>
      <translation>Step 2 of 4: the center's keys</translation>
    </message>
    <message>
      <source>Step 3 of 4: trusted publishers</source>
      <translation>Step 3 of 4: trusted publishers</translation>
    </message>
    <message>
      <source>Step 4 of 4: banks</source>
      <translation>Step 4 of 4: banks</translation>
    </message>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Finish</translation>
    </message>
    <message>
      <source>&amp;Next</source>
      <translation>&amp;Next</translation>
    </message>
    <message>
      <source>too short</source>
      <translation>too short</translation>
    </message>
    <message>
      <source>weak</source>
      <translation>weak</translation>
    </message>
    <message>
      <source>fair</source>
      <translation>fair</translation>
    </message>
    <message>
      <source>good</source>
      <translation>good</translation>
    </message>
    <message>
      <source>strong</source>
      <translation>strong</translation>
    </message>
    <message>
      <source>Strength: %1</source>
      <translation>Strength: %1</translation>
    </message>
    <message>
      <source>Add at least one publisher: without one, no bank can be imported.</source>
      <translation>Add at least one publisher: without one, no bank can be imported.</translation>
    </message>
    <message>
      <source>Required.</source>
      <translation>Required.</translation>
    </message>
    <message>
      <source>This is not the passphrase of these keys.</source>
      <translation>This is not the passphrase of these keys.</translation>
    </message>
    <message numerus="yes">
      <source>Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs.</source>
      <translation>
        <numerusform>Too easy to guess: use at least %n character, several words or a mix of letters, digits and signs.</numerusform>
        <numerusform>Too easy to guess: use at least %n characters, several words or a mix of letters, digits and signs.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two passphrases differ.</source>
      <translation>The two passphrases differ.</translation>
    </message>
    <message>
      <source>A publisher's public key</source>
      <translation>A publisher's public key</translation>
    </message>
    <message>
      <source>Public keys (*.pub)</source>
      <translation>Public keys (*.pub)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>All files (*)</translation>
    </message>
    <message>
      <source>%1 was not added: %2</source>
      <translation>%1 was not added: %2</translation>
    </message>
    <message>
      <source>A bank to import</source>
      <translation>A bank to import</translation>
    </message>
    <message>
      <source>Banks (*.pbank)</source>
      <translation>Banks (*.pbank)</translation>
    </message>
    <message>
      <source>%1 was refused and not imported: %2</source>
      <translation>%1 was refused and not imported: %2</translation>
    </message>
    <message>
      <source>Nothing was saved yet.</source>
      <translation>Nothing was saved yet.</translation>
    </message>
    <message>
      <source>The center and its keys (sealed by the passphrase) are kept.</source>
      <translation>The center and its keys (sealed by the passphrase) are kept.</translation>
    </message>
    <message numerus="yes">
      <source>%n trusted publisher(s) kept.</source>
      <translation>
        <numerusform>%n trusted publisher kept.</numerusform>
        <numerusform>%n trusted publishers kept.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n bank(s) kept.</source>
      <translation>
        <numerusform>%n bank kept.</numerusform>
        <numerusform>%n banks kept.</numerusform>
      </translation>
    </message>
    <message>
      <source>The next start continues from here.</source>
      <translation>The next start continues from here.</translation>
    </message>
    <message>
      <source>Leave the setup?</source>
      <translation>Leave the setup?</translation>
    </message>
  </context>
</TS>