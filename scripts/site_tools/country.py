"""The Markdown markers that put the country's data (site_tools.country_data) on pages.

A language is not a country: helplines, the emergency number, the quick-exit destination
and the line printed under checklists belong to the country the site serves
(data/countries/<CODE>.yml). Pages place contacts with markers that the build
(overrides/hooks/country.py) replaces with Markdown:

    [[contact ROLE]]     name(s) linked to the Help page entry, with the main number:
                         "Kék Vonal on 116 111" (several contacts: "A or B")
    [[phone ROLE]]       the main number only, as a tel: link
    [[name ROLE]]        the linked name(s), no number
    [[summary ROLE]]     a short phrase of facts ("free, 24/7")
    [[reach ROLE]]       name and how to reach it on paper: its number, or its web address
                         ("NMHH Internet Hotline: nmhh.hu/internethotline"), for posters
    [[country]]          the country's name
    [[contacts country]] / [[contacts international]]   the Help page's contact sections
    [[sources country]]  / [[sources international]]    their sources, as one list of links

Two kinds of passage are shown only on some sites:

- text that holds for one country only, between `<!-- country: HU: why -->` and
  `<!-- /country -->` lines: shown only when the site serves that country (and listed by
  scripts/country_status.py, so a fork knows what to write for its own country);
- text about a contact of an optional role (data/roles.yml), between `<!-- role: ROLE -->`
  and `<!-- /role -->` lines: shown only when the country has a contact with that role.

Numbers, web addresses and e-mail addresses are always laid out left to right: every one a
marker renders is wrapped in `<bdi dir="ltr">` (`isolate_ltr`), and so is every run of digits
with spaces or hyphens in a data text (`isolate_numbers`). Without that, a number that follows
Arabic or Hebrew text is reordered by the Unicode bidirectional algorithm: "116 111" shows
as "111 116", "1-800-668-6868" as "6868-668-800-1", on screen and on paper. The print line is
given as parts (`print_line_parts`) so that partials/print-footer.html isolates its numbers too.

Everything here is also what tests and the PDF check use to expand pages, so what they
compare is what the build renders.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .country_data import MARKER, CountryData, CountryDataError, Contact, Phone, load_cached

HELP_PAGE = "help.md"

# `<!-- country: HU: why -->`: the two-letter code of the country the passage is about.
COUNTRY_OPEN = re.compile(r"^[ \t]*<!--[ \t]*country:[ \t]*(?P<rest>.*?)[ \t]*-->[ \t]*$")
_COUNTRY_CODE = re.compile(r"^(?P<code>[A-Z]{2})\b[ \t]*[:–—-]?[ \t]*(?P<why>.*)$")
COUNTRY_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/country[ \t]*-->[ \t]*$")
# `<!-- role: adult-support -->`: shown only when the country has a contact with that role.
ROLE_OPEN = re.compile(r"^[ \t]*<!--[ \t]*role:[ \t]*(?P<role>[a-z0-9-]+)[ \t]*-->[ \t]*$")
ROLE_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/role[ \t]*-->[ \t]*$")


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Passage:
    first: int  # line of the opening comment
    last: int  # line of the closing comment
    code: str  # the country it is about ("HU"), or the role ("adult-support")
    why: str
    kind: str = "country"  # or "role"


_KINDS = {"country": (COUNTRY_OPEN, COUNTRY_CLOSE), "role": (ROLE_OPEN, ROLE_CLOSE)}


def passages(text: str, where: str = "") -> list[Passage]:
    """Every country passage and role passage of a page, in order of their closing line.
    A role passage may sit inside a country passage and the other way round; a passage
    never holds another of its own kind."""
    spans: list[Passage] = []
    open_at: dict[str, tuple] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for kind, (opening_rule, closing_rule) in _KINDS.items():
            opening = opening_rule.match(line)
            if opening:
                if kind in open_at:
                    raise CountryDataError(f"{where}:{number}: `<!-- {kind}: ... -->` inside another one "
                                           f"(opened on line {open_at[kind][0]}); close the first with "
                                           f"`<!-- /{kind} -->`")
                if kind == "country":
                    code = _COUNTRY_CODE.match(opening.group("rest"))
                    if not code:
                        raise CountryDataError(
                            f"{where}:{number}: `<!-- country: {opening.group('rest')} -->` needs the country's "
                            "two-letter code first, e.g. `<!-- country: HU: Hungarian law -->`")
                    open_at[kind] = (number, code.group("code"), code.group("why"))
                else:
                    open_at[kind] = (number, opening.group("role"), "")
            elif closing_rule.match(line):
                if kind not in open_at:
                    raise CountryDataError(f"{where}:{number}: `<!-- /{kind} -->` without an opening "
                                           f"`<!-- {kind}: ... -->`")
                first, code, why = open_at.pop(kind)
                spans.append(Passage(first, number, code, why, kind))
    for kind, (first, _code, _why) in open_at.items():
        raise CountryDataError(f"{where}:{first}: `<!-- {kind}: ... -->` is never closed; add `<!-- /{kind} -->`")
    return spans


def country_sections(text: str, where: str = "") -> list[Passage]:
    """Every `<!-- country: HU: why -->` ... `<!-- /country -->` passage of a page."""
    return [passage for passage in passages(text, where) if passage.kind == "country"]


def site_text(text: str, data: CountryData, where: str = "") -> str:
    """The page for this site: other countries' passages and the passages of roles the
    country has no contact for left out; the comment lines of the rest dropped."""
    lines = text.split("\n")
    shown = []
    dropped: set[int] = set()
    for passage in passages(text, where):
        keep = passage.code == data.code if passage.kind == "country" else data.has_role(passage.code)
        if keep:
            shown.append(passage)
        else:
            dropped.update(range(passage.first, passage.last + 1))
    for passage in shown:
        dropped.update((passage.first, passage.last))
    return "\n".join(line for number, line in enumerate(lines, start=1) if number not in dropped)


def markers(text: str) -> list[tuple[int, str, str | None]]:
    """(line, kind, argument) of every marker in a page."""
    return [(number, m.group("kind"), m.group("arg"))
            for number, line in enumerate(text.splitlines(), start=1) for m in MARKER.finditer(line)]


def display_url(url: str) -> str:
    """A web address as printed for people to type: no scheme, no "www.", no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def plain_text(markdown: str) -> str:
    """Markdown links reduced to their text and inline HTML tags removed (for meta descriptions)."""
    return re.sub(r"</?bdi\b[^>]*>", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown))


