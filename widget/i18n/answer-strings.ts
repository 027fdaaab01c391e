/**
 * Strings of the FAQ answers shown in the chat (suggestions for the draft, answer cards), both
 * languages: they travel in the lazy chunk that shows them, fetched with the chat's.
 */
const en = {
  mayAnswer: 'These may answer it',
} as const;

export type AnswerKey = keyof typeof en;

const fa: Record<AnswerKey, string> = {
  mayAnswer: 'شاید این‌ها پاسخ پرسش شما باشند',
};

export const answerStrings = { en, fa };
