<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ExitCodeDialog</name>
    <message>
        <source>Leave exam mode</source>
        <translation>Leave exam mode</translation>
    </message>
    <message>
        <source>Invigilator&apos;s unlock code:</source>
        <translation>Invigilator&apos;s unlock code:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Back to the exam</source>
        <translation>Back to the exam</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>Wrong code.</translation>
    </message>
    <message>
        <source>Too many wrong codes: try again in %1 s.</source>
        <translation>Too many wrong codes: try again in %1 s.</translation>
    </message>
    <message>
        <source>The code was not accepted (%1).</source>
        <translation>The code was not accepted (%1).</translation>
    </message>
</context>
<context>
    <name>FocusNotice</name>
    <message>
        <source>You left the exam window during a focus question. You can still answer, but this question will count as wrong.</source>
        <translation>You left the exam window during a focus question. You can still answer, but this question will count as wrong.</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>I understand</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Workstation locked</source>
        <translation>Workstation locked</translation>
    </message>
    <message>
        <source>The invigilator has been alerted. Please stay seated: they will come and unlock the workstation.</source>
        <translation>The invigilator has been alerted. Please stay seated: they will come and unlock the workstation.</translation>
    </message>
    <message>
        <source>Please stay seated and raise your hand to call the invigilator: they will unlock the workstation with their code.</source>
        <translation>Please stay seated and raise your hand to call the invigilator: they will unlock the workstation with their code.</translation>
    </message>
    <message>
        <source>Invigilator&apos;s code</source>
        <translation>Invigilator&apos;s code</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Reason: environment check</source>
        <translation>Reason: environment check</translation>
    </message>
    <message>
        <source>Reason: prohibited software</source>
        <translation>Reason: prohibited software</translation>
    </message>
    <message>
        <source>Reason: remote session</source>
        <translation>Reason: remote session</translation>
    </message>
    <message>
        <source>Reason: virtual machine</source>
        <translation>Reason: virtual machine</translation>
    </message>
    <message>
        <source>Reason: screens</source>
        <translation>Reason: screens</translation>
    </message>
    <message>
        <source>Reason: the exam window was changed by another program</source>
        <translation>Reason: the exam window was changed by another program</translation>
    </message>
    <message>
        <source>Reason: a window of another program over the exam</source>
        <translation>Reason: a window of another program over the exam</translation>
    </message>
    <message>
        <source>Reason: the kiosk was stopped during a focus question</source>
        <translation>Reason: the kiosk was stopped during a focus question</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Too many wrong codes: try again in %1 s.</source>
        <translation>Too many wrong codes: try again in %1 s.</translation>
    </message>
    <message>
        <source>No unlock code can be checked on this workstation (%1).</source>
        <translation>No unlock code can be checked on this workstation (%1).</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>Wrong code.</translation>
    </message>
</context>
<context>
    <name>QtAttachmentViewer</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Close the document and go back to the question</source>
        <translation>Close the document and go back to the question</translation>
    </message>
    <message>
        <source>Document: %1</source>
        <translation>Document: %1</translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>Image: %1</translation>
    </message>
    <message>
        <source>This image cannot be displayed.</source>
        <translation>This image cannot be displayed.</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Fit to the window</source>
        <translation>Fit to the window</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>Show the pages</source>
        <translation>Show the pages</translation>
    </message>
    <message>
        <source>Show the text</source>
        <translation>Show the text</translation>
    </message>
    <message>
        <source>Switches between the document&apos;s pages and its text, which a screen reader can read.</source>
        <translation>Switches between the document&apos;s pages and its text, which a screen reader can read.</translation>
    </message>
    <message>
        <source>Text of the document</source>
        <translation>Text of the document</translation>
    </message>
    <message>
        <source>This document has no text a screen reader can read.</source>
        <translation>This document has no text a screen reader can read.</translation>
    </message>
    <message>
        <source>Show as a table</source>
        <translation>Show as a table</translation>
    </message>
    <message>
        <source>Show the raw text</source>
        <translation>Show the raw text</translation>
    </message>
    <message>
        <source>Switches between the table and the file&apos;s text as it is written, separators included.</source>
        <translation>Switches between the table and the file&apos;s text as it is written, separators included.</translation>
    </message>
