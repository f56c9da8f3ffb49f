from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.markup import Span, bold, escape, plain_text, spans


def test_bold_italic_and_code_become_styled_spans() -> None:
    assert spans("a *b* _c_ `d`") == [
        Span("a "),
        Span("b", "bold"),
        Span(" "),
        Span("c", "italic"),
        Span(" "),
        Span("d", "code"),
    ]


def test_an_unclosed_marker_stays_literal() -> None:
    assert plain_text("3*10 at 60") == "3*10 at 60"


def test_markers_do_not_span_lines() -> None:
    assert spans("*a\nb*") == [Span("*a\nb*")]


def test_escaped_user_text_inside_bold_keeps_its_markers() -> None:
    assert spans(bold("*_ana_*")) == [Span("*_ana_*", "bold")]


@given(st.text())
def test_escaped_text_always_reads_back_unchanged(text: str) -> None:
    assert plain_text(escape(text)) == text
