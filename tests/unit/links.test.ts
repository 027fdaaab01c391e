import { describe, expect, it } from 'vitest';
import { linkify } from '../../protocol/links.js';

const link = (href: string) => ({ href, text: href });

describe('linkify', () => {
  it('finds http, https and mailto links and keeps the text around them', () => {
    expect(linkify('Track it at https://shop.example/t?id=42&x=1 or write to mailto:help@shop.example today')).toEqual([
      'Track it at ',
      link('https://shop.example/t?id=42&x=1'),
      ' or write to ',
      link('mailto:help@shop.example'),
      ' today',
    ]);
    expect(linkify('HTTP://SHOP.EXAMPLE')).toEqual([link('HTTP://SHOP.EXAMPLE')]);
  });

  it('never makes a link of other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://files.example/a',
      'vbscript:x',
      'xhttps://glued.example',
    ]) {
      expect(linkify(text)).toEqual([text]);
    }
    expect(linkify('javascript:https://x.example')).toEqual(['javascript:', link('https://x.example')]);
  });

  it('leaves sentence punctuation and unmatched brackets outside, Latin and Persian', () => {
    expect(linkify('See https://shop.example/faq.')).toEqual(['See ', link('https://shop.example/faq'), '.']);
    expect(linkify('(details: https://shop.example/a), ok')).toEqual(['(details: ', link('https://shop.example/a'), '), ok']);
    expect(linkify('https://en.wikipedia.org/wiki/Samovar_(disambiguation)!')).toEqual([
      link('https://en.wikipedia.org/wiki/Samovar_(disambiguation)'),
      '!',
    ]);
    expect(linkify('این را ببینید: https://shop.example/fa/ارسال،')).toEqual([
      'این را ببینید: ',
      link('https://shop.example/fa/ارسال'),
      '،',
    ]);
    expect(linkify('«https://shop.example/x»؟')).toEqual(['«', link('https://shop.example/x'), '»؟']);
  });

  it('stops at whitespace, quotes and angle brackets, and ignores a bare scheme', () => {
    expect(linkify('<https://a.example>"https://b.example"')).toEqual([
      '<',
      link('https://a.example'),
      '>"',
      link('https://b.example'),
      '"',
    ]);
    expect(linkify('type https:// then the address')).toEqual(['type https:// then the address']);
    expect(linkify('')).toEqual([]);
  });

  it('gives back exactly the text it was given', () => {
    const text = 'a https://x.example/(b) c, mailto:z@y.example; d. https://e.example/f?g=h#i.';
    expect(
      linkify(text)
        .map((p) => (typeof p === 'string' ? p : p.text))
        .join(''),
    ).toBe(text);
  });
});
