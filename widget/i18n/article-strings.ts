/**
 * Strings of the article view, both languages: they travel in the article chunk, which only a
 * visitor who opens an answer downloads, so the two locales together cost the search path nothing.
 */
const en = {
  back: 'Back',
  wasHelpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  thanksFeedback: 'Thanks for your feedback.',
  helpCentre: 'Open in help centre',
} as const;

export type ArticleKey = keyof typeof en;

const fa: Record<ArticleKey, string> = {
  back: 'بازگشت',
  wasHelpful: 'این پاسخ مفید بود؟',
  yes: 'بله',
  no: 'نه',
  thanksFeedback: 'از بازخورد شما سپاسگزاریم.',
  helpCentre: 'بازکردن در مرکز راهنما',
};

export const articleStrings = { en, fa };
