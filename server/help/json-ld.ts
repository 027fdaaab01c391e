/**
 * schema.org structured data: `FAQPage` for a page listing answers, `QAPage` for one answer.
 * Serialised so that nothing in it can end the `<script>` element that carries it.
 */
import { trusted, type SafeHtml } from './html.js';

export interface LdAnswer {
  question: string;
  /** The answer as plain text. */
  text: string;
  url: string;
}

const question = (a: LdAnswer) => ({
  '@type': 'Question',
  name: a.question,
  answerCount: 1,
  acceptedAnswer: { '@type': 'Answer', text: a.text, url: a.url },
});

export function faqPageLd(answers: readonly LdAnswer[], url: string, inLanguage: string): object {
  return { '@context': 'https://schema.org', '@type': 'FAQPage', url, inLanguage, mainEntity: answers.map(question) };
}

export function qaPageLd(answer: LdAnswer, inLanguage: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    url: answer.url,
    inLanguage,
    mainEntity: { ...question(answer), text: answer.question },
  };
}

/**
 * JSON for inside `<script type="application/ld+json">`: "<", ">" and "&" become \u escapes
 * (still the same JSON), so a question containing "</script>" cannot close the element.
 */
export function ldScriptBody(data: object): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return trusted(json);
}
