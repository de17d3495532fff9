"""Rendering a page as a copy-paste shows it: text that script reveals in a browser is rendered."""

from __future__ import annotations

from newsdesk.extract.metadata import parse_html
from newsdesk.extract.render import visible_lines

POST = "I upgraded last night and the service no longer starts; the log shows a timeout while loading."


def test_a_forum_that_keeps_its_posts_in_noscript_renders_them() -> None:
    html = f"""<html><body><div id="app"></div><noscript><div id="main-outlet">
    <h1>Service stuck on starting</h1><div class="post"><span>alice</span><p>{POST}</p></div>
    <div class="post"><span>bob</span><p>Roll back to the previous release, then clear the cache.</p></div>
    </div></noscript></body></html>"""
    assert visible_lines(parse_html(html)) == [
        "Service stuck on starting", "alice", POST, "bob", "Roll back to the previous release, then clear the cache.",
    ]


def test_a_noscript_notice_on_a_page_with_its_own_text_stays_out() -> None:
    html = f"""<html><body><h1>Service stuck on starting</h1><p>{POST}</p>
    <noscript><p>Please enable JavaScript to use this site.</p></noscript></body></html>"""
    assert visible_lines(parse_html(html)) == ["Service stuck on starting", POST]


def test_a_hidden_form_smaller_than_twice_the_page_stays_hidden() -> None:
    form = " ".join(["Your name Your email Your message Send"] * 4)
    html = f"""<html><body><h1>Ports reopen</h1><p>{POST}</p>
    <div style="display:none"><p>{form}</p></div></body></html>"""
    assert visible_lines(parse_html(html)) == ["Ports reopen", POST]


def test_a_hidden_root_that_holds_the_whole_page_is_rendered() -> None:
    html = f"""<html><body><div style="visibility: hidden"><h1>Ports reopen</h1><p>{POST}</p></div>
    <div style="display:none">Menu</div></body></html>"""
    assert visible_lines(parse_html(html)) == ["Ports reopen", POST]


def test_streamed_segments_replace_their_placeholder_fallback_where_the_script_puts_them() -> None:
    html = f"""<html><body><header>Site</header><main><!--$?--><template id="B:0"></template>
    <div class="skeleton">Loading...</div><!--/$--></main><footer>Contact</footer>
    <div hidden id="S:0"><h1>Ports reopen</h1><p>{POST}</p></div>
    <script>$RC("B:0","S:0")</script></body></html>"""
    assert visible_lines(parse_html(html)) == ["Site", "Ports reopen", POST, "Contact"]


def test_streamed_segments_of_a_page_saved_without_scripts_go_to_the_placeholder_of_their_name() -> None:
    html = f"""<html><body><header>Site</header><main><template id="B:1"></template></main>
    <footer>Contact</footer><div hidden id="S:1"><p>{POST}</p></div>
    <div hidden id="menu">Account</div></body></html>"""
    assert visible_lines(parse_html(html)) == ["Site", POST, "Contact"]


def test_an_article_nested_in_an_unclosed_button_is_rendered() -> None:
    html = f"""<html><body><header><button class="menu-button"><div>Menu</div>
    <main><h1>Ports reopen</h1><p>{POST}</p></main></button></header></body></html>"""
    assert visible_lines(parse_html(html)) == ["Menu", "Ports reopen", POST]
