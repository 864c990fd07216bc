// Query stemmers for site search (issue 6), loaded by site-search.js together with Pagefind,
// only once the reader opens search.
//
// Why: Pagefind 1.5 removes accents from words *before* it stems them, on the index and on the
// query alike. Hungarian case endings such as -ról, -ből, -nál, -tól are only recognised with
// their accents, so Pagefind keeps "zsarolásról" whole; as it also indexes that form from pages
// that use it, the query then matches only those pages and misses every page that says
// "zsarolás". Stemming the query here, with its accents, gives Pagefind "zsarolás", which
// (prefix matching on the folded index) finds every form of the word.
//
// hu: the Snowball Hungarian algorithm (https://snowballstem.org/, BSD licence), ported from
// its generated code; tests/test_search.py compares it with the reference implementation's
// output on the site's own words.
//
// Not covered: an inflected query typed without accents ("zsarolasrol") is left to Pagefind,
// which finds the word when no page uses that exact form. Stripping accent-less endings here
// was tried and cuts real words short (vonal -> vo, gyakorol -> gyak).
const VOWELS = "aeiouáéíóöúüőű";

// [suffix, replacement] lists, one per Snowball step, in the algorithm's order.
const INSTRUM = [["al", ""], ["el", ""]];
const CASE = ["ba", "ra", "be", "re", "ig", "nak", "nek", "val", "vel", "ul", "nál", "nél", "ból",
  "ról", "tól", "ül", "ből", "ről", "től", "n", "an", "ban", "en", "ben", "képpen", "on", "ön", "képp",
  "kor", "t", "at", "et", "ként", "anként", "enként", "onként", "ot", "ért", "öt", "hez", "hoz", "höz",
  "vá", "vé"].map((suffix) => [suffix, ""]);
const V_ENDING = [["á", "a"], ["é", "e"]];
const CASE_SPECIAL = [["án", "a"], ["én", "e"], ["ánként", "a"]];
const CASE_OTHER = [["stul", ""], ["astul", ""], ["ástul", "a"], ["stül", ""], ["estül", ""], ["éstül", "e"]];
const FACTIVE = [["á", ""], ["é", ""]];
const OWNED = [["éi", ""], ["áéi", "a"], ["ééi", "e"], ["é", ""], ["ké", ""], ["aké", ""], ["eké", ""],
  ["oké", ""], ["áké", "a"], ["éké", "e"], ["öké", ""], ["éé", "e"]];
const SING_OWNER = [["a", ""], ["ja", ""], ["d", ""], ["ad", ""], ["ed", ""], ["od", ""], ["ád", "a"],
  ["éd", "e"], ["öd", ""], ["e", ""], ["je", ""], ["nk", ""], ["unk", ""], ["ánk", "a"], ["énk", "e"],
  ["ünk", ""], ["uk", ""], ["juk", ""], ["ájuk", "a"], ["ük", ""], ["jük", ""], ["éjük", "e"], ["m", ""],
  ["am", ""], ["em", ""], ["om", ""], ["ám", "a"], ["ém", "e"], ["o", ""], ["á", "a"], ["é", "e"]];
const PLUR_OWNER = [["id", ""], ["aid", ""], ["jaid", ""], ["eid", ""], ["jeid", ""], ["áid", "a"],
  ["éid", "e"], ["i", ""], ["ai", ""], ["jai", ""], ["ei", ""], ["jei", ""], ["ái", "a"], ["éi", "e"],
  ["itek", ""], ["eitek", ""], ["jeitek", ""], ["éitek", "e"], ["ik", ""], ["aik", ""], ["jaik", ""],
  ["eik", ""], ["jeik", ""], ["áik", "a"], ["éik", "e"], ["ink", ""], ["aink", ""], ["jaink", ""],
  ["eink", ""], ["jeink", ""], ["áink", "a"], ["éink", "e"], ["aitok", ""], ["jaitok", ""],
  ["áitok", "a"], ["im", ""], ["aim", ""], ["jaim", ""], ["eim", ""], ["jeim", ""], ["áim", "a"],
  ["éim", "e"]];
const PLURAL = [["k", ""], ["ak", ""], ["ek", ""], ["ok", ""], ["ák", "a"], ["ék", "e"], ["ök", ""]];
const DOUBLES = ["bb", "cc", "ccs", "dd", "ff", "gg", "ggy", "jj", "kk", "ll", "lly", "mm", "nn", "nny",
  "pp", "rr", "ss", "ssz", "tt", "tty", "vv", "zz", "zzs"];

// Snowball's R1: after the first consonant of a word that starts with a vowel, otherwise after
// its first vowel.
function regionStart(word) {
  const isVowel = (c) => VOWELS.includes(c);
  if (isVowel(word[0])) {
    for (let i = 1; i < word.length; i++) if (!isVowel(word[i])) return i + 1;
    return word.length;
  }
  for (let i = 1; i < word.length; i++) if (isVowel(word[i])) return i + 1;
  return word.length;
}

// The longest suffix of `word` in `rules` (Snowball's "among"), or null.
function longest(word, rules) {
  let best = null;
  for (const rule of rules) {
    if (word.endsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  return best;
}

// One step: the longest matching suffix must start inside R1, else the step does nothing.
function step(state, rules, extra) {
  const rule = longest(state.word, rules);
  if (!rule) return false;
  const start = state.word.length - rule[0].length;
  if (start < state.r1) return false;
  if (extra && !extra(state.word.slice(0, start))) return false;
  state.word = state.word.slice(0, start) + rule[1];
  return true;
}

const endsDoubled = (stem) => DOUBLES.some((double) => stem.endsWith(double));
const undouble = (state) => {
  if (state.word.length >= 2) state.word = state.word.slice(0, -2) + state.word.slice(-1);
};

export function stemHungarian(input) {
  const word = input.normalize("NFC").toLowerCase();
  const state = { word, r1: regionStart(word) };
  if (step(state, INSTRUM, endsDoubled)) undouble(state);
  if (step(state, CASE)) step(state, V_ENDING);
  step(state, CASE_SPECIAL);
  step(state, CASE_OTHER);
  if (step(state, FACTIVE, endsDoubled)) undouble(state);
  step(state, OWNED);
  step(state, SING_OWNER);
  step(state, PLUR_OWNER);
  step(state, PLURAL);
  return state.word;
}

// Language code (from <html lang>) -> function from one query word to the word to search for.
export const stemmers = { hu: stemHungarian };