</context>
<context>
    <name>QtAwaitingScreen</name>
    <message>
        <source>Your practice test was interrupted. Your answers are saved and the time lost does not count. Resume when you are ready.</source>
        <translation>Your practice test was interrupted. Your answers are saved and the time lost does not count. Resume when you are ready.</translation>
    </message>
    <message>
        <source>Your test was interrupted. Your answers are saved and the time lost does not count. The invigilator must allow you to resume: please stay at your place.</source>
        <translation>Your test was interrupted. Your answers are saved and the time lost does not count. The invigilator must allow you to resume: please stay at your place.</translation>
    </message>
    <message>
        <source>Test interrupted</source>
        <translation>Test interrupted</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Resume the test where it stopped.</source>
        <translation>Resume the test where it stopped.</translation>
    </message>
    <message>
        <source>Waiting for the invigilator</source>
        <translation>Waiting for the invigilator</translation>
    </message>
    <message>
        <source>The invigilator will allow your test to start. Please stay at your place.</source>
        <translation>The invigilator will allow your test to start. Please stay at your place.</translation>
    </message>
    <message>
        <source>The test could not be received from the invigilator&apos;s console yet; this workstation tries again. The invigilator has been told.</source>
        <translation>The test could not be received from the invigilator&apos;s console yet; this workstation tries again. The invigilator has been told.</translation>
    </message>
    <message>
        <source>Check-in refused</source>
        <translation>Check-in refused</translation>
    </message>
    <message>
        <source>The session number or the access code is wrong. Please call the invigilator.</source>
        <translation>The session number or the access code is wrong. Please call the invigilator.</translation>
    </message>
    <message>
        <source>The session is not open yet. Your check-in is sent again as soon as the invigilator opens it: please stay at your place.</source>
        <translation>The session is not open yet. Your check-in is sent again as soon as the invigilator opens it: please stay at your place.</translation>
    </message>
    <message>
        <source>This session is closed. Please call the invigilator.</source>
        <translation>This session is closed. Please call the invigilator.</translation>
    </message>
    <message>
        <source>The invigilator&apos;s console refused the check-in: %1</source>
        <translation>The invigilator&apos;s console refused the check-in: %1</translation>
    </message>
    <message>
        <source>Your check-in has reached the invigilator, who will now check your identity.</source>
        <translation>Your check-in has reached the invigilator, who will now check your identity.</translation>
    </message>
    <message>
        <source>The invigilator has checked your identity. The test will start shortly.</source>
        <translation>The invigilator has checked your identity. The test will start shortly.</translation>
    </message>
    <message>
        <source>The invigilator has allowed the test to start. It is being received from the console…</source>
        <translation>The invigilator has allowed the test to start. It is being received from the console…</translation>
    </message>
    <message>
        <source>Check that this is the candidate&apos;s own test, then type your code to let it resume.</source>
        <translation>Check that this is the candidate&apos;s own test, then type your code to let it resume.</translation>
    </message>
    <message>
        <source>Allow the test to resume</source>
        <translation>Allow the test to resume</translation>
    </message>
    <message>
        <source>Checks the code and resumes the test.</source>
        <translation>Checks the code and resumes the test.</translation>
    </message>
    <message>
        <source>Check the candidate&apos;s identity, then type your code to let the test start.</source>
        <translation>Check the candidate&apos;s identity, then type your code to let the test start.</translation>
    </message>
    <message>
        <source>Allow the test to start</source>
        <translation>Allow the test to start</translation>
    </message>
    <message>
        <source>Checks the code and starts the test.</source>
        <translation>Checks the code and starts the test.</translation>
    </message>