def isolate_ltr(text: str) -> str:
    """Inline HTML (valid inside Markdown and inside a link's text) that lays `text` out left to
    right whatever the direction around it: phone numbers, web and e-mail addresses."""
    return f'<bdi dir="ltr">{html.escape(text, quote=False)}</bdi>'


# A number written in groups ("116 111", "06 80 20 55 20", "1-800-668-6868", "+36 1 234 5678"):
# the groups of a number that follows right-to-left text are reordered unless it is isolated.
# Single numbers ("112", "24/7", "2017") keep their order and are left alone.
PHONE_LIKE = re.compile(r"\+?\d+(?:[ \u00a0\u202f\-\u2010\u2011]\d+)+")
# Left as they are: link targets, markers, placeholders and HTML tags inside data texts.
_NOT_TEXT = re.compile(r"\]\([^)]*\)|\[\[[^\]]*\]\]|\{[^}]*\}|<[^>]*>")


def isolate_numbers(text: str) -> str:
    """Every number written in groups in a data text wrapped by isolate_ltr (link targets,
    markers and tags untouched)."""
    out, start = [], 0
    for skipped in _NOT_TEXT.finditer(text):
        out.append(PHONE_LIKE.sub(lambda m: isolate_ltr(m.group(0)), text[start:skipped.start()]))
        out.append(skipped.group(0))
        start = skipped.end()
    out.append(PHONE_LIKE.sub(lambda m: isolate_ltr(m.group(0)), text[start:]))
    return "".join(out)


