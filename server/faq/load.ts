/**
 * Reads a FAQ from JSON (an array of entries), a folder of Markdown files with front matter,
 * or CSV, and reports what is wrong with it, line by line where the format has lines.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import matter from 'gray-matter';
import { LOCALES, type FaqEntry, type Locale } from '../../protocol/types.js';
import { unsafeLinks } from './render.js';

export interface FaqProblem {
  file: string;
  line?: number;
  message: string;
  /** Set when the FAQ still works (e.g. an unsafe link the sanitiser drops). */
  warning?: true;
}

export interface LoadedFaq {
  entries: FaqEntry[];
  problems: FaqProblem[];
  /** The files read: what a watcher must watch. */
  files: string[];
}

/** An entry with where it was written, before validation. */
interface Located {
  entry: Partial<Record<keyof FaqEntry, unknown>>;
  file: string;
  line?: number;
  /** Line of the answer's first line, for Markdown problems inside it. */
  answerLine?: number;
}

/** Loads and validates a FAQ from a .json or .csv file or a folder of .md files. */
export async function loadFaq(source: string): Promise<LoadedFaq> {
  const info = await stat(source).catch(() => undefined);
  if (!info) return { entries: [], problems: [{ file: source, message: 'No FAQ found at this path.' }], files: [] };
  const problems: FaqProblem[] = [];
  let located: Located[];
  let files: string[];
  if (info.isDirectory()) {
    files = (await readdir(source))
      .filter((f) => /\.(md|markdown)$/i.test(f))
      .sort()
      .map((f) => join(source, f));
    located = [];
    for (const file of files) located.push(...readMarkdown(file, await readFile(file, 'utf8'), problems));
    if (!files.length) problems.push({ file: source, message: 'The folder has no .md files.' });
  } else {
    files = [source];
    const text = await readFile(source, 'utf8');
    const ext = extname(source).toLowerCase();
    if (ext === '.json') located = readJson(source, text, problems);
    else if (ext === '.csv') located = readCsv(source, text, problems);
    else {
      problems.push({ file: source, message: `Unknown FAQ format "${ext}": use .json, .csv or a folder of .md files.` });
      located = [];
    }
  }
  return { entries: validate(located, problems), problems, files };
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

function readJson(file: string, text: string, problems: FaqProblem[]): Located[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+)/.exec(message)?.[1];
    problems.push({
      file,
      line: line ? Number(line) : at ? lineAt(text, Number(at)) : undefined,
      message: `Invalid JSON: ${message}`,
    });
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push({ file, line: 1, message: 'The JSON must be an array of FAQ entries.' });
    return [];
  }
  const lines = objectLines(text);
  return data.map((entry, i) => ({
    entry: typeof entry === 'object' && entry ? (entry as Located['entry']) : {},
    file,
    line: lines[i],
  }));
}

/** Line where each object of the top-level array starts (a tiny scanner, strings aware). */
function objectLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 1 && c === '{') out.push(line);
      depth++;
    } else if (c === ']' || c === '}') depth--;
  }
  return out;
}

function readMarkdown(file: string, text: string, problems: FaqProblem[]): Located[] {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // No cache: gray-matter caches by content, and a reload must re-read the same text.
    parsed = matter(text, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    problems.push({
      file,
      line: mark?.line !== undefined ? mark.line + 1 : 1,
      message: `Broken front matter: ${(error as Error).message.split('\n')[0]}`,
    });
    return [];
  }
  if (!text.startsWith('---')) problems.push({ file, line: 1, message: 'Missing front matter (--- id, locale, question ---).' });
  const data = parsed.data as Record<string, unknown>;
  const bodyStart = text.length - parsed.content.length;
  const answerLine = lineAt(text, bodyStart) + (parsed.content.match(/^\s*\n/)?.[0].split('\n').length ?? 1) - 1;
  const entry: Located['entry'] = { ...data, answer: parsed.content.trim() };
  // A number or a date in YAML is still meant as text.
  for (const key of ['id', 'question', 'locale', 'category', 'translationOf'] as const) {
    if (entry[key] !== undefined && entry[key] !== null && typeof entry[key] !== 'string') entry[key] = String(entry[key]);
  }
  return [{ entry, file, line: 1, answerLine }];
}

export const CSV_COLUMNS = ['id', 'locale', 'question', 'answer', 'keywords', 'synonyms', 'category', 'translationOf'];

