/** `pasokh faq check <path> [--query "…" [--locale en|fa]]`: validate a FAQ and try a query against it. */
import { createFaqSearch } from '../../widget/search/index.js';
import { LOCALES, type FaqEntry, type Locale } from '../../protocol/types.js';
import { loadFaq, type FaqProblem } from './load.js';

/**
 * Every problem of a FAQ (duplicate ids, empty answers, unknown locales, missing questions,
 * broken Markdown or front matter), with its line where the format has lines. Problems
 * marked `warning` do not stop the FAQ from loading.
 */
const englishPlural = new Intl.PluralRules('en');
/** "1 entry", "2 entries": the CLI speaks English. */
const counted = (n: number, one: string, other: string) => `${n} ${englishPlural.select(n) === 'one' ? one : other}`;

export async function checkFaq(source: string): Promise<{ entries: FaqEntry[]; problems: FaqProblem[] }> {
  const { entries, problems } = await loadFaq(source);
  return { entries, problems };
}

const USAGE = 'Usage: pasokh faq check <path> [--query "…" [--locale en|fa]]';

const isLocale = (value: string | undefined): value is Locale => LOCALES.includes(value as Locale);

/**
 * Runs the check and prints to `out`; resolves to the exit code (0 valid, 1 problems,
 * 2 usage). `argv` are the words after `pasokh faq` (a leading "check" is optional).
 */
export async function runFaqCheck(argv: string[], out: (line: string) => void): Promise<number> {
  const args = argv[0] === 'check' ? argv.slice(1) : [...argv];
  let path: string | undefined;
  let query: string | undefined;
  // The page's language, as the widget searches; without it the query's letters decide.
  let locale: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--query' || arg === '-q') query = args[++i];
    else if (arg.startsWith('--query=')) query = arg.slice('--query='.length);
    else if (arg === '--locale') locale = args[++i];
    else if (arg.startsWith('--locale=')) locale = arg.slice('--locale='.length);
    else if (!path && !arg.startsWith('-')) path = arg;
    else {
      out(`Unknown argument "${arg}". ${USAGE}`);
      return 2;
    }
  }
  if (!path || (query !== undefined && !query.trim()) || (locale !== undefined && !isLocale(locale))) {
    out(USAGE);
    return 2;
  }
  const { entries, problems } = await checkFaq(path);
  for (const p of problems) out(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.warning ? 'warning: ' : ''}${p.message}`);
  const errors = problems.filter((p) => !p.warning).length;
  const locales = [...new Set(entries.map((e) => e.locale))].join(', ') || 'none';
  out(
    problems.length
      ? `${counted(problems.length, 'problem', 'problems')}; ${counted(entries.length, 'valid entry', 'valid entries')} (${locales}).`
      : `OK: ${counted(entries.length, 'entry', 'entries')} (${locales}).`,
  );
  if (query !== undefined) {
    const hits = createFaqSearch(entries, { locale: isLocale(locale) ? locale : undefined }).search(query, 5);
    out(
      hits.length
        ? `Top hits for "${query}" (score: 0 is perfect):`
        : `No hits for "${query}": the widget would offer a person instead.`,
    );
    const byId = new Map(entries.map((e) => [e.id, e]));
    hits.forEach((h, i) => out(`  ${i + 1}. ${h.score.toFixed(3)}  ${h.id}  ${byId.get(h.id)?.question ?? ''}`));
  }
  return errors ? 1 : 0;
}