</context>
<context>
    <name>QtCheckInScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Practice test: enter your name to begin. Nothing is sent anywhere.</source>
        <translation>Practice test: enter your name to begin. Nothing is sent anywhere.</translation>
    </message>
    <message>
        <source>Enter your details and the codes written on the board by the invigilator.</source>
        <translation>Enter your details and the codes written on the board by the invigilator.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>As written on your identity document.</source>
        <translation>As written on your identity document.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Date of birth (dd/mm/yyyy)</source>
        <translation>Date of birth (dd/mm/yyyy)</translation>
    </message>
    <message>
        <source>For example 31/12/2009.</source>
        <translation>For example 31/12/2009.</translation>
    </message>
    <message>
        <source>Session number</source>
        <translation>Session number</translation>
    </message>
    <message>
        <source>Given by the invigilator.</source>
        <translation>Given by the invigilator.</translation>
    </message>
    <message>
        <source>Access code</source>
        <translation>Access code</translation>
    </message>
    <message>
        <source>4 letters and 2 digits, as written on the board.</source>
        <translation>4 letters and 2 digits, as written on the board.</translation>
    </message>
    <message>
        <source>I use a screen reader</source>
        <translation>I use a screen reader</translation>
    </message>
    <message>
        <source>Only questions a screen reader can read out are asked.</source>
        <translation>Only questions a screen reader can read out are asked.</translation>
    </message>
    <message>
        <source>Continue ⏎</source>
        <translation>Continue ⏎</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Checks what you typed and goes on.</source>
        <translation>Checks what you typed and goes on.</translation>
    </message>
    <message>
        <source>⚠ Required.</source>
        <translation>⚠ Required.</translation>
    </message>
    <message>
        <source>⚠ Letters, spaces, hyphens and apostrophes only.</source>
        <translation>⚠ Letters, spaces, hyphens and apostrophes only.</translation>
    </message>
    <message>
        <source>⚠ This date of birth does not seem right.</source>
        <translation>⚠ This date of birth does not seem right.</translation>
    </message>
    <message>
        <source>⚠ Expected a date such as 31/12/2009.</source>
        <translation>⚠ Expected a date such as 31/12/2009.</translation>
    </message>
    <message>
        <source>⚠ The session number is the number given by the invigilator.</source>
        <translation>⚠ The session number is the number given by the invigilator.</translation>
    </message>
    <message>
        <source>⚠ 4 letters and 2 digits, as written on the board (for example PVXB89).</source>
        <translation>⚠ 4 letters and 2 digits, as written on the board (for example PVXB89).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>QtChoiceAnswer</name>
    <message>
        <source>Several answers may be right: tick every right one.</source>
        <translation>Several answers may be right: tick every right one.</translation>
    </message>
    <message>
        <source>One answer is right: choose it.</source>
        <translation>One answer is right: choose it.</translation>
    </message>
    <message>
        <source>Proposal %1 of %2</source>
        <translation>Proposal %1 of %2</translation>
    </message>
