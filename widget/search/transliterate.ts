/**
 * How a word sounds, written the same for Latin and Persian spellings, so the index can pair
 * the loanwords a FAQ writes in both scripts ("modem" and «مودم», "license" and «لایسنس»).
 * Server-side only: the pairs travel in the payload's vocabulary, so the widget ships no rules.
 */

/**
 * Latin letters as Persian ones, longest first. Vowels become the letters Persian writes for
 * long vowels, which `soundKey` then drops: Persian leaves short vowels out, and whether a
 * loanword's "o" gets a «و» is a matter of habit.
 */
const LATIN: [RegExp, string][] = [
  [/tion/g, 'شن'],
  [/sh/g, 'ش'],
  [/ch/g, 'چ'],
  [/kh/g, 'خ'],
  [/gh/g, 'ق'],
  [/zh/g, 'ژ'],
  [/ph/g, 'ف'],
  [/th/g, 'ت'],
  [/ck/g, 'ک'],
  [/dg/g, 'ج'],
  [/c(?=[eiy])/g, 'س'],
  [/x/g, 'کس'],
  ...[...'abcdefghijklmnopqrstuvwyz'].map((c, i): [RegExp, string] => [
    new RegExp(c, 'g'),
    'ابکدیفگهیجکلمنوپقرستووویز'[i] as string,
  ]),
];

/**
 * Letters Persian spells alike for one sound become one letter; vowels and the letters that
 * write them («ا», «و», «ی», «ع») go, as does a final «ه» (a vowel more often than not), and
 * doubled letters count once.
 */
const ALIKE: [RegExp, string][] = [
  [/[صث]/g, 'س'],
  [/[ذضظ]/g, 'ز'],
  [/ط/g, 'ت'],
  [/ح/g, 'ه'],
  [/غ/g, 'ق'],
  [/[آعء]/g, 'ا'],
  [/ه$/, ''],
  [/(.)\1/g, '$1'],
];
const VOWEL = /[اوی]/g;
// Letters Persian keeps for words of Arabic origin: a loanword from a Latin language has none.
const ARABIC = /[عحصطظضثذغق]/;

const replaceAll = (word: string, rules: readonly [RegExp, string][]): string =>
  rules.reduce((w, [from, to]) => w.replace(from, to), word);

/** A normalised word as Persian letters, one letter per sound, with its vowel letters. */
function spelled(word: string): string {
  const persian = /^[\u0600-\u06ff]+$/.test(word);
  if (!persian && !/^[a-z]+$/.test(word)) return '';
  return replaceAll(persian ? word : replaceAll(word, LATIN), ALIKE);
}

/** A normalised word's consonants as Persian letters; Latin and Persian spellings of one loanword share them. */
export const soundKey = (word: string): string => spelled(word).replace(VOWEL, '');

/** After which consonant (0: before the first) a spelling writes a vowel. */
const vowelsAt = (spelling: string): Set<number> => {
  const at = new Set<number>();
  let consonants = 0;
  for (const ch of spelling) {
    if ('اوی'.includes(ch)) at.add(consonants);
    else consonants++;
  }
  return at;
};

/**
 * Whether a Persian spelling fits a Latin one with the same consonants: Persian writes only
 * long vowels, so every vowel it writes must have one in the Latin word at the same place
 * ("modem" is «مودم»). Consonants and vowels alone still pair some words by chance ("card" and
 * «کرده», done): `scriptPairs` also asks the answers.
 */
function fits(latin: string, persian: string): boolean {
  const want = vowelsAt(spelled(latin));
  return [...vowelsAt(spelled(persian))].every((at) => at === 0 || want.has(at));
}

/**
 * Groups of the index's own terms, one Latin and one Persian spelling (or a few) that sound
 * alike, as vocabulary groups ("modem|مودم"): a Persian query that writes a loanword in
 * Latin letters then finds the Persian entry that spells it in Persian, and the other way
 * round. Short keys and crowded ones pair words by chance, so they pair nothing, and neither
 * does a pair that `together` (which sees the answers) says the FAQ does not use as one word.
 */
export function scriptPairs(
  terms: readonly string[],
  stop: ReadonlySet<string>,
  together: (latin: string, persian: string) => boolean = () => true,
): string[] {
  const byKey = new Map<string, string[]>();
  for (const term of terms) {
    if (term.length < 3 || stop.has(term)) continue;
    const key = soundKey(term);
    if (key.length < 2) continue;
    const group = byKey.get(key);
    if (group) group.push(term);
    else byKey.set(key, [term]);
  }
  const groups: string[] = [];
  for (const [key, members] of byKey) {
    const latin = members.filter((m) => m.charCodeAt(0) < 128);
    const persian = members.filter((m) => m.charCodeAt(0) >= 128);
    // A crowded or short key pairs words by chance; two Latin words are no paraphrase of each other.
    if (latin.length !== 1 || !persian.length || persian.length > 2 || (key.length < 3 && persian.length > 1)) continue;
    for (const p of persian) {
      if (!ARABIC.test(p) && fits(latin[0] as string, p) && together(latin[0] as string, p)) groups.push(`${latin[0]}|${p}`);
    }
  }
  return groups;
}
