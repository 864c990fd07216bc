"""The Markdown reader (site_tools.markdown_outline) reads pages the way the build does.

Parity, the print/PDF checks and the translation tools count headings, checklist items and
links with it, so it must see what Python-Markdown with the site's extensions renders, not
what a line merely looks like. Two oracles that share no code with the reader:

* Python-Markdown itself, called here with mkdocs.yml's extension list, on small inputs
  whose results are also written down literally;
* the built site: every page's article, as MkDocs rendered it, has the headings, checklist
  items and phone/e-mail/web links that the reader finds in its source.

A failure here means site_tools/markdown_outline.py disagrees with the build: fix the
reader, not the expected values (they are what pymdownx renders).
"""

from __future__ import annotations

from collections import Counter

import markdown
import pytest
from bs4 import BeautifulSoup

from site_tools import country, country_data, project
from site_tools.built import parse_html
from site_tools.checklists import task_items
from site_tools.markdown_outline import outline_text

LANGUAGES = project.languages()
CONFIG = project.load_mkdocs_config()

# The review's example: lines that look like task items but are not ones for Python-Markdown.
LOOKALIKES = "- [ ] one [link](x.md)\n* [x] two\n+ [X] *three*\n1. [ ] four\n2) [ ] five\n- [] not an item\n- [ ]\n"


def _pymdownx_items(text: str) -> list[str]:
    """Task items as Python-Markdown + pymdownx.tasklist render them (an independent call)."""
    html = markdown.markdown(text, extensions=list(CONFIG.markdown_extensions), extension_configs=CONFIG.mdx_configs)
    items = BeautifulSoup(html, "html.parser").select("li.task-list-item")
    return [" ".join(item.get_text(" ").split()) for item in items]


def test_task_items_are_read_as_pymdownx_reads_them():
    rendered = _pymdownx_items(LOOKALIKES)
    # Literal: what pymdownx 13 renders. `2) [ ] five` is a lazy continuation line of item
    # four; `- [] x` and an empty `- [ ]` are plain list items.
    assert rendered == ["one link", "two", "three", "four 2) [ ] five"], rendered
    assert task_items(LOOKALIKES) == rendered, (
        "site_tools.checklists.task_items must read task items as pymdownx renders them")
    outline = outline_text(LOOKALIKES, "x.md")
    assert [(line, text) for line, _, text in outline.tasks] == [
        (1, "one link"), (2, "two"), (3, "three"), (4, "four 2) [ ] five")], outline.tasks


def test_code_and_lookalikes_are_not_read_as_structure():
    text = ("---\ndescription: d\n---\n# Title\n\n"          # lines 1-5
            "```\n## not a heading\n- [ ] not an item\n[not a link](nowhere.md)\n```\n\n"  # 6-11
            "    [indented code](nowhere-either.md)\n\n"       # 12-13
            "## Real {#real}\n\n"                               # 14-15
            "Text with `[code](nope.md)` and [a link](help.md#where) and <https://example.org/x>.\n\n"  # 16-17
            "- [ ] a real item\n\n"                             # 18-19
            "!!! note \"Title\"\n    - [x] inside a note, see [there](about.md)\n")  # 20-21
    outline = outline_text(text, "x.md", "docs/en/x.md")
    assert [(h.level, h.text, h.id, h.line) for h in outline.headings] == [(1, "Title", None, 4), (2, "Real", "real", 14)]
    assert [(line, section, item) for line, section, item in outline.tasks] == [
        (18, 1, "a real item"), (21, 1, "inside a note, see there")]
    assert [(link.line, link.target, link.kind) for link in outline.links] == [
        (16, "help.md#where", "internal"), (16, "https://example.org/x", "external"), (21, "about.md", "internal")]
    assert outline.headings[1].show() == "`## Real {#real}`"


def _article(html_path):
    return parse_html(html_path).select_one("article.md-content__inner")


PAGES = [(language, page) for language in LANGUAGES for page in project.page_paths(language)]


def test_outlines_match_the_built_pages(site_dir):
    """Each page's outline (of the Markdown the country hook hands to Python-Markdown) has
    exactly the headings, task items per section and tel:/mailto:/web links of its built article."""
    data = country_data.load_cached()
    problems = []
    for language, page in PAGES:
        where = language.source_file(page)
        source = (language.docs_dir / page).read_text(encoding="utf-8")
        pending = "translation_status: untranslated" in source
        markdown_text = country.renderer_for(language.locale, page, pending=pending, data=data).render_page(source)
        outline = outline_text(markdown_text, page, where)
        article = _article(project.built_html_path(site_dir, language, page))
        if article is None:
            problems.append(f"{where}: the built page has no article")
            continue
        built_headings = [(int(h.name[1]), " ".join(h.get_text(" ").split()))
                          for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        read = [(h.level, " ".join(h.text.split())) for h in outline.headings]
        if [level for level, _ in built_headings] != [level for level, _ in read]:
            problems.append(f"{where}: headings read {read}, built {built_headings}")
        for heading in outline.headings:
            if heading.id and article.find(id=heading.id) is None:
                problems.append(f"{outline.where(heading.line)}: id {heading.id!r} is not in the built page")
        sections, count = [], 0
        for element in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "li"]):
            if element.name != "li":
                sections.append(count)
                count = 0
            elif "task-list-item" in (element.get("class") or []):
                count += 1
        sections.append(count)
        if sections != outline.tasks_per_section():
            problems.append(f"{where}: task items per section read {outline.tasks_per_section()}, built {sections}")
        built_links = Counter(a["href"] for a in article.select("a[href]")
                              if a["href"].startswith(("tel:", "mailto:", "http://", "https://")))
        read_links = Counter(link.target for link in outline.links
                             if not link.image and link.kind in ("tel", "mailto", "external"))
        if built_links != read_links:
            problems.append(f"{where}: phone/e-mail/web links read but not built: {dict(read_links - built_links)}; "
                            f"built but not read: {dict(built_links - read_links)}")
    assert not problems, "site_tools/markdown_outline.py reads pages differently from the build:\n" + "\n".join(problems)


@pytest.mark.parametrize("text,expected", [
    ("- [ ] Call [[contact child-helpline]] now\n", ["Call [[contact child-helpline]] now"]),
    ("1. [ ] numbered\n2. [x] **bold** and `code`\n", ["numbered", "bold and code"]),
    ("- [ ] loose one\n\n- [ ] loose two\n    - [ ] nested\n", ["loose one", "loose two", "nested"]),
    ("Text\n\n- plain item\n- [ ]\n", []),
], ids=["marker", "ordered-inline", "loose-nested", "none"])
def test_task_item_texts_are_what_the_reader_sees(text, expected):
    assert task_items(text) == expected
    assert len(_pymdownx_items(text)) == len(expected), "pymdownx renders a different number of task items"
