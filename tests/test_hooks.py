"""The hooks that rewrite the site's output (overrides/hooks/*.py), one function at a time:
input -> expected output, including the awkward cases (attributes in another order, nested
markup, a page with nothing to change). No build and no browser: these run in the fast lane.

Each hook is loaded from its file, as MkDocs loads it. A failure names the hook file and the
case; the fix is in that file (or, if the hook's output was meant to change, in the table here).
"""

from __future__ import annotations

import base64
import hashlib
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from site_tools import project

from conftest import load_hook



hook = load_hook


def building(current: str, site_url: str = "https://example.org/repo/"):
    """The MkDocs config a hook sees while the i18n plugin builds `current` (this site's
    mkdocs.yml, read afresh: the hooks read which language is the default from it)."""
    from mkdocs.config import load_config

    config = load_config(str(project.MKDOCS_YML), site_url=site_url)
    config.plugins["i18n"].current_language = current
    return config


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


# --- checklists.py: label_task_items -------------------------------------------------------

LABEL = '<label class="task-list-label">'
TASK_ITEMS = [
    ("tight item, pymdownx output",
     '<li class="task-list-item"><input type="checkbox"/> sudden mood changes</li>',
     f'<li class="task-list-item">{LABEL}<input type="checkbox"> sudden mood changes</label></li>'),
    ("disabled and checked are dropped / kept",
     '<li class="task-list-item"><input type="checkbox" disabled checked/> gifts</li>',
     f'<li class="task-list-item">{LABEL}<input type="checkbox" checked> gifts</label></li>'),
    ("attributes in another order, no self-closing slash",
     '<li id="x" class="task-list-item"><input checked type="checkbox" disabled> secrets</li>',
     f'<li id="x" class="task-list-item">{LABEL}<input type="checkbox" checked> secrets</label></li>'),
    ("more classes on the item",
     '<li class="first task-list-item done"><input type="checkbox"/> a</li>',
     f'<li class="first task-list-item done">{LABEL}<input type="checkbox"> a</label></li>'),
    ("loose list: the label ends with the first paragraph",
     '<li class="task-list-item">\n<p><input type="checkbox"/> loose</p>\n<p>more text</p>\n</li>',
     f'<li class="task-list-item">\n<p>{LABEL}<input type="checkbox"> loose</label></p>\n<p>more text</p>\n</li>'),
    ("nested list: each item gets its own label, the parent's ends before the list",
     '<li class="task-list-item"><input type="checkbox"/> parent<ul class="task-list">\n'
     '<li class="task-list-item"><input type="checkbox"/> child</li>\n</ul>\n</li>',
     f'<li class="task-list-item">{LABEL}<input type="checkbox"> parent</label><ul class="task-list">\n'
     f'<li class="task-list-item">{LABEL}<input type="checkbox"> child</label></li>\n</ul>\n</li>'),
    ("inline HTML stays inside the label",
     '<li class="task-list-item"><input type="checkbox"/> asks for <em>secret</em> <a href="x/">photos</a></li>',
     f'<li class="task-list-item">{LABEL}<input type="checkbox"> asks for <em>secret</em> <a href="x/">photos</a></label></li>'),
    ("a plain list is left alone",
     '<ul><li>no checkbox</li><li><input type="checkbox"> not a task item</li></ul>',
     '<ul><li>no checkbox</li><li><input type="checkbox"> not a task item</li></ul>'),
    ("a page without task items is returned as it is", "<p>task-list-item is only a word here</p>",
     "<p>task-list-item is only a word here</p>"),
]


@pytest.mark.parametrize("given,expected", [case[1:] for case in TASK_ITEMS], ids=[case[0] for case in TASK_ITEMS])
def test_checklists_label_task_items(given, expected):
    assert hook("checklists").label_task_items(given) == expected, "overrides/hooks/checklists.py (label_task_items)"