</context>
<context>
    <name>QtCompetenceChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>QtEndScreen</name>
    <message>
        <source>New practice test</source>
        <translation>New practice test</translation>
    </message>
    <message>
        <source>Starts another practice test.</source>
        <translation>Starts another practice test.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Closes the kiosk.</source>
        <translation>Closes the kiosk.</translation>
    </message>
    <message>
        <source>Type your code to close the kiosk and give the workstation back.</source>
        <translation>Type your code to close the kiosk and give the workstation back.</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Close the kiosk</translation>
    </message>
    <message>
        <source>Checks the code, then gives the workstation back.</source>
        <translation>Checks the code, then gives the workstation back.</translation>
    </message>
    <message>
        <source>Test finished</source>
        <translation>Test finished</translation>
    </message>
    <message>
        <source>Your answers are saved. The results will be given after validation.</source>
        <translation>Your answers are saved. The results will be given after validation.</translation>
    </message>
    <message>
        <source>Receipt code</source>
        <translation>Receipt code</translation>
    </message>
    <message>
        <source>Write this code down or show it to the invigilator. It proves that your answers were recorded.</source>
        <translation>Write this code down or show it to the invigilator. It proves that your answers were recorded.</translation>
    </message>
    <message>
        <source>Received by the console ✓</source>
        <translation>Received by the console ✓</translation>
    </message>
    <message>
        <source>Waiting to be received by the invigilator&apos;s console (your answers are kept on this workstation)</source>
        <translation>Waiting to be received by the invigilator&apos;s console (your answers are kept on this workstation)</translation>
    </message>
    <message>
        <source>Results delivery</source>
        <translation>Results delivery</translation>
    </message>
    <message>
        <source>Practice test finished</source>
        <translation>Practice test finished</translation>
    </message>
    <message>
        <source>%1 pix</source>
        <translation>%1 pix</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>No score</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Level: %1</source>
        <translation>Level: %1</translation>
    </message>
    <message>
        <source>Questions answered or skipped: %1 of %2</source>
        <translation>Questions answered or skipped: %1 of %2</translation>
    </message>
    <message>
        <source>Your answers in the five domains</source>
        <translation>Your answers in the five domains</translation>
    </message>
    <message>
        <source>Right answers in each domain</source>
        <translation>Right answers in each domain</translation>
    </message>
    <message>
        <source>With %1 questions, a level in each of the 16 competences would be a guess: most were asked once or not at all. The chart shows, for each domain, how many of its questions you answered right. The complete test estimates a level in every competence.</source>
        <translation>With %1 questions, a level in each of the 16 competences would be a guess: most were asked once or not at all. The chart shows, for each domain, how many of its questions you answered right. The complete test estimates a level in every competence.</translation>
    </message>
    <message>
        <source>right answers: %1</source>
        <translation>right answers: %1</translation>
    </message>
    <message>
        <source>Fewer than %1 questions were treated: no score is given.</source>
        <translation>Fewer than %1 questions were treated: no score is given.</translation>
    </message>
    <message>
        <source>The test ended early: the untreated questions lower the score.</source>
        <translation>The test ended early: the untreated questions lower the score.</translation>
    </message>
    <message>
        <source>Practice score: an estimate, not a certificate.</source>
        <translation>Practice score: an estimate, not a certificate.</translation>
    </message>
    <message>
        <source>Your answers, question by question</source>
        <translation>Your answers, question by question</translation>
    </message>
    <message>
        <source>not asked in this test</source>
        <translation>not asked in this test</translation>
    </message>
    <message>
        <source>%1 of %2 right</source>
        <translation>%1 of %2 right</translation>
    </message>
    <message>
        <source>✓ Right</source>
        <translation>✓ Right</translation>
    </message>
    <message>
        <source>✗ Wrong</source>
        <translation>✗ Wrong</translation>
    </message>
    <message>
        <source>↷ Skipped (counts as wrong)</source>
        <translation>↷ Skipped (counts as wrong)</translation>
    </message>
    <message>
        <source>⚠ Window left during a focus question: not counted</source>
        <translation>⚠ Window left during a focus question: not counted</translation>
    </message>
    <message>
        <source>✗ Time for this question ran out</source>
        <translation>✗ Time for this question ran out</translation>
    </message>
    <message>
        <source>— Withdrawn after a report: not counted</source>
        <translation>— Withdrawn after a report: not counted</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Your answer: %1</source>
        <translation>Your answer: %1</translation>
    </message>
    <message>
        <source>Right answer: %1</source>
        <translation>Right answer: %1</translation>
    </message>
    <message>
        <source>**Explanation:** %1</source>
        <translation>**Explanation:** %1</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>(nothing ticked)</source>
        <translation>(nothing ticked)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>%1 (in any order)</source>
        <translation>%1 (in any order)</translation>
    </message>
</context>
<context>
    <name>QtFailureScreen</name>
    <message>
        <source>⚠ A technical problem occurred</source>
        <translation>⚠ A technical problem occurred</translation>
    </message>
    <message>
        <source>The answers you validated are saved. Please call the invigilator.</source>
        <translation>The answers you validated are saved. Please call the invigilator.</translation>
    </message>
    <message>
        <source>Hide the technical details</source>
        <translation>Hide the technical details</translation>
    </message>
    <message>
        <source>Technical details (for the invigilator)</source>
        <translation>Technical details (for the invigilator)</translation>
    </message>
    <message>
        <source>Shows what went wrong, in the words of the program.</source>
        <translation>Shows what went wrong, in the words of the program.</translation>
    </message>
    <message>
        <source>The answers you validated are saved. Try again; if the problem persists, close the practice test and start it again: it resumes where it stopped.</source>
        <translation>The answers you validated are saved. Try again; if the problem persists, close the practice test and start it again: it resumes where it stopped.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Tries the last step again.</source>
        <translation>Tries the last step again.</translation>
    </message>
