/**
 * Config file mistakes as sentences a site owner can act on, all of them at once: where (a path
 * such as `sites[0].allowedOrigins`), what is wrong, and for a misspelt setting the nearest
 * real one ("did you mean").
 */
import { closest, distance } from 'fastest-levenshtein';
import type * as v from 'valibot';

type PathKey = string | number;
/** The parts of a valibot schema the key lookup walks through. */
interface AnySchema {
  entries?: Record<string, unknown>;
  item?: unknown;
  wrapped?: unknown;
  pipe?: readonly unknown[];
}

/** `sites[0].businessHours.weekly`: the path as it reads in the JSON file. */
export function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

/** The setting names of the object schema at `path` (through arrays, optionals and pipes). */
export function keysAt(schema: object, path: readonly PathKey[]): string[] {
  let node = schema as AnySchema | undefined;
  const unwrap = () => {
    while (node && !node.entries && (node.wrapped || node.pipe)) node = (node.wrapped ?? node.pipe![0]) as AnySchema;
  };
  for (const key of path) {
    unwrap();
    node = (typeof key === 'number' ? node?.item : node?.entries?.[key]) as AnySchema | undefined;
  }
  unwrap();
  return node?.entries ? Object.keys(node.entries) : [];
}

/** The known name `unknown` is most likely a typo of, if one is close enough. */
export function didYouMean(unknown: string, known: readonly string[]): string | undefined {
  if (!known.length) return undefined;
  const best = closest(unknown, known as string[]);
  // Two edits, or a third of a long name: "prot" → "port", "allowedOrigin" → "allowedOrigins",
  // but "colour" suggests nothing.
  return distance(unknown.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(unknown.length / 3)) ? best : undefined;
}

const KINDS: Record<string, string> = {
  boolean: 'true or false (without quotes)',
  number: 'a number',
  string: 'text in quotes',
  Array: 'a list in [ ]',
  Object: 'an object in { }',
};

/** What an issue says is wrong, after "<path>". */
function problem(issue: v.BaseIssue<unknown>, schema: object): string {
  const keys = issue.path?.map((item) => item.key as PathKey) ?? [];
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const name = String(keys.at(-1));
    const suggestion = didYouMean(name, keysAt(schema, keys.slice(0, -1)));
    return `is not a setting${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  }
  if (!issue.message.startsWith('Invalid ')) return issue.message; // Our own sentence from the schema.
  if (issue.type === 'picklist')
    return `must be one of ${issue.expected
      ?.replace(/^\(|\)$/g, '')
      .split(' | ')
      .join(', ')}, not ${issue.received}`;
  const kind = KINDS[issue.expected ?? ''];
  return kind ? `must be ${kind}, not ${issue.received}` : `is not valid (${issue.message})`;
}

/** One sentence per issue, e.g. `In /srv/pasokh.config.json: "sites[0].allowedOrigin" is not a setting; did you mean "allowedOrigins"?` */
export function describeConfigIssues(issues: readonly v.BaseIssue<unknown>[], source: string, schema: object): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path?.map((item) => item.key as PathKey) ?? []);
    const sentence = `${source}: ${path ? `"${path}" ` : 'the file '}${problem(issue, schema)}`;
    return /[.?!]$/.test(sentence) ? sentence : `${sentence}.`;
  });
}