# What Markdown can give the checklists hook: each case is rendered by Python-Markdown with the
# site's extensions (as the build renders pages), then labelled. Every task item must end up
# with one <label> holding its checkbox and exactly its own text, and nothing else changed.
TASK_MARKDOWN = [
    ("tight, links and emphasis", "- [ ] one [link](x.md) and *em*\n- [x] **two**\n"),
    ("loose items (paragraphs)", "- [ ] first\n\n- [ ] second\n"),
    ("a nested task list", "- [ ] parent\n    - [ ] child one\n    - [x] child two\n- [ ] after\n"),
    ("ordered", "1. [ ] first\n2. [ ] second\n"),
    ("code that looks like markup", "- [ ] type `</li><p>` or `<label>`\n- [ ] a < b > c & d\n"),
    ("an item with a class (attr_list)", "- [ ] styled {: .note }\n"),
    ("a continuation line", "- [ ] a long item\n  that goes on\n"),
    ("in an admonition", '!!! note "Check"\n    - [ ] inside\n    - [ ] too\n'),
    ("in an md_in_html block", '<div markdown="1">\n\n- [ ] in a div\n\n</div>\n'),
    ("inline HTML in the item", "- [ ] line<br>break and <span>span</span>\n"),
    ("a paragraph after the item text", "- [ ] item\n\n    more about it\n"),
]


@pytest.mark.parametrize("markdown_text", [case[1] for case in TASK_MARKDOWN], ids=[case[0] for case in TASK_MARKDOWN])
def test_checklists_labels_what_markdown_produces(markdown_text):
    from bs4 import BeautifulSoup

    from site_tools.markdown_outline import item_text, render_html

    html = render_html(markdown_text)
    before = BeautifulSoup(html, "html.parser")
    items = before.select("li.task-list-item")
    assert items, f"pymdownx rendered no task item from {markdown_text!r}: fix the case"
    texts = [item_text(item) for item in items]
    labelled = hook("checklists").label_task_items(html)
    after = BeautifulSoup(labelled, "html.parser")
    problems = []
    for item, text in zip(after.select("li.task-list-item"), texts):
        labels = item.find_all("label", recursive=True)
        own = [label for label in labels if label.find_parent("li") is item]
        boxes = own[0].find_all("input") if own else []
        if len(own) != 1 or len(boxes) != 1 or boxes[0].get("type") != "checkbox":
            problems.append(f"{text!r}: {len(own)} labels with {len(boxes)} checkboxes: {item}")
        elif " ".join(own[0].get_text().split()) != " ".join(text.split()):
            problems.append(f"{text!r}: the label holds {own[0].get_text()!r}")
        elif boxes[0].has_attr("disabled"):
            problems.append(f"{text!r}: the checkbox is still disabled")
    for tag in after.select("label.task-list-label"):
        tag.unwrap()
    for box in after.select("input"):
        box.attrs.pop("disabled", None)
    for box in before.select("input"):
        box.attrs.pop("disabled", None)
    if " ".join(after.get_text(" ").split()) != " ".join(before.get_text(" ").split()):
        problems.append("the text of the list changed")
    assert not problems, "overrides/hooks/checklists.py (label_task_items):\n" + "\n".join(problems)


# --- csp.py -------------------------------------------------------------------------------

SCRIPTS = [
    ("inline script", "<script>var a=1</script>", [sha("var a=1")]),
    ("external script needs no hash", '<script src="x.js"></script>', []),
    ("JSON data is not code", '<script type="application/json">{"a":1}</script>', []),
    ("Material's config block", '<script id="__config" type="application/json">{}</script>', []),
    ("module script", '<script type="module">import("x")</script>', [sha('import("x")')]),
    ("upper case, single quotes, space before >", "<SCRIPT TYPE='text/javascript'>b()</SCRIPT >", [sha("b()")]),
    ("unquoted type", "<script type=module>c()</script>", [sha("c()")]),
    ("an unknown type does not run", '<script type="text/plain">d()</script>', []),
    ("the same script twice: one hash", "<script>e()</script><p></p><script>e()</script>", [sha("e()")]),
    ("multi-line body, hashed byte for byte", "<script>\n  f();\n</script>", [sha("\n  f();\n")]),
    ("no script", "<p>script</p>", []),
    ("a script in a comment is not one", "<!-- <script>x()</script> --><p></p>", []),
    ("an attribute value with > in it", '<script data-note="a>b">h()</script>', [sha("h()")]),
    ("a script that writes a tag", '<script>s("<p>x</p>")</script>', [sha('s("<p>x</p>")')]),
]


@pytest.mark.parametrize("html,expected", [case[1:] for case in SCRIPTS], ids=[case[0] for case in SCRIPTS])
def test_csp_hashes_exactly_the_inline_scripts_that_run(html, expected):
    assert hook("csp").inline_script_hashes(html) == expected, "overrides/hooks/csp.py (inline_script_hashes)"