</context>
<context>
    <name>QtFieldsAnswer</name>
    <message>
        <source>Type your answer in the box.</source>
        <translation>Type your answer in the box.</translation>
    </message>
    <message>
        <source>Fill in every box; the order of your answers does not matter.</source>
        <translation>Fill in every box; the order of your answers does not matter.</translation>
    </message>
    <message>
        <source>Fill in every box.</source>
        <translation>Fill in every box.</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Your answer</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <source>A number, e.g. 3.5</source>
        <translation>A number, e.g. 3.5</translation>
    </message>
    <message>
        <source>A number; a comma or a point for decimals.</source>
        <translation>A number; a comma or a point for decimals.</translation>
    </message>
    <message>
        <source>Free text.</source>
        <translation>Free text.</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Unit: %1</translation>
    </message>
</context>
<context>
    <name>QtFocusWarningScreen</name>
    <message>
        <source>◉ Focus question</source>
        <translation>◉ Focus question</translation>
    </message>
    <message>
        <source>The next question is a focus question. Answer it from your own knowledge, without leaving this window: no other application, no browser, no phone.</source>
        <translation>The next question is a focus question. Answer it from your own knowledge, without leaving this window: no other application, no browser, no phone.</translation>
    </message>
    <message>
        <source>If you leave the window during a focus question, your answer to that question will not count. The time does not run while you read this page.</source>
        <translation>If you leave the window during a focus question, your answer to that question will not count. The time does not run while you read this page.</translation>
    </message>
    <message>
        <source>I understand, continue</source>
        <translation>I understand, continue</translation>
    </message>
    <message>
        <source>Shows the next question.</source>
        <translation>Shows the next question.</translation>
    </message>
</context>
<context>
    <name>QtHoldScreen</name>
    <message>
        <source>The workstation check found a problem.</source>
        <translation>The workstation check found a problem.</translation>
    </message>
    <message>
        <source>The test window was left.</source>
        <translation>The test window was left.</translation>
    </message>
    <message>
        <source>Test paused</source>
        <translation>Test paused</translation>
    </message>
    <message>
        <source>The time is stopped and your answers are saved.</source>
        <translation>The time is stopped and your answers are saved.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Resume the test.</source>
        <translation>Resume the test.</translation>
    </message>
    <message>
        <source>The test is suspended and the time is stopped. Your answers are saved.</source>
        <translation>The test is suspended and the time is stopped. Your answers are saved.</translation>
    </message>
    <message>
        <source>The test is suspended and the time is stopped. Please call the invigilator.</source>
        <translation>The test is suspended and the time is stopped. Please call the invigilator.</translation>
    </message>
    <message>
        <source>⚠ Workstation locked</source>
        <translation>⚠ Workstation locked</translation>
    </message>
    <message>
        <source>Unlock and continue</source>
        <translation>Unlock and continue</translation>
    </message>
    <message>
        <source>Continue the test.</source>
        <translation>Continue the test.</translation>
    </message>
</context>
<context>
    <name>QtInstructionsScreen</name>
    <message>
        <source>Before you start</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <source>Read these rules, then start when you are ready. The time starts with the first question.</source>
        <translation>Read these rules, then start when you are ready. The time starts with the first question.</translation>
    </message>
    <message>
        <source>Start the test</source>
        <translation>Start the test</translation>
    </message>
    <message>
        <source>Starts the test and its countdown.</source>
        <translation>Starts the test and its countdown.</translation>
    </message>
    <message>
        <source>• %1 questions, %2 in all.</source>
        <translation>• %1 questions, %2 in all.</translation>
    </message>
    <message>
        <source>• The questions adapt to your answers. You cannot go back to a previous question.</source>
        <translation>• The questions adapt to your answers. You cannot go back to a previous question.</translation>
    </message>
    <message>
        <source>• You may skip a question: it counts as wrong and does not come back.</source>
        <translation>• You may skip a question: it counts as wrong and does not come back.</translation>
    </message>
    <message>
        <source>• Free questions: you may use the workstation&apos;s tools (word processor, spreadsheet…).</source>
        <translation>• Free questions: you may use the workstation&apos;s tools (word processor, spreadsheet…).</translation>
    </message>
    <message>
        <source>• Focus questions: answer without leaving the test window, or the answer does not count.</source>
        <translation>• Focus questions: answer without leaving the test window, or the answer does not count.</translation>
    </message>
    <message>
        <source>• If a question has a problem, use “Report a problem”.</source>
        <translation>• If a question has a problem, use “Report a problem”.</translation>
    </message>
    <message>
        <source>• Ctrl + and Ctrl − change the text size; Ctrl+Shift+H switches to high contrast.</source>
        <translation>• Ctrl + and Ctrl − change the text size; Ctrl+Shift+H switches to high contrast.</translation>
    </message>
    <message>
        <source>• Extra time granted: + %1.</source>
        <translation>• Extra time granted: + %1.</translation>
    </message>
