/**
 * The sanitised FAQ HTML is well formed: parsed by a spec-compliant HTML parser (parse5) and
 * serialised again, it is the same markup, so no tag closes another element's name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFragment, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../server/faq/render.js';

/** What a browser would build from `html`, written back out; void tags in HTML style. */
function reserialised(html: string): string {
  return serialize(parseFragment(html));
}
const htmlStyle = (html: string) => html.replace(/ \/>/g, '>');

/** The text of every <a> element in the parsed tree, in order. */
function linkTexts(html: string): string[] {
  const texts: string[] = [];
  const walk = (node: { nodeName: string; childNodes?: unknown[]; value?: string }, inLink: string[] | null): void => {
    if (node.nodeName === '#text' && inLink) inLink.push(node.value ?? '');
    const own = node.nodeName === 'a' ? [] : inLink;
    for (const child of (node.childNodes ?? []) as (typeof node)[]) walk(child, own);
    if (node.nodeName === 'a' && own) texts.push(own.join(''));
  };
  walk(parseFragment(html) as never, null);
  return texts;
}

const MIXED_LINKS = [
  'See [bad](javascript:alert(1)) and [good](https://a.example) then **bold**.',
  '[one](data:text/html,x) [two](vbscript:x) [safe](https://b.example) [also safe](mailto:help@example.com)',
  '- [x](javascript:x) item\n- [y](https://c.example) item\n\n> [z](javascript:z) quoted [w](https://d.example)',
  '<a href="javascript:x">raw bad</a> <a href="https://e.example">raw good</a> <em>after</em>',
];

describe('FAQ answer HTML', () => {
  it.each(MIXED_LINKS)('nests correctly when an unsafe link precedes a safe one: %s', (markdown) => {
    const html = renderAnswer(markdown);
    expect(htmlStyle(html)).toBe(reserialised(html));
    expect(html).not.toMatch(/javascript:|data:|vbscript:/);
  });

  it('keeps an unsafe link’s text as plain text and every safe link’s text inside its own link', () => {
    const html = renderAnswer(MIXED_LINKS[0]!);
    expect(linkTexts(html)).toEqual(['good']);
    expect(html).toContain('bad');
    expect(html).toMatch(/<a href="https:\/\/a\.example" target="_blank" rel="noopener noreferrer">good<\/a>/);
  });

  it('renders every answer of the demo FAQ well formed', () => {
    const demo = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../demo/faq.json'), 'utf8')) as { answer: string }[];
    for (const { answer } of demo) {
      const html = renderAnswer(answer);
      expect(htmlStyle(html)).toBe(reserialised(html));
    }
  });
});