def test_csp_policy_goes_right_after_the_charset_once():
    csp = hook("csp")
    html = '<html><head><meta charset="utf-8"><script>g()</script></head><body></body></html>'
    once = csp.add_policy(html)
    assert once.startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="')
    assert f"script-src 'self' 'wasm-unsafe-eval' {sha('g()')};" in once
    assert csp.add_policy(once) == once, "add_policy must be idempotent (404 pages pass through it more than once)"
    no_charset = csp.add_policy("<html><head lang=x><title>t</title></head></html>")
    assert no_charset.startswith('<html><head lang=x>\n    <meta http-equiv="Content-Security-Policy"')
    assert csp.add_policy("<p>a fragment</p>") == "<p>a fragment</p>", "no <head>: nothing to add to"


def test_csp_headers_file_forbids_framing_on_pages():
    text = hook("csp").headers_file(["/", "/help/*"])
    rules, current = {}, None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if not line.startswith("  "):
            current = rules.setdefault(line, [])
        else:
            current.append(line.strip())
    assert list(rules) == ["/*", "/", "/help/*"], text
    assert rules["/*"] == ["X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer"], text
    assert rules["/"] == rules["/help/*"], text
    policy = next(line for line in rules["/"] if line.startswith("Content-Security-Policy: "))
    # What a <meta> policy cannot say; each page's <meta> policy does the rest (both apply).
    assert policy == "Content-Security-Policy: frame-ancestors 'none'", policy
    assert "X-Frame-Options: DENY" in rules["/"], text
    assert any(line.startswith("Permissions-Policy: camera=()") or "camera=()" in line for line in rules["/"]), text