</context>
<context>
    <name>QtInvigilatorCode</name>
    <message>
        <source>For the invigilator</source>
        <translation>For the invigilator</translation>
    </message>
    <message>
        <source>Invigilator&apos;s unlock code</source>
        <translation>Invigilator&apos;s unlock code</translation>
    </message>
    <message>
        <source>The characters typed stay hidden.</source>
        <translation>The characters typed stay hidden.</translation>
    </message>
    <message>
        <source>⚠ Too many wrong codes: try again in %1 s.</source>
        <translation>⚠ Too many wrong codes: try again in %1 s.</translation>
    </message>
    <message>
        <source>⚠ Wrong code.</source>
        <translation>⚠ Wrong code.</translation>
    </message>
    <message>
        <source>⚠ Type the code first.</source>
        <translation>⚠ Type the code first.</translation>
    </message>
    <message>
        <source>⚠ The unlock code of this kiosk cannot be read: set it again with “pupitre-kiosk set-unlock-code”.</source>
        <translation>⚠ The unlock code of this kiosk cannot be read: set it again with “pupitre-kiosk set-unlock-code”.</translation>
    </message>
    <message>
        <source>Typed by the invigilator only.</source>
        <translation>Typed by the invigilator only.</translation>
    </message>
</context>
<context>
    <name>QtKioskWindow</name>
    <message>
        <source>Pupitre — practice test</source>
        <translation>Pupitre — practice test</translation>
    </message>
    <message>
        <source>Pupitre — exam</source>
        <translation>Pupitre — exam</translation>
    </message>
    <message>
        <source>Pupitre · practice test</source>
        <translation>Pupitre · practice test</translation>
    </message>
    <message>
        <source>Pupitre · exam</source>
        <translation>Pupitre · exam</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stops the time until you resume.</source>
        <translation>Stops the time until you resume.</translation>
    </message>
    <message>
        <source>Stop the practice test</source>
        <translation>Stop the practice test</translation>
    </message>
    <message>
        <source>Ends the test now and shows the results.</source>
        <translation>Ends the test now and shows the results.</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl and minus</source>
        <translation>Shortcut: Ctrl and minus</translation>
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
        <translation>Larger text</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl and plus</source>
        <translation>Shortcut: Ctrl and plus</translation>
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
        <source>Text %1 %</source>
        <translation>Text %1 %</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Stop the practice test?</source>
        <translation>Stop the practice test?</translation>
    </message>
    <message>
        <source>The test ends now and the questions not yet treated count as wrong.</source>
        <translation>The test ends now and the questions not yet treated count as wrong.</translation>
    </message>
    <message>
        <source>Stop and see my results</source>
        <translation>Stop and see my results</translation>
    </message>
    <message>
        <source>Continue the test</source>
        <translation>Continue the test</translation>
    </message>
    <message>
        <source>Close the practice test?</source>
        <translation>Close the practice test?</translation>
    </message>
    <message>
        <source>Closing the window ends the test now: the questions not yet answered count as wrong.</source>
        <translation>Closing the window ends the test now: the questions not yet answered count as wrong.</translation>
    </message>
    <message>
        <source>End the test and close</source>
        <translation>End the test and close</translation>
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
        <translation>Progress</translation>
    </message>
    <message>
        <source>%1 questions done out of %2</source>
        <translation>%1 questions done out of %2</translation>
    </message>
    <message>
        <source>◉ Focus question: stay in this window</source>
        <translation>◉ Focus question: stay in this window</translation>
    </message>
    <message>
        <source>Answer from your own knowledge. Leaving this window cancels your answer.</source>
        <translation>Answer from your own knowledge. Leaving this window cancels your answer.</translation>
    </message>
    <message>
        <source>○ Free question: you may use the workstation&apos;s tools</source>
        <translation>○ Free question: you may use the workstation&apos;s tools</translation>
    </message>
    <message>
        <source>You may use the workstation&apos;s applications to answer.</source>
        <translation>You may use the workstation&apos;s applications to answer.</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Report a problem</translation>
    </message>
    <message>
        <source>Report a problem with this question</source>
        <translation>Report a problem with this question</translation>
    </message>
    <message>
        <source>Tell the invigilator that this question has a problem (a missing image, a mistake…).</source>
        <translation>Tell the invigilator that this question has a problem (a missing image, a mistake…).</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation>Skip this question</translation>
    </message>
    <message>
        <source>A skipped question counts as wrong and will not come back.</source>
        <translation>A skipped question counts as wrong and will not come back.</translation>
    </message>
    <message>
        <source>Validate ⏎</source>
        <translation>Validate ⏎</translation>
    </message>
    <message>
        <source>Validate my answer</source>
        <translation>Validate my answer</translation>
    </message>
    <message>
        <source>Records your answer and shows the next question. Shortcut: Enter.</source>
        <translation>Records your answer and shows the next question. Shortcut: Enter.</translation>
    </message>
    <message>
        <source>Enter: validate · Ctrl + / Ctrl −: text size · Ctrl+Shift+H: contrast</source>
        <translation>Enter: validate · Ctrl + / Ctrl −: text size · Ctrl+Shift+H: contrast</translation>
    </message>
    <message>
        <source>Documents for this question</source>
        <translation>Documents for this question</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>Shows the document inside the test.</source>
        <translation>Shows the document inside the test.</translation>
    </message>
    <message>
        <source>Open with the workstation&apos;s application</source>
        <translation>Open with the workstation&apos;s application</translation>
    </message>
    <message>
        <source>Open %1 with the workstation&apos;s application</source>
        <translation>Open %1 with the workstation&apos;s application</translation>
    </message>
    <message>
        <source>Opens a copy in the workstation&apos;s usual application; it is deleted at the end of the test.</source>
        <translation>Opens a copy in the workstation&apos;s usual application; it is deleted at the end of the test.</translation>
    </message>
    <message>
        <source>Cannot be shown during a focus question</source>
        <translation>Cannot be shown during a focus question</translation>
    </message>
    <message>
        <source>Your report was accepted: the question was withdrawn and replaced by another one.</source>
        <translation>Your report was accepted: the question was withdrawn and replaced by another one.</translation>
    </message>
    <message>
        <source>Your report was examined: please answer this question.</source>
        <translation>Your report was examined: please answer this question.</translation>
    </message>
    <message>
        <source>⚠ You left the test window during a focus question: your answer to this question will not count.</source>
        <translation>⚠ You left the test window during a focus question: your answer to this question will not count.</translation>
    </message>
    <message>
        <source>Skip this question?</source>
        <translation>Skip this question?</translation>
    </message>
    <message>
        <source>You have not answered. If you go on, this question is skipped: it counts as wrong and you cannot come back to it.</source>
        <translation>You have not answered. If you go on, this question is skipped: it counts as wrong and you cannot come back to it.</translation>
    </message>
    <message>
        <source>Skip the question</source>
        <translation>Skip the question</translation>
    </message>
    <message>
        <source>Back to the question</source>
        <translation>Back to the question</translation>
    </message>
    <message>
        <source>One of the %2 boxes is empty.</source>
        <translation>One of the %2 boxes is empty.</translation>
    </message>
    <message>
        <source>%1 of the %2 boxes are empty.</source>
        <translation>%1 of the %2 boxes are empty.</translation>
    </message>
    <message>
        <source>An incomplete answer counts as wrong, and you cannot come back to this question.</source>
        <translation>An incomplete answer counts as wrong, and you cannot come back to this question.</translation>
    </message>
    <message>
        <source>Validate with an empty box?</source>
        <translation>Validate with an empty box?</translation>
    </message>
    <message>
        <source>Validate anyway</source>
        <translation>Validate anyway</translation>
    </message>
    <message>
        <source>A skipped question counts as wrong, and you cannot come back to it.</source>
        <translation>A skipped question counts as wrong, and you cannot come back to it.</translation>
    </message>
    <message>
        <source>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of the application you want to use.</source>
        <translation>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of the application you want to use.</translation>
    </message>
    <message>
        <source>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of an application, or ask the invigilator.</source>
        <translation>The workstation did not open this file by itself. A copy is in the folder %1: open it from the File menu of an application, or ask the invigilator.</translation>
    </message>
    <message>
        <source>The file did not open</source>
        <translation>The file did not open</translation>
    </message>
    <message>
        <source>Describe the problem if you wish (a missing image, a file that does not open, a mistake in the question). The time stops while it is examined.</source>
        <translation>Describe the problem if you wish (a missing image, a file that does not open, a mistake in the question). The time stops while it is examined.</translation>
    </message>
    <message>
        <source>focus question</source>
        <translation>focus question</translation>
    </message>
    <message>
        <source>free question</source>
        <translation>free question</translation>
    </message>
    <message>
        <source>Question %1 of %2, %3</source>
        <translation>Question %1 of %2, %3</translation>
    </message>
    <message>
        <source>Send the report</source>
        <translation>Send the report</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>What is wrong? (optional)</source>
        <translation>What is wrong? (optional)</translation>
    </message>
    <message>
        <source>For example: the picture does not show.</source>
        <translation>For example: the picture does not show.</translation>
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
        <translation>Only %1 left</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>Time left: %1</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>+ extra time</source>
        <translation>+ extra time</translation>
    </message>
    <message>
        <source>Extra time granted</source>
        <translation>Extra time granted</translation>
    </message>
    <message>
        <source>Extra time granted: %1</source>
        <translation>Extra time granted: %1</translation>
    </message>