function readCsv(file: string, text: string, problems: FaqProblem[]): Located[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    });
  } catch (error) {
    const e = error as Error & { lines?: number };
    problems.push({ file, line: e.lines, message: `Invalid CSV: ${e.message}` });
    return [];
  }
  const header = Object.keys(rows[0]?.record ?? {});
  for (const column of header) {
    if (!CSV_COLUMNS.includes(column))
      problems.push({ file, line: 1, message: `Unknown column "${column}" (expected ${CSV_COLUMNS.join(', ')}).` });
  }
  const list = (value: string | undefined): string[] | undefined => {
    const items = value
      ?.split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    return items?.length ? items : undefined;
  };
  return rows.map(({ record, info }) => {
    const entry: Located['entry'] = { id: record.id, locale: record.locale, question: record.question, answer: record.answer };
    if (list(record.keywords)) entry.keywords = list(record.keywords);
    if (list(record.synonyms)) entry.synonyms = list(record.synonyms);
    if (record.category) entry.category = record.category;
    if (record.translationOf) entry.translationOf = record.translationOf;
    // csv-parse counts the line a record ends on; a quoted answer may span several.
    const span = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    return { entry, file, line: info.lines - span, answerLine: info.lines - span };
  });
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks every entry; returns the valid ones and adds a problem for each fault. */
function validate(located: Located[], problems: FaqProblem[]): FaqEntry[] {
  const seen = new Map<string, Located>();
  const out: FaqEntry[] = [];
  for (const item of located) {
    const { entry, file, line } = item;
    const report = (message: string, at = line, warning = false): void => {
      const problem: FaqProblem = at === undefined ? { file, message } : { file, line: at, message };
      if (warning) problem.warning = true;
      problems.push(problem);
    };
    const id = typeof entry.id === 'string' ? entry.id.trim() : '';
    const name = id ? `"${id}"` : 'An entry';
    let ok = true;
    if (!id) {
      report('Missing id.');
      ok = false;
    } else if (seen.has(id)) {
      const first = seen.get(id) as Located;
      report(`Duplicate id ${name} (first used in ${first.file}${first.line ? `:${first.line}` : ''}).`);
      ok = false;
    } else seen.set(id, item);
    if (!LOCALES.includes(entry.locale as Locale)) {
      report(`${name} has unknown locale ${JSON.stringify(entry.locale ?? null)} (expected ${LOCALES.join(' or ')}).`);
      ok = false;
    }
    if (typeof entry.question !== 'string' || !entry.question.trim()) {
      report(`${name} has no question.`);
      ok = false;
    }
    const answer = typeof entry.answer === 'string' ? entry.answer : '';
    if (!answer.trim()) {
      report(`${name} has an empty answer.`, item.answerLine ?? line);
      ok = false;
    } else {
      for (const p of markdownProblems(answer)) {
        report(`${name}: ${p.message}`, item.answerLine === undefined ? line : item.answerLine + p.line - 1, p.warning);
      }
    }
    for (const key of ['keywords', 'synonyms'] as const) {
      if (entry[key] !== undefined && !isStringList(entry[key])) {
        report(`${name}: ${key} must be a list of strings.`);
        ok = false;
      }
    }
    if (!ok) continue;
    const clean: FaqEntry = {
      id,
      locale: entry.locale as Locale,
      question: (entry.question as string).trim(),
      answer: answer.trim(),
    };
    if (isStringList(entry.keywords) && entry.keywords.length) clean.keywords = entry.keywords;
    if (isStringList(entry.synonyms) && entry.synonyms.length) clean.synonyms = entry.synonyms;
    if (typeof entry.category === 'string' && entry.category) clean.category = entry.category;
    if (typeof entry.translationOf === 'string' && entry.translationOf.trim()) clean.translationOf = entry.translationOf.trim();
    out.push(clean);
  }
  return out;
}

/** What marked would silently mangle: unclosed fences, unfinished links, unsafe schemes. */
function markdownProblems(markdown: string): { line: number; message: string; warning?: true }[] {
  const out: { line: number; message: string; warning?: true }[] = [];
  const lines = markdown.split('\n');
  let fence = 0;
  lines.forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fence = fence ? 0 : i + 1;
    if (/\]\([^)]*$/.test(text)) out.push({ line: i + 1, message: 'broken Markdown link: "](" is never closed with ")".' });
    for (const href of unsafeLinks(text)) {
      const scheme = href.slice(0, href.indexOf(':') + 1);
      out.push({
        line: i + 1,
        message: `a "${scheme}" link will be removed (only http, https and mailto links are allowed).`,
        warning: true,
      });
    }
  });
  if (fence) out.push({ line: fence, message: 'broken Markdown: a code block opened with ``` is never closed.' });
  return out;
}
