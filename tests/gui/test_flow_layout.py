"""The wrapping layout of the tools bar and the question header: its cached heights follow the text."""

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.qt_flow import QtFlowLayout, QtFlowSpring


def test_the_height_follows_a_longer_text_and_a_hidden_widget(qtbot):
    bar = QWidget()
    qtbot.addWidget(bar)
    layout = QtFlowLayout(bar, spacing=8)
    labels = [QLabel("Question 7 / 32"), QLabel("Focus"), QLabel("1.1")]
    for widget in (*labels, QtFlowSpring()):
        layout.addWidget(widget)
    bar.resize(400, 40)
    bar.show()
    one_line = layout.heightForWidth(400)
    assert layout.heightForWidth(400) == one_line  # asked again: the same answer
    labels[2].setText("Chercher et vérifier l’information, et bien plus encore " * 2)
    two_lines = layout.heightForWidth(400)
    assert two_lines > one_line  # the cache was dropped when the text grew
    labels[2].hide()
    assert layout.heightForWidth(400) == one_line
    labels[2].show()
    assert layout.heightForWidth(400) == two_lines
    assert layout.heightForWidth(4000) == one_line  # another width: computed for it