</context>
<context>
    <name>QtWaitScreen</name>
    <message>
        <source>The candidate&apos;s comment: “%1”</source>
        <translation>The candidate&apos;s comment: “%1”</translation>
    </message>
    <message>
        <source>Preparing the workstation…</source>
        <translation>Preparing the workstation…</translation>
    </message>
    <message>
        <source>The test will be ready in a moment.</source>
        <translation>The test will be ready in a moment.</translation>
    </message>
    <message>
        <source>Getting your test back…</source>
        <translation>Getting your test back…</translation>
    </message>
    <message>
        <source>Your answers were saved. The test continues where it stopped.</source>
        <translation>Your answers were saved. The test continues where it stopped.</translation>
    </message>
    <message>
        <source>Checking the workstation…</source>
        <translation>Checking the workstation…</translation>
    </message>
    <message>
        <source>This takes a few seconds. Nothing to do.</source>
        <translation>This takes a few seconds. Nothing to do.</translation>
    </message>
    <message>
        <source>Saving your answers…</source>
        <translation>Saving your answers…</translation>
    </message>
    <message>
        <source>Please wait, do not turn off the computer.</source>
        <translation>Please wait, do not turn off the computer.</translation>
    </message>
    <message>
        <source>Problem reported</source>
        <translation>Problem reported</translation>
    </message>
    <message>
        <source>Your report has been sent to the invigilator, who will come and see you. The time is stopped.</source>
        <translation>Your report has been sent to the invigilator, who will come and see you. The time is stopped.</translation>
    </message>
    <message>
        <source>Please call the invigilator, who will come and see you. The time is stopped.</source>
        <translation>Please call the invigilator, who will come and see you. The time is stopped.</translation>
    </message>
    <message>
        <source>Type your code, then replace the question (the report is accepted: another question comes under the same number) or keep it (the candidate answers it).</source>
        <translation>Type your code, then replace the question (the report is accepted: another question comes under the same number) or keep it (the candidate answers it).</translation>
    </message>
    <message>
        <source>Replace the question</source>
        <translation>Replace the question</translation>
    </message>
    <message>
        <source>Accepts the report: the question is replaced by another under the same number.</source>
        <translation>Accepts the report: the question is replaced by another under the same number.</translation>
    </message>
    <message>
        <source>Keep the question</source>
        <translation>Keep the question</translation>
    </message>
    <message>
        <source>Dismisses the report: the candidate answers this question.</source>
        <translation>Dismisses the report: the candidate answers this question.</translation>
    </message>
</context>
</TS>