def test_csp_document_paths_cover_the_pages_folders_and_no_other(tmp_path):
    for name in ("index.html", "404.html", "sitemap.xml", "help/index.html", "hu/help/index.html",
                 "assets/stylesheets/site.css", "pagefind/pagefind.js", "teachers/poster/poster-a4.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert hook("csp").document_paths(tmp_path) == ["/", "/404.html", "/help/*", "/hu/*", "/index.html"], (
        "overrides/hooks/csp.py (document_paths): `/`, each top-level .html file, each top-level folder with a page")


# --- external_links.py --------------------------------------------------------------------

SITE = "https://grooming-awareness.example/"
REL = 'rel="noopener noreferrer"'
LINKS = [
    ("external link", '<a href="https://other.org/x">x</a>', f'<a href="https://other.org/x" {REL}>x</a>'),
    ("existing rel keeps its tokens", '<a rel="nofollow" href="https://o.org">x</a>',
     '<a rel="nofollow noopener noreferrer" href="https://o.org">x</a>'),
    ("existing rel with single quotes and one of the tokens", "<a href='https://o.org' rel='noreferrer external'>x</a>",
     "<a href='https://o.org' rel=\"noreferrer external noopener\">x</a>"),
    ("single-quoted href", "<a href='http://o.org/'>x</a>", f"<a href='http://o.org/' {REL}>x</a>"),
    ("self-closing tag", '<a href="https://o.org/"/>', f'<a href="https://o.org/" {REL}>'),
    ("upper-case tag and attributes", '<A HREF="https://o.org/">x</A>', f'<A HREF="https://o.org/" {REL}>x</A>'),
    ("the site itself", f'<a href="{SITE}help/">x</a>', f'<a href="{SITE}help/">x</a>'),
    ("relative link", '<a href="../help/#kek-vonal">x</a>', '<a href="../help/#kek-vonal">x</a>'),
    ("tel: and mailto:", '<a href="tel:116111">x</a><a href="mailto:a@b.hu">y</a>',
     '<a href="tel:116111">x</a><a href="mailto:a@b.hu">y</a>'),
    ("anchor without href", '<a id="top"></a>', '<a id="top"></a>'),
    ("<abbr> and <aside> are not links", '<abbr title="https://o.org">x</abbr><aside></aside>',
     '<abbr title="https://o.org">x</abbr><aside></aside>'),
    ("a title that mentions rel", """<a title="rel='x' here" href="https://o.org/">x</a>""",
     f"""<a title="rel='x' here" href="https://o.org/" {REL}>x</a>"""),
    ("a title with > in it", '<a title="a > b" href="https://o.org/">x</a>', f'<a title="a > b" href="https://o.org/" {REL}>x</a>'),
    ("a link in a comment stays as written", '<!-- <a href="https://o.org/">x</a> -->',
     '<!-- <a href="https://o.org/">x</a> -->'),
    ("an entity in the href", '<a href="https://o.org/?a=1&amp;b=2">x</a>',
     f'<a href="https://o.org/?a=1&amp;b=2" {REL}>x</a>'),
]


@pytest.mark.parametrize("given,expected", [case[1:] for case in LINKS], ids=[case[0] for case in LINKS])
def test_external_links_get_rel(given, expected):
    assert hook("external_links").add_rel(given, SITE) == expected, "overrides/hooks/external_links.py (add_rel)"


# --- quick_exit.py ------------------------------------------------------------------------

SKIP = '<a href="#quick-exit" class="quick-exit-skip" data-quick-exit-skip>Skip to quick exit</a>'
SKIP_LINKS = [
    ("moved from the header to the start of <body>",
     f'<body dir="ltr"><a href="#c" class="md-skip">Skip to content</a><header>{SKIP}\n  <nav></nav></header></body>',
     f'<body dir="ltr">\n{SKIP}<a href="#c" class="md-skip">Skip to content</a><header><nav></nav></header></body>'),
    ("attribute before the class, text with markup",
     '<body><header><a data-quick-exit-skip href="#q"><span>Skip</span></a></header></body>',
     '<body>\n<a data-quick-exit-skip href="#q"><span>Skip</span></a><header></header></body>'),
    ("a page without the link is left alone", "<body><p>x</p></body>", "<body><p>x</p></body>"),
]


@pytest.mark.parametrize("given,expected", [case[1:] for case in SKIP_LINKS], ids=[case[0] for case in SKIP_LINKS])
def test_quick_exit_skip_link_comes_first(given, expected):
    assert hook("quick_exit").move_skip_link_first(given, "page.md") == expected, "overrides/hooks/quick_exit.py"


def test_quick_exit_fails_loudly_without_a_body():
    with pytest.raises(PluginError, match="no <body>"):
        hook("quick_exit").move_skip_link_first(f"<div>{SKIP}</div>", "page.md")


# --- search_index.py ----------------------------------------------------------------------

INDEXABLE = [
    ("checklist label", '<li><label class="task-list-label"><input type="checkbox"> mood</LABEL></li>',
     '<li><span class="task-list-label"><input type="checkbox"> mood</span></li>'),
    ("other elements starting with 'label' stay", "<labels>x</labels><p>label</p>", "<labels>x</labels><p>label</p>"),
    ("a label in a script's text stays", '<script>s("<label>")</script><label for=a>b</label >',
     '<script>s("<label>")</script><span for=a>b</span >'),
]


@pytest.mark.parametrize("given,expected", [case[1:] for case in INDEXABLE], ids=[case[0] for case in INDEXABLE])
def test_search_index_copy_turns_labels_into_text(given, expected):
    assert hook("search_index").indexable_html(given) == expected, "overrides/hooks/search_index.py (indexable_html)"


def test_search_index_marks_the_article_once_and_fails_without_one():
    search_index = hook("search_index")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="help.md"))
    html = ('<article class="md-content__inner md-typeset">a</article>'
            '<article class="md-content__inner md-typeset">b</article>')
    assert search_index.on_post_page(html, page, None) == (
        '<article class="md-content__inner md-typeset" data-pagefind-body>a</article>'
        '<article class="md-content__inner md-typeset">b</article>')
    with pytest.raises(PluginError, match="help.md"):
        search_index.on_post_page('<article class="md-content__inner md-typeset-x">a</article>', page, None)
    # Attributes in another order, another class too, a comment that looks like the article.
    assert search_index.on_post_page('<!-- <article class="md-content__inner md-typeset"> -->'
                                     '<article data-x class="md-typeset md-content__inner wide">c</article>',
                                     page, None) == (
        '<!-- <article class="md-content__inner md-typeset"> -->'
        '<article data-x class="md-typeset md-content__inner wide" data-pagefind-body>c</article>')


# --- compact_html.py ----------------------------------------------------------------------

COMPACTED = [
    ("indentation between tags", "<ul>\n  <li>a</li>\n\n  <li>b</li>\n</ul>\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
    ("around text, inline", '<span class="md-ellipsis">\n    \n  \n    Kezdőlap\n  \n  </span>',
     '<span class="md-ellipsis">\nKezdőlap\n</span>'),
    ("spaces without a line break stay", "<p>a  b <b>c</b>  d</p>", "<p>a  b <b>c</b>  d</p>"),
    ("pre and code keep theirs", "<pre><code>if x:\n    y\n\n</code></pre>\n  <p>`<code>a\n  b</code>`</p>",
     "<pre><code>if x:\n    y\n\n</code></pre>\n<p>`<code>a\n  b</code>`</p>"),
    ("scripts and styles keep theirs", "<script>\n  var a = 1;\n</script>\n  <style>\n  a {}\n</style>",
     "<script>\n  var a = 1;\n</script>\n<style>\n  a {}\n</style>"),
    ("textarea keeps its text", "<textarea>\n  line\n</textarea>", "<textarea>\n  line\n</textarea>"),
    ("attributes and comments as written", '<a title="x\n   y">\n  z</a><!--\n   keep -->',
     '<a title="x\n   y">\nz</a><!--\n   keep -->'),
    ("entities as written", "<p>\n  &amp; &#8211;\n  </p>", "<p>\n&amp; &#8211;\n</p>"),
    ("after a self-closed code, text is compacted", "<code/>\n   x", "<code/>\nx"),
]


@pytest.mark.parametrize("given,expected", [case[1:] for case in COMPACTED], ids=[case[0] for case in COMPACTED])
def test_compact_html_leaves_out_indentation_only(given, expected):
    assert hook("compact_html").on_post_page(given, None, None) == expected, (
        "overrides/hooks/compact_html.py (site_tools.html_scan.without_indentation)")


# --- lean_assets.py -----------------------------------------------------------------------

MINIFIED = [
    (".css", "a {\n  color: red; /* why */\n}\n\n/* block\n comment */\nb { margin: 0 }\n", "a{color:red}b{margin:0}\n"),
    (".css", 'a::after { content: "/* not a comment */"; }', 'a::after{content:"/* not a comment */"}\n'),
    (".css", "a { background: url(data:image/svg+xml;utf8,<svg/>) }", "a{background:url(data:image/svg+xml;utf8,<svg/>)}\n"),
    (".js", "// why\nvar a = 1; // trailing\n/* block */\nvar b = 2;\n", "var a=1;var b=2;\n"),
    (".js", "var t = `\n// kept: inside a template literal\n`;", "var t=`\n// kept: inside a template literal\n`;\n"),
    (".js", 'var u = "https://example.org/*x*/";', 'var u="https://example.org/*x*/";\n'),
    (".js", "var r = /\\/\\/[a-z]*/g; // regex, not a comment", "var r=/\\/\\/[a-z]*/g;\n"),
]