def help_link(page: str, anchor: str) -> str:
    """Relative link from a page (docs-relative path) to an entry of the Help page."""
    if page == HELP_PAGE:
        return f"#{anchor}"
    depth = page.count("/")
    return "../" * depth + f"{HELP_PAGE}#{anchor}"


class Renderer:
    """Renders markers for one page in one language.

    `fallback` is the default language: used for a missing text only when the page is still
    pending translation (it shows the default language's text anyway); otherwise a missing
    text is an error naming the data file, contact and key.

    `pending`: the page is still the default language's text, so its markers render the
    default language's data texts as well (an English sentence keeps English contact texts,
    and in an Arabic site no Arabic phrase lands inside it); the print line under the page
    stays in the page's language (site chrome).
    """

    def __init__(self, data: CountryData, locale: str, fallback: str | None, ui: dict | None,
                 page: str = "", where: str = "", allow_fallback: bool = False, pending: bool = False):
        self.data, self.locale, self.fallback = data, locale, fallback
        self.ui = {k: v for k, v in (ui or {}).items() if isinstance(v, str)}
        self.page, self.where, self.allow_fallback = page, where or page, allow_fallback
        self.pending = pending
        self._chrome = False  # True while the print line (the page's language) is rendered

    # texts ---------------------------------------------------------------------------

    def text(self, value, what: str) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            if self.pending and not self._chrome and self.fallback in value:
                return value[self.fallback]
            if self.locale in value:
                return value[self.locale]
            if self.allow_fallback and self.fallback in value:
                return value[self.fallback]
        raise CountryDataError(
            f"{what} has no {self.locale!r} text (needed by {self.where or 'the site'}); add `{self.locale}: ...` "
            f"to it, or to data/translations/{self.locale}.yml for a data file your site does not own "
            f"(scripts/translation_status.py texts --lang {self.locale} lists every missing text), or keep the "
            "page marked `translation_status: untranslated` until it is translated")

    def _ctext(self, contact: Contact, key: str, markup: bool = True) -> str | None:
        """A contact's text in this language, {phone} filled in; markup=True: for a page, with
        its numbers isolated (isolate_numbers), False: plain text."""
        value = contact.get(key)
        if value is None:
            return None
        text = self.text(value, f"{contact.file}: contact {contact.id!r} `{key}`")
        if markup:
            text = isolate_numbers(text)
        if "{phone}" in text:
            if not contact.phones:
                raise CountryDataError(f"{contact.file}: contact {contact.id!r} `{key}` says {{phone}} but has no `phones`")
            display = contact.phones[0].display
            text = text.replace("{phone}", isolate_ltr(display) if markup else display)
        return text

    # inline pieces -------------------------------------------------------------------

    def _contacts_for(self, role: str | None, line_hint: str) -> list[Contact]:
        if not role:
            raise CountryDataError(f"{line_hint}: this marker needs a role, e.g. [[contact child-helpline]]")
        found = self.data.by_role(role)
        if not found:
            known = self.data.roles
            if role not in known:
                raise CountryDataError(f"{line_hint}: unknown role {role!r}; known roles: {', '.join(known)} "
                                       "(data/roles.yml)")
            raise CountryDataError(
                f"{line_hint}: no contact in {self.data.files['country']} has the role {role!r} "
                f"({known[role].description}). The role is optional: put the sentence between "
                f"`<!-- role: {role} -->` and `<!-- /role -->` lines, in every language, so that it is left out "
                "when the country has no such contact")
        return found

    @staticmethod
    def phone_link(phone: Phone) -> str:
        return f"[{isolate_ltr(phone.display)}](tel:{phone.dial})"

    @staticmethod
    def web_link(url: str) -> str:
        """A web address as people type it, linked: "nmhh.hu/internethotline"."""
        return f"[{isolate_ltr(display_url(url))}]({url})"

    @staticmethod
    def email_link(email: str) -> str:
        return f"[{isolate_ltr(email)}](mailto:{email})"

    def sms_line(self, sms: dict) -> str:
        """A text-message line: the number linked (sms:), and the word to send when there is one."""
        link = f"[{isolate_ltr(sms['number'])}](sms:{sms['number']})"
        if not sms.get("keyword"):
            return link
        keyword = f"<bdi>{html.escape(sms['keyword'], quote=False)}</bdi>"
        return self.ui["contact_sms_keyword"].format(keyword=keyword, number=link)

    def name_link(self, contact: Contact) -> str:
        return f"[{self._ctext(contact, 'name')}]({help_link(self.page, contact.id)})"

    def _join(self, parts: list[str]) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {self.ui['contact_or']} " + parts[-1]

    def inline(self, kind: str, arg: str | None, line_hint: str) -> str:
        if kind == "country":
            return self.text(self.data.name, f"{self.data.files['country']}: file `country.name`")
        if kind in ("contacts", "sources"):
            if arg not in ("country", "international"):
                raise CountryDataError(f"{line_hint}: [[{kind} ...]] takes `country` or `international`")
            return self.contact_sections(arg) if kind == "contacts" else self.sources(arg)
        contacts = self._contacts_for(arg, line_hint)
        if kind == "phone":
            with_phone = [c for c in contacts if c.phones]
            if not with_phone:
                raise CountryDataError(f"{line_hint}: [[phone {arg}]]: no {arg!r} contact in "
                                       f"{self.data.files['country']} has a phone number; use [[contact {arg}]]")
            return self.phone_link(with_phone[0].phones[0])
        if kind == "name":
            return self._join([self.name_link(c) for c in contacts])
        if kind == "reach":
            parts = []
            for contact in contacts:
                online = contact.get("online")
                if contact.phones:
                    how = self.phone_link(contact.phones[0])
                elif online:
                    how = self.web_link(online["url"])
                elif contact.get("sms"):
                    how = self.sms_line(contact.get("sms")[0])
                else:
                    how = self.email_link(contact.get("email"))
                parts.append(f"{self.name_link(contact)}{self.ui['colon']} {how}")
            return self._join(parts)
        if kind == "summary":
            texts = [self._ctext(c, "summary") for c in contacts if c.get("summary") is not None]
            if not texts:
                raise CountryDataError(f"{line_hint}: [[summary {arg}]]: give the {arg!r} contact a `summary` "
                                       f"in {self.data.files['country']}")
            return texts[0]
        parts = []
        for contact in contacts:  # kind == "contact"
            if contact.phones:
                parts.append(self.ui["contact_with_phone"].format(
                    name=self.name_link(contact), phone=self.phone_link(contact.phones[0])))
            else:
                parts.append(self.name_link(contact))
        return self._join(parts)

    def expand(self, markdown: str, line_offset: int = 0) -> str:
        """Replace every marker (twice over, so texts in the data may use markers too)."""
        def replace_line(number: int, line: str) -> str:
            hint = f"{self.where}:{number + line_offset}" if self.where else f"line {number}"
            return MARKER.sub(lambda m: self.inline(m.group("kind"), m.group("arg"), hint), line)

        lines = markdown.split("\n")
        out = [replace_line(n, line) for n, line in enumerate(lines, start=1)]
        text = "\n".join(out)
        if MARKER.search(text):  # markers that came from the data's own texts
            text = MARKER.sub(lambda m: self.inline(m.group("kind"), m.group("arg"), self.where), text)
        return text

    def render_page(self, markdown: str) -> str:
        return self.expand(site_text(markdown, self.data, self.where))

    # the Help page -------------------------------------------------------------------

    def checked(self, contact: Contact) -> str:
        from babel.dates import format_skeleton

        try:
            return format_skeleton("yMMMM", contact.get("verified_on"), locale=self.locale.replace("-", "_"))
        except Exception:  # a locale babel does not know: ISO month
            return contact.get("verified_on").strftime("%Y-%m")

    def _online(self, contact: Contact) -> str:
        online = contact.get("online")
        label = self.text(online["label"], f"{contact.file}: contact {contact.id!r} `online.label`")
        # The label is often the address itself ("kek-vonal.hu"), sometimes words: <bdi>
        # without dir isolates it and takes the direction of its first letter.
        link = f"[<bdi>{html.escape(label, quote=False)}</bdi>]({online['url']})"
        if online.get("text") is None:
            return link
        text = isolate_numbers(self.text(online["text"], f"{contact.file}: contact {contact.id!r} `online.text`"))
        return text.replace("{link}", link)

    def contact_section(self, contact: Contact) -> str:
        ui = self.ui
        lines = [f"### {self._ctext(contact, 'title')} {{#{contact.id}}}", ""]
        purpose = self._ctext(contact, "for")
        note = self.data.international_notes.get(contact.id)
        if note is not None:
            purpose += " " + isolate_numbers(
                self.text(note, f"{self.data.files['country']}: file `international_notes.{contact.id}`"))
        label = ui["contact_for_who"] if contact.get("for_who") else ui["contact_for"]
        lines.append(f"- **{label}{ui['colon']}** {purpose}")
        if contact.get("operator") is not None:
            lines.append(f"- **{ui['contact_operator']}{ui['colon']}** {self._ctext(contact, 'operator')}")
        if contact.get("ages") is not None:
            lines.append(f"- **{ui['contact_ages']}{ui['colon']}** {self._ctext(contact, 'ages')}")
        plain = [(i, p) for i, p in enumerate(contact.phones) if p.label is None]
        if plain:
            numbers = []
            for index, phone in plain:
                shown = self.phone_link(phone)
                if phone.note is not None:
                    shown += " " + isolate_numbers(
                        self.text(phone.note, f"{contact.file}: contact {contact.id!r} `phones[{index}].note`"))
                numbers.append(shown)
            phone_line = f" {ui['contact_or']} ".join(numbers)
            if contact.get("phone_note") is not None:
                phone_line += ", " + self._ctext(contact, "phone_note")
            lines.append(f"- **{ui['contact_phone']}{ui['colon']}** {phone_line}")
        for sms in contact.get("sms") or []:
            lines.append(f"- **{ui['contact_sms']}{ui['colon']}** {self.sms_line(sms)}")
        if contact.get("online") is not None:
            lines.append(f"- **{ui['contact_online']}{ui['colon']}** {self._online(contact)}")
        if contact.get("email") is not None:
            lines.append(f"- **{ui['contact_email']}{ui['colon']}** {self.email_link(contact.get('email'))}")
        for index, phone in enumerate(contact.phones):
            if phone.label is not None:
                label = isolate_numbers(
                    self.text(phone.label, f"{contact.file}: contact {contact.id!r} `phones[{index}].label`"))
                lines.append(f"- **{label}{ui['colon']}** {self.phone_link(phone)}")
        for key, label in (("in_person", "contact_in_person"), ("anonymous", "contact_anonymous"),
                           ("hours", "contact_hours"), ("cost", "contact_cost")):
            if contact.get(key) is not None:
                lines.append(f"- **{ui[label]}{ui['colon']}** {self._ctext(contact, key)}")
        sources = ", ".join(self._source_link(contact.file, f"contact {contact.id!r} `sources[{i}].title`", s)
                            for i, s in enumerate(contact.get("sources")))
        lines.append(f"- **{ui['contact_last_checked']}{ui['colon']}** {self.checked(contact)} · "
                     f"{ui['contact_source']}{ui['colon']} {sources}")
        return "\n".join(lines)

    def _source_link(self, file: str, what: str, source: dict) -> str:
        return f"[{self.text(source['title'], f'{file}: {what}')}]({source['url']})"

    def contact_sections(self, which: str) -> str:
        return "\n\n".join(self.contact_section(c) for c in self.data.group(which))

    def sources(self, which: str) -> str:
        seen, links = set(), []
        for contact in self.data.group(which):
            for source in contact.get("sources"):
                if source["url"] not in seen:
                    seen.add(source["url"])
                    links.append(self._source_link(contact.file, f"contact {contact.id!r} `sources`", source))
        for source in self.data.more_sources[which]:
            if source["url"] not in seen:
                seen.add(source["url"])
                links.append(self._source_link(self.data.files[which], "file `more_sources`", source))
        return ", ".join(links)

    # print ---------------------------------------------------------------------------

    def print_line_parts(self) -> list[dict]:
        """The line printed under checklists as parts, [{"text": ..., "ltr": bool}], in order:
        partials/print-footer.html escapes each text and isolates the `ltr` ones (the numbers)."""
        self._chrome = True
        try:
            return self._print_line_parts()
        finally:
            self._chrome = False

    def _print_line_parts(self) -> list[dict]:
        parts: list[dict] = []
        for number, cid in enumerate(self.data.print_line):
            contact = self.data.by_id(cid)
            name = self._ctext(contact, "print_name", markup=False) if contact.get("print_name") is not None \
                else self._ctext(contact, "name", markup=False)
            summary = self._ctext(contact, "print_summary", markup=False)
            template = self.ui["print_contact"] if summary else self.ui["print_contact_short"]
            if number:
                parts.append({"text": " · ", "ltr": False})
            values = {"name": name, "phone": contact.phones[0].display, "summary": summary or ""}
            for piece in re.split(r"(\{(?:name|phone|summary)\})", template):
                key = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
                if key in values:
                    parts += _text_parts(values[key], ltr=key == "phone")
                elif piece:
                    parts.append({"text": piece, "ltr": False})
        return parts

    def print_line(self) -> str:
        """Plain text: "Emergency: 112 · Kék Vonal: 116 111, free, 24/7"."""
        return "".join(part["text"] for part in self.print_line_parts())


