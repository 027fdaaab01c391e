import { describe, expect, it } from 'vitest';
import { translate } from '../../console/i18n/index.js';
import { loadStrings, t } from '../../widget/i18n/runtime.js';

describe('plurals through Intl.PluralRules', () => {
  it('says "1 answer" and "1 minute" in the widget, in both languages', async () => {
    await Promise.all([loadStrings('en'), loadStrings('fa')]);
    expect(t('en', 'resultCount', { count: 1 })).toBe('1 answer');
    expect(t('en', 'resultCount', { count: 3 })).toBe('3 answers');
    expect(t('en', 'resultCount', { count: 0 })).toBe('0 answers');
    expect(t('en', 'onlineReplyMinutes', { minutes: 1 })).toBe('We usually reply in about a minute');
    expect(t('en', 'onlineReplyMinutes', { minutes: 4 })).toBe('We usually reply in about 4 minutes');
    expect(t('fa', 'resultCount', { count: 1 })).toBe('۱ پاسخ');
    expect(t('fa', 'onlineReplyMinutes', { minutes: 1 })).toBe('معمولاً در حدود یک دقیقه پاسخ می‌دهیم');
    expect(t('fa', 'onlineReplyMinutes', { minutes: 5 })).toBe('معمولاً در حدود ۵ دقیقه پاسخ می‌دهیم');
  });

  it('says "1 survey answer" and "1 search" in the console', () => {
    expect(translate('en', 'insights.responses', { n: 1 })).toBe('1 survey answer');
    expect(translate('en', 'insights.responses', { n: 2 })).toBe('2 survey answers');
    expect(translate('en', 'insights.searches', { n: 1 })).toBe('1 search');
    expect(translate('en', 'ctx.hits', { n: 1 })).toBe('1 result');
    expect(translate('en', 'composer.tooLong', { n: 1 })).toBe('1 character over the limit');
    expect(translate('fa', 'insights.responses', { n: 1 })).toBe('۱ پاسخ نظرسنجی');
  });
});
