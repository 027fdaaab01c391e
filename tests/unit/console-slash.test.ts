import { describe, expect, it } from 'vitest';
import { findSlashQuery, replaceRange } from '../../console/lib/slash.js';

describe('the / saved-reply shortcut', () => {
  it('finds a slash token at the start of the box or after a space', () => {
    expect(findSlashQuery('/ref', 4)).toEqual({ start: 0, end: 4, query: 'ref' });
    expect(findSlashQuery('Hello /gre', 10)).toEqual({ start: 6, end: 10, query: 'gre' });
    expect(findSlashQuery('/', 1)).toEqual({ start: 0, end: 1, query: '' });
  });

  it('ignores slashes inside words and URLs, and tokens the caret has left', () => {
    expect(findSlashQuery('and/or', 6)).toBeNull();
    expect(findSlashQuery('see https://x.test/a', 20)).toBeNull();
    expect(findSlashQuery('/ref done', 9)).toBeNull();
  });

  it('replaces the token and puts the caret after the insertion', () => {
    expect(replaceRange('Hello /gre!', 6, 10, 'Hi Sara')).toEqual({ text: 'Hello Hi Sara!', caret: 13 });
  });
});
