/**
 * Search that learns from use. A visitor's query that led to an answer they voted helpful, or a
 * visitor's message an agent answered with that answer's card, becomes a learned phrasing of the
 * entry; promoted ones are indexed into the site's FAQ payload (below the owner's own text).
 */
import { ANSWERS } from '../../protocol/answers.js';
import type { FaqEntry, FaqEvent, VisitorId } from '../../protocol/types.js';
import type { SiteConfig } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import { buildFaqPayload, type BuiltPayload, type LearnedWordings } from '../faq/payload.js';
import type { Store } from '../store/store.js';
import { phrasingOf } from './phrasing.js';

export interface AnswerLearningDeps {
  store: Store;
  site(key: string): SiteConfig | undefined;
  faq(key: string): FaqLibrary | undefined;
  /**
   * How long a site's promoted phrasings are reused before the store is asked again (what
   * other processes learned shows up within it). @default 2000
   */
  cacheMs?: number;
}

export interface AnswerLearning {
  /** The site's search payload with its promoted phrasings indexed. */
  payload(site: string, library: FaqLibrary): Promise<BuiltPayload>;
  /**
   * Learns from the helpful votes among a visitor's new events (call it before storing them):
   * each vote teaches the query the visitor typed last before it, if recent.
   */
  learnFromVotes(site: SiteConfig, visitorId: VisitorId, events: readonly FaqEvent[]): Promise<void>;
  /** An agent answered `text` with entry `entryId`'s card: learned at once. */
  learnFromCard(site: string, entryId: string, text: string, agentId: string): Promise<void>;
  /** Drops what is cached for the site (after an owner removed a phrasing). */
  forget(site: string): void;
}

interface Cached {
  at: number;
  learned: LearnedWordings;
  stamp: string;
  built?: { key: string; payload: BuiltPayload };
}

/** A site's FAQ entry by id, or undefined when the site's FAQ does not have it. */
export const entryOf = (deps: Pick<AnswerLearningDeps, 'faq'>, site: string, entryId: string): FaqEntry | undefined =>
  deps
    .faq(site)
    ?.entries()
    .find((e) => e.id === entryId);

export function createAnswerLearning(deps: AnswerLearningDeps): AnswerLearning {
  const { store } = deps;
  const cacheMs = deps.cacheMs ?? 2000;
  const cache = new Map<string, Cached>();

  async function learnedOf(site: string): Promise<Cached> {
    const cached = cache.get(site);
    if (cached && Date.now() - cached.at < cacheMs) return cached;
    const learned = new Map<string, string[]>();
    for (const p of await store.listLearnedPhrasings(site, { promotedOnly: true })) {
      learned.set(p.entryId, [...(learned.get(p.entryId) ?? []), p.text]);
    }
    const stamp = JSON.stringify([...learned]);
    const next: Cached = { at: Date.now(), learned, stamp, ...(cached?.stamp === stamp ? { built: cached.built } : {}) };
    cache.set(site, next);
    return next;
  }

  async function learn(site: string, entryId: string, text: string, source: 'visitor' | 'agent', voter: string) {
    const entry = entryOf(deps, site, entryId);
    const phrasing = entry && phrasingOf(text, entry);
    if (!entry || !phrasing) return;
    const config = deps.site(site);
    const afterVisitors = config?.learnAfterVisitors ?? ANSWERS.learnAfterVisitors;
    const maxCandidates = config?.learnCandidatesPerAnswer ?? ANSWERS.learnCandidatesPerAnswer;
    const learned = await store.learnPhrasing({
      site,
      entryId,
      locale: entry.locale,
      ...phrasing,
      source,
      voter,
      afterVisitors,
      maxCandidates,
    });
    if (learned?.promoted) cache.delete(site);
  }

  return {
    async payload(site, library) {
      const base = library.payload();
      const cached = await learnedOf(site);
      if (!cached.learned.size) return base;
      const key = `${base.version}:${cached.stamp}`;
      if (cached.built?.key !== key) {
        const vocabulary = deps.site(site)?.vocabulary ?? true;
        cached.built = { key, payload: buildFaqPayload(site, library.entries(), vocabulary, cached.learned) };
      }
      return cached.built.payload;
    },
    async learnFromVotes(site, visitorId, events) {
      if (!site.learnAfterVisitors || !events.some((e) => e.kind === 'helpful' && e.helpful === true)) return;
      const since = new Date(Date.now() - ANSWERS.queryWindowMinutes * 60_000).toISOString();
      // The query before the batch, then each query of the batch in the order typed.
      let query = await store.lastVisitorQuery(site.key, visitorId, since);
      for (const event of events) {
        if ((event.kind === 'search' || event.kind === 'deflect') && event.query) query = event.query;
        if (event.kind === 'helpful' && event.helpful === true && event.articleId && query)
          await learn(site.key, event.articleId, query, 'visitor', visitorId);
      }
    },
    learnFromCard: (site, entryId, text, agentId) => learn(site, entryId, text, 'agent', agentId),
    forget: (site) => void cache.delete(site),
  };
}