@pytest.mark.parametrize("suffix,given,expected", MINIFIED, ids=[f"{c[0]}-{i}" for i, c in enumerate(MINIFIED)])
def test_lean_assets_minify(suffix, given, expected):
    assert hook("lean_assets").minify(given, suffix) == expected, "overrides/hooks/lean_assets.py (minify)"


def test_lean_assets_refuses_unknown_files():
    with pytest.raises(ValueError):
        hook("lean_assets").minify("x", ".html")


def _overrides(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_lean_assets_bundles_our_listed_files_in_order_in_place_of_the_first(tmp_path):
    lean = hook("lean_assets")
    overrides = _overrides(tmp_path, {"assets/s/a.css": "a { color: red } /* why */", "assets/s/b.css": "b { margin: 0 }",
                                      "assets/j/one.js": "(function () { one() })()", "assets/j/two.js": "(function () { two() })()",
                                      "assets/j/lazy.js": "export const x = 1;"})
    module = SimpleNamespace(path="assets/j/lazy.js", type="module", async_=False, defer=False)
    css, js, bundles = lean.plan(["https://cdn.example/x.css", "assets/s/a.css", "theirs/c.css", "assets/s/b.css"],
                                 ["assets/j/one.js", module, "assets/j/two.js"], overrides)
    name, content, sources = bundles[".css"]
    assert css == ["https://cdn.example/x.css", name, "theirs/c.css"] and sources == ["assets/s/a.css", "assets/s/b.css"], css
    assert content == "a{color:red}\nb{margin:0}\n", content
    assert name == lean.bundle_name(lean.CSS_BUNDLE, content) and name.startswith("assets/stylesheets/overrides."), name
    name, content, sources = bundles[".js"]
    assert js == [module], "a module script is left on its own; our plain scripts leave Material's list"
    # Joined with a semicolon: `})()` followed by `(function` would call the first one's result.
    assert content == "(function(){one()})();\n(function(){two()})()\n", content
    assert lean.plan([], [], overrides)[2] == {}, "nothing listed: no bundle"


def test_lean_assets_refuses_a_stylesheet_that_must_come_first(tmp_path):
    overrides = _overrides(tmp_path, {"a.css": "a { color: red }", "b.css": '@import "x.css";\nb { margin: 0 }'})
    with pytest.raises(PluginError, match="b.css"):
        hook("lean_assets").bundle(["a.css", "b.css"], ".css", overrides)


# --- i18n_pages.py, untranslated_pages.py, robots.py --------------------------------------

@pytest.mark.parametrize("current,expected", [("en", "https://example.org/repo/"), ("hu", "https://example.org/repo/hu/")])
def test_checklists_print_home_url_is_the_language_home(current, expected):
    if current not in {language.locale for language in project.languages()}:
        pytest.skip(f"this site does not build {current}")
    context = hook("checklists").on_page_context({}, None, building(current), None)
    assert context["print_home_url"] == expected, "overrides/hooks/checklists.py (on_page_context)"


def test_i18n_pages_hreflang_links_are_absolute_with_x_default():
    page = SimpleNamespace(file=SimpleNamespace(alternates={
        "en": SimpleNamespace(url="./"), "hu": SimpleNamespace(url="hu/"),
    }))
    config = SimpleNamespace(site_url="https://example.org/repo/", plugins={"i18n": SimpleNamespace(default_language="en")})
    context = hook("i18n_pages").on_page_context({}, page, config, None)
    assert context["hreflang_links"] == [
        {"hreflang": "en", "href": "https://example.org/repo/"},
        {"hreflang": "hu", "href": "https://example.org/repo/hu/"},
        {"hreflang": "x-default", "href": "https://example.org/repo/"},
    ], "overrides/hooks/i18n_pages.py (on_page_context)"


def test_i18n_pages_names_no_pending_page_as_an_alternate(tmp_path):
    """A page still waiting for its translation is the English text: not "this page in Arabic"."""
    sources = {}
    for locale, front in (("en", ""), ("sk", "title: x\n"), ("ar", "translation_status: untranslated\n")):
        sources[locale] = tmp_path / locale / "help.md"
        sources[locale].parent.mkdir()
        sources[locale].write_text(f"---\n{front}---\n\n# Help\n", encoding="utf-8")
    files = {locale: SimpleNamespace(url=f"{'' if locale == 'en' else locale + '/'}help/", abs_src_path=str(path))
             for locale, path in sources.items()}
    config = SimpleNamespace(site_url="https://example.org/", plugins={"i18n": SimpleNamespace(default_language="en")})
    links = {}
    for locale in ("en", "ar"):
        page = SimpleNamespace(file=SimpleNamespace(alternates=files, abs_src_path=files[locale].abs_src_path))
        links[locale] = [link["hreflang"] for link in hook("i18n_pages").on_page_context({}, page, config, None)["hreflang_links"]]
    assert links == {"en": ["en", "sk", "x-default"], "ar": ["en", "sk", "ar", "x-default"]}, (
        "overrides/hooks/i18n_pages.py (on_page_context): a pending page is named only on itself")


@pytest.mark.parametrize("status,current,wrapped", [
    ("untranslated", "hu", True),
    ("untranslated", "en", False),  # the default language's own page is not a copy
    (None, "hu", False),
])
def test_untranslated_pages_wrap_the_article_in_the_default_language(status, current, wrapped):
    if current not in {language.locale for language in project.languages()}:
        pytest.skip(f"this site does not build {current}")
    page = SimpleNamespace(meta={"translation_status": status} if status else {})
    html = hook("untranslated_pages").on_page_content("<p>text</p>", page, building(current), None)
    # dir="ltr": in a right-to-left language the English text must still read left to right;
    # the Pagefind filter lets site-search.js list pending pages after translated ones.
    expected = ('<div lang="en" dir="ltr" class="untranslated-content" data-pagefind-filter="translation:pending">'
                '\n<p>text</p>\n</div>') if wrapped else "<p>text</p>"
    assert html == expected, "overrides/hooks/untranslated_pages.py"


# --- text_direction.py: dir on <html> ----------------------------------------------------------

ROOT_DIRECTION = [
    ("Material's Arabic page",
     '<!doctype html>\n<html lang="ar" class="no-js">\n<head></head>\n<body dir="rtl" data-md-color-scheme="default">',
     '<!doctype html>\n<html lang="ar" class="no-js" dir="rtl">\n<head></head>\n<body dir="rtl" data-md-color-scheme="default">'),
    ("a left-to-right page gets ltr",
     '<html lang="en" class="no-js"><body dir="ltr">', '<html lang="en" class="no-js" dir="ltr"><body dir="ltr">'),
    ("<html> that has a dir keeps it", '<html dir="ltr" lang="ar"><body dir="rtl">', '<html dir="ltr" lang="ar"><body dir="rtl">'),
    ("dir on an element inside the body is not the page's",
     '<html lang="ar"><body class="x"><div dir="ltr">', '<html lang="ar"><body class="x"><div dir="ltr">'),
]


@pytest.mark.parametrize("case,given,expected", ROOT_DIRECTION, ids=[case[0] for case in ROOT_DIRECTION])
def test_text_direction_puts_the_body_direction_on_html(case, given, expected):
    assert hook("text_direction").with_root_direction(given) == expected, (
        f"overrides/hooks/text_direction.py (with_root_direction): {case}")


def test_text_direction_isolates_numbers_in_the_table_of_contents():
    isolate = hook("text_direction").isolate_numbers_in_text
    assert isolate("الطوارئ: 06 80 20 55 20") == "الطوارئ: \u206606 80 20 55 20\u2069", "overrides/hooks/text_direction.py"
    assert isolate("Kids Help Phone: 1-800-668-6868") == "Kids Help Phone: \u20661-800-668-6868\u2069"
    assert isolate("112 (2017)") == "112 (2017)", "a single number keeps its order in any direction: left alone"


@pytest.mark.parametrize("site_url,expected", [
    ("https://example.org/repo/", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/repo/sitemap.xml\n"),
    (None, "User-agent: *\nAllow: /\n"),
])
def test_robots_txt(site_url, expected):
    assert hook("robots").robots_txt(site_url) == expected, "overrides/hooks/robots.py"


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
        <loc>https://e.org/help/</loc>
        <lastmod>2026-12-05</lastmod>
        <xhtml:link rel="alternate" hreflang="en" href="https://e.org/help/"/>
        <xhtml:link rel="alternate" hreflang="ar" href="https://e.org/ar/help/"/>
    </url>
    <url>
        <loc>https://e.org/ar/help/</loc>
        <xhtml:link rel="alternate" hreflang="en" href="https://e.org/help/"/>
        <xhtml:link rel="alternate" hreflang="ar" href="https://e.org/ar/help/"/>
    </url>
</urlset>"""


def test_robots_sitemap_leaves_out_the_pages_and_the_alternates_naming_them():
    assert hook("robots").without_pages(SITEMAP, {"https://e.org/ar/help/"}) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        "    <url>\n"
        "        <loc>https://e.org/help/</loc>\n"
        "        <lastmod>2026-12-05</lastmod>\n"
        '        <xhtml:link rel="alternate" hreflang="en" href="https://e.org/help/" />\n'
        "    </url>\n"
        "</urlset>\n"), "overrides/hooks/robots.py (without_pages)"


@pytest.mark.parametrize("html,noindex", [
    ('<head><meta name="robots" content="noindex"></head>', True),
    ("<head><META CONTENT='NOINDEX, follow' NAME=Robots></head>", True),
    ('<head><meta name="description" content="noindex"></head>', False),
    ('<head><!-- <meta name="robots" content="noindex"> --></head>', False),
    ('<body><script>var m = \'<meta name="robots" content="noindex">\';</script></body>', False),
])
def test_robots_reads_noindex_as_a_browser_does(html, noindex):
    assert hook("robots").asks_not_to_be_indexed(html) is noindex, "overrides/hooks/robots.py (asks_not_to_be_indexed)"
