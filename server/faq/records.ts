/** FaqEntry (files, search) ↔ FaqContent (the console's store): one mapping, used both ways. */
import type { FaqEntry } from '../../protocol/types.js';
import type { FaqContent, PublishedFaqEntry } from '../store/store.js';

/** File synonyms are the console's alternate phrasings. */
export function toContent(entry: FaqEntry): FaqContent {
  return {
    locale: entry.locale,
    question: entry.question,
    answer: entry.answer,
    keywords: entry.keywords ?? [],
    phrasings: entry.synonyms ?? [],
    category: entry.category ?? null,
    translationOf: entry.translationOf ?? null,
  };
}

/** The FAQ a site serves: alternate phrasings search like synonyms. */
export function toFaqEntry(entry: PublishedFaqEntry): FaqEntry {
  const out: FaqEntry = { id: entry.id, locale: entry.locale, question: entry.question, answer: entry.answer };
  if (entry.keywords.length) out.keywords = entry.keywords;
  if (entry.phrasings.length) out.synonyms = entry.phrasings;
  if (entry.category) out.category = entry.category;
  if (entry.translationOf) out.translationOf = entry.translationOf;
  return out;
}
