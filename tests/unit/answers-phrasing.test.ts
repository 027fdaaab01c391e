/**
 * The wording search learns from a visitor: as its writer meant it, so text typed with the
 * keyboard on the other language is learned (and shown to the owner) as its keys meant it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { phrasingOf } from '../../server/answers/phrasing.js';

const entries = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../demo/faq.json'), 'utf8')) as FaqEntry[];
const entry = (id: string): FaqEntry => entries.find((e) => e.id === id) as FaqEntry;

describe('phrasingOf', () => {
  it('learns text typed on the other keyboard layout as its keys meant it', () => {
    expect(phrasingOf('gy, hajvh;  ', entry('fa-cancel-subscription'))).toEqual({ text: 'لغو اشتراک', wording: 'لغو اشتراک' });
    expect(phrasingOf('حشزنشلث مخسف', entry('en-package-not-received'))?.text).toBe('package lost');
  });

  it('keeps a wording that shares a word with the entry as typed, and Persian typed in Latin letters too', () => {
    expect(phrasingOf('where   is my parcel', entry('en-package-not-received'))).toEqual({
      text: 'where is my parcel',
      wording: 'where is my parcel',
    });
    // Finglish: no word of it is the entry's, and neither is any its keys type on the Persian layout.
    expect(phrasingOf('laghv eshterak', entry('fa-cancel-subscription'))?.text).toBe('laghv eshterak');
  });

  it('learns nothing from the entry’s own question or from a word of two letters', () => {
    const cancel = entry('en-cancel-subscription');
    expect(phrasingOf(` ${cancel.question.toUpperCase()} `, cancel)).toBeNull();
    expect(phrasingOf('ok', cancel)).toBeNull();
  });
});