def _text_parts(text: str, ltr: bool) -> list[dict]:
    """A text as print-line parts: all of it left to right (a number), or its numbers written
    in groups isolated (a name or summary from the data)."""
    if ltr:
        return [{"text": text, "ltr": True}]
    parts, start = [], 0
    for match in PHONE_LIKE.finditer(text):
        if match.start() > start:
            parts.append({"text": text[start:match.start()], "ltr": False})
        parts.append({"text": match.group(0), "ltr": True})
        start = match.end()
    if start < len(text):
        parts.append({"text": text[start:], "ltr": False})
    return parts


def marker_strings(ui: dict | None, default_ui: dict | None, pending: bool) -> dict:
    """The interface strings markers are written with on a page. A page pending translation
    is the default language's text, so its markers read in that language too ("Kék Vonal on
    116 111", not an Arabic "على الرقم" inside an English sentence); the print line under it
    (print_contact ...) stays in the page's language, like the rest of the site chrome."""
    ui = dict(ui or {})
    if pending:
        ui.update({key: value for key, value in (default_ui or {}).items() if key.startswith("contact_")})
    return ui


def renderer_for(locale: str, page: str = "", pending: bool = False, data: CountryData | None = None,
                 config_file: str | None = None) -> Renderer:
    """A renderer outside a build (tests, tools): the language's interface strings as the build has them."""
    from . import project

    languages = project.languages(config_file)
    default = languages[0].locale
    language = next((lang for lang in languages if lang.locale == locale), None)
    ui = (language.extra or {}).get("ui", {}) if language else {}
    ui = marker_strings(ui, (languages[0].extra or {}).get("ui", {}), pending)
    return Renderer(data or load_cached(), locale, default, ui, page=page,
                    where=f"docs/{locale}/{page}" if page else "", allow_fallback=pending,
                    pending=pending and locale != default)
