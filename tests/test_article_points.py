"""Every point of the NMHH source article must appear on how-grooming-works.md.

The site's "How online grooming works" page mirrors NMHH's article "How does online
grooming work?" (15 November 2017). This test checks, in each language, that every
point of the article (plus the framing added from NSPCC Learning) is still covered,
so a later edit cannot silently drop one.

Each point has its own phrases per language (regular expressions, case-insensitive;
any one of them is enough). They are deliberately not translations of one string:
write them to match how the point is naturally phrased in that language.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = "how-grooming-works.md"
LANGUAGES = ("en", "hu")

# point name -> {language: [regex, ...]}
POINTS = {
    "you cannot always be sure who someone online really is": {
        "en": [r"can(?:not|'t) (?:always )?be sure who"],
        "hu": [r"nem lehet(?:ünk)? (?:mindig )?biztos(?:ak)?"],
    },
    "a groomer pretends to be someone else, e.g. a teenager": {
        "en": [r"pretends? to be someone else", r"pos(?:e|es|ing) as (?:a )?(?:teenager|adolescent)"],
        "hu": [r"másnak adja ki magát", r"tizenévesnek adja ki magát"],
    },
    "to gain a child's trust and coax out information": {
        "en": [r"(?:win|gain)s? the trust.{0,200}coax"],
        "hu": [r"bizalmát.{0,200}(?:csal|kicsal)"],
    },
    "then abuses their position of power": {
        "en": [r"abuses? (?:the|their) (?:position of )?power"],
        "hu": [r"visszaél\w* (?:a megszerzett )?hatalmi helyzet"],
    },
    "grooming happens in stages with deliberate strategies": {
        "en": [r"in stages.{0,120}deliberate strateg"],
        "hu": [r"szakaszokban zajlik.{0,120}tudatos stratégi"],
    },
    "emotionally neglected, insecure children are targeted to open up fast": {
        "en": [r"emotionally neglected or insecure.{0,120}open up faster"],
        "hu": [r"érzelmileg elhanyagolt, bizonytalan.{0,160}megnyíl"],
    },
    "children on social platforms risk grooming and/or stalking": {
        "en": [r"social media.{0,160}stalking"],
        "hu": [r"közösségi oldal.{0,200}(?:zaklatás|követés)"],
    },
    "adults typically pose as adolescents to get personal information": {
        "en": [r"adults typically pose as adolescents"],
        "hu": [r"felnőtt elkövetők jellemzően kamasznak adják ki magukat"],
    },
    "the groomer demands money and/or intimate images": {
        "en": [r"demand\w* money.{0,40}intimate (?:photos|images|videos)"],
        "hu": [r"pénzt.{0,40}intim (?:fotó|kép|videó)"],
    },
    "the images are used for blackmail again and again": {
        "en": [r"blackmail\w* (?:the child |them )?again and again", r"blackmail\w* (?:the child |them )?over and over"],
        "hu": [r"újra és újra (?:meg)?zsarol", r"(?:ismét|újból) (?:meg)?zsarol"],
    },
    "the groomer may seek personal contact or sexual relations": {
        "en": [r"meet the child in person.{0,80}sexual contact"],
        "hu": [r"személyes találkozó.{0,80}szexuális kapcsolat"],
    },
    "it often starts with accepting a friend never met offline": {
        "en": [r"accepts someone they have never met in real life"],
        "hu": [r"visszaigazol valakit, akivel a valóságban még sosem találkozott"],
    },
    "the contact seems to be a friend of a friend": {
        "en": [r"friend of a friend"],
        "hu": [r"ismerős\w* az ismerőse"],
    },
    "the contact has an appealing profile, same hobbies or music": {
        "en": [r"same hobbies.{0,40}same music"],
        "hu": [r"ugyanaz a hobbija.{0,40}ugyanazt a zenét"],
    },
    "example: 'I have found a special girl'": {
        "en": [r"never met, I really feel like I have found a special girl"],
        "hu": [r"sosem találkoztunk.{0,60}különleges lány"],
    },
    "the groomer insists on secrecy ('your innermost secrets')": {
        "en": [r"share with me your innermost secrets"],
        "hu": [r"legféltettebb titkaidat"],
    },
    "the groomer gathers personal information ('which school')": {
        "en": [r"where do you go to party\? which school do you go to\?"],
        "hu": [r"hova jársz bulizni\? melyik (?:suliba|iskolába) jársz\?"],
    },
    "the groomer threatens with photos ('post some photos of you')": {
        "en": [r"post some photos of you"],
        "hu": [r"(?:kiposztol|kirak|feltesz)\w* rólad"],
    },
    "misuse of personal information and likeness": {
        "en": [r"misuse the child's personal information and likeness"],
        "hu": [r"visszaélhet a gyerek személyes adataival és képmásával"],
    },
    "abuse and child sexual abuse material can follow": {
        "en": [r"child sexual abuse material"],
        "hu": [r"gyermekek szexuális bántalmazását ábrázoló tartalom"],
    },
    "these are crimes punishable with imprisonment": {
        "en": [r"punished with imprisonment"],
        "hu": [r"szabadságvesztéssel büntethető"],
    },
    "the less media-aware are most vulnerable": {
        "en": [r"less media-aware"],
        "hu": [r"kevésbé tudatos médiahasznál"],
    },
    "children without a stable bond, e.g. in state care or families in crisis": {
        "en": [r"stable bond.{0,80}state care"],
        "hu": [r"stabilan kötődhetnének.{0,80}állami gondoskodás"],
    },
    "groomers exploit the need for attention and feign care, friendship or love": {
        "en": [r"(?:fake|feign|pretend)\w* (?:care|concern), friendship or love"],
        "hu": [r"gondoskodást, barátságot vagy szerelmet színlelnek"],
    },
    "the child is pulled into an increasingly abusive relationship": {
        "en": [r"increasingly abusive relationship"],
        "hu": [r"egyre bántalmazóbb kapcsolat"],
    },
    "no one should feel ashamed to ask for help": {
        "en": [r"no one.{0,60}should feel ashamed to ask for help", r"(?:don't|do not|never) (?:need to )?feel ashamed to ask for help"],
        "hu": [r"nem kell szégyell\w*,? hogy segítséget kér", r"segítséget kérni nem szégyen"],
    },
    "save conversations for investigators": {
        "en": [r"conversations.{0,120}help the police investigate"],
        "hu": [r"beszélgetések.{0,120}rendőrség nyomozását"],
    },
    "never save, screenshot or forward explicit images of anyone under 18": {
        "en": [r"never save, screenshot or forward a nude or sexual image of anyone under 18"],
        "hu": [r"tizennyolc év alatti.{0,80}soha ne mentsünk el, ne készítsünk róla képernyőképet"],
    },
    "limit strangers' access with privacy settings": {
        "en": [r"privacy settings"],
        "hu": [r"adatvédelmi beállítás"],
    },
    "posts and photos visible to friends only": {
        "en": [r"posts and photos are visible to your friends only"],
        "hu": [r"bejegyzéseinket és a fotóinkat csak az ismerőseink lássák"],
    },
    "groomers can be strangers or people the child knows": {
        "en": [r"people the child (?:already )?knows", r"someone the child (?:already )?knows"],
        "hu": [r"akit a gyerek (?:már )?ismer", r"a gyerek ismerős\w* is lehet"],
    },
    "groomers can be of any gender and any age; the age gap can be small": {
        "en": [r"any gender and any age.{0,120}age gap.{0,60}small"],
        "hu": [r"bármilyen nemű és bármilyen korú.{0,160}kicsi.{0,30}korkülönbség"],
    },
    "it is never the child's fault": {
        "en": [r"never the child's fault", r"(?:is|was) not the child's fault"],
        "hu": [r"soha nem a gyerek hibája", r"nem a gyerek (?:hibája|hibás)"],
    },
}


def _page_text(lang: str) -> str:
    """The page as one line of plain-ish text: no front matter, no emphasis marks."""
    text = (ROOT / "docs" / lang / PAGE).read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = text.replace("’", "'").replace("**", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def page_text():
    cache = {}

    def get(lang):
        if lang not in cache:
            cache[lang] = _page_text(lang)
        return cache[lang]

    return get


def test_every_point_has_phrases_for_every_language():
    for point, phrases in POINTS.items():
        assert set(phrases) == set(LANGUAGES), f"point {point!r} needs phrases for {LANGUAGES}"
        for lang, patterns in phrases.items():
            assert patterns, f"point {point!r} has no phrase for {lang}"
            for pattern in patterns:
                re.compile(pattern)


@pytest.mark.parametrize(
    ("lang", "point"),
    [(lang, point) for lang in LANGUAGES for point in POINTS],
    ids=[f"{lang}-{point}" for lang in LANGUAGES for point in POINTS],
)
def test_article_point_is_covered(page_text, lang, point):
    path = f"docs/{lang}/{PAGE}"
    text = page_text(lang)
    patterns = POINTS[point][lang]
    found = any(re.search(p, text, flags=re.IGNORECASE) for p in patterns)
    assert found, (
        f"{path}: the article point '{point}' is missing "
        f"(none of {patterns} matched); "
        f"add a sentence covering {point} to {path}"
    )
