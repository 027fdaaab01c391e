/**
 * The gap finder and repeated replies in the console: `/api/console/gaps` (groups of what
 * visitors asked and the FAQ did not answer, with dismiss, draft answer and add-as-phrasing)
 * and `/api/console/repeated-replies`. Reading needs an agent who serves the site; acting
 * follows the FAQ editor's rule (an admin, or any agent where `"faqEditors": "agents"`), and
 * drafting or adding phrasings needs a FAQ managed in the console. Groups are computed from
 * the stored searches on every call, and actions name a group by its key, so a client can only
 * act on wordings visitors really asked.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { FaqContent } from '../../protocol/faq-admin.js';
import { GAPS, type GapEntryResponse, type GapGroup, type GapList, type RepeatedReplyList } from '../../protocol/gaps.js';
import { detectLocale } from '../../widget/search/normalize.js';
import { asMeant, entryWords } from '../answers/phrasing.js';
import { repeatedReplies, textSimilarity } from '../gaps/fingerprint.js';
import { groupGaps, type GroupedGap } from '../gaps/group.js';
import { gapKey } from '../gaps/similarity.js';
import type { SiteConfig } from '../config.js';
import type { AgentRecord } from '../store/store.js';
import { HttpError } from './errors.js';
import { createFaqAccess, parse, storeCall, type FaqAdminDeps } from './faq-admin.js';

const DAY_MS = 86_400_000;
const MAX_QUESTION = 500;
const MAX_ANSWER = 20_000;
const MAX_PHRASINGS = 50;
const REPEATED_LISTED = 20;

const keySchema = v.strictObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)) });
const phrasingSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
  entryId: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
});
const replyDraftSchema = v.strictObject({ text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_ANSWER)) });

type Group = GroupedGap & { draftId: string | null };

const since = (now: number) => new Date(now - GAPS.lookbackDays * DAY_MS).toISOString();

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

function draftContent(site: SiteConfig, question: string, answer: string, phrasings: string[]): FaqContent {
  const q = clip(question.trim(), MAX_QUESTION);
  return {
    locale: detectLocale(q) ?? site.locale,
    question: q,
    answer: clip(answer, MAX_ANSWER),
    keywords: [],
    phrasings: phrasings
      .map((p) => clip(p.trim(), MAX_QUESTION))
      .filter(Boolean)
      .slice(0, MAX_PHRASINGS),
    category: null,
    translationOf: null,
  };
}

export function registerGapsApi(app: FastifyInstance, deps: FaqAdminDeps): void {
  const { store } = deps;
  const { mayEdit, reader, editor } = createFaqAccess(deps);
  const mayCurate = (agent: AgentRecord, site: SiteConfig) => agent.role === 'admin' || site.faqEditors === 'agents';
  const faqWords = new Map<string, { version: string; words: ReadonlySet<string> }>();

  /** The words of the site's FAQ, once per FAQ version: they tell text typed on the other keyboard layout. */
  function wordsOfFaq(site: SiteConfig): ReadonlySet<string> {
    const library = deps.faq(site.key);
    if (!library) return new Set();
    const { version } = library.payload();
    let cached = faqWords.get(site.key);
    if (cached?.version !== version) faqWords.set(site.key, (cached = { version, words: entryWords(library.entries()) }));
    return cached.words;
  }

  /** The site's groups now, without the dismissed and the resolved, each with its open draft. */
  async function groupsOf(site: SiteConfig): Promise<Group[]> {
    const now = Date.now();
    const [asks, marks, entries] = await Promise.all([
      store.gapAsks(site.key, since(now)),
      store.listGapMarks(site.key),
      site.faqSource === 'database' ? store.listFaqEntries(site.key) : Promise.resolve([]),
    ]);
    const live = new Map(entries.map((e) => [e.id, e]));
    const hidden = new Set<string>();
    const drafts = new Map<string, string>();
    for (const mark of marks) {
      const entry = mark.entryId === null ? undefined : live.get(mark.entryId);
      // A draft once published answers the question; a deleted draft lets the group show again.
      if (mark.action !== 'draft') hidden.add(mark.wording);
      else if (entry?.published) hidden.add(mark.wording);
      else if (entry) drafts.set(mark.wording, entry.id);
    }
    // A search typed with the keyboard on the other language is listed as its keys meant it,
    // when search would read it so: «قیمت دلار امروز», not "rdlj nghv hlvcc".
    const words = wordsOfFaq(site);
    const meant = asks.map((ask) => ({ ...ask, text: asMeant(ask.text, words) }));
    return groupGaps(meant, { now, hidden }).map((g) => ({
      ...g,
      draftId: g.wordings.map((w) => drafts.get(w)).find((id) => id !== undefined) ?? null,
    }));
  }

  async function groupByKey(site: SiteConfig, key: string): Promise<Group> {
    const group = (await groupsOf(site)).find((g) => g.key === key);
    if (!group) throw new HttpError('not_found', 'That group is no longer listed; reload the list.');
    return group;
  }

  /** After a change: the next /api/faq of this process serves it (other processes poll). */
  const refresh = async (site: SiteConfig) => void (await deps.faq(site.key)?.refresh?.());

  app.get('/api/console/gaps', async (request): Promise<GapList> => {
    const { agent, site } = await reader(request);
    const groups = (await groupsOf(site)).slice(0, GAPS.maxGroups);
    return {
      site: site.key,
      editable: mayEdit(agent, site),
      groups: groups.map(({ key, question, examples, asks, visitors, chats, lastAskedAt, score, draftId }): GapGroup => ({
        key,
        question,
        examples,
        asks,
        visitors,
        chats,
        lastAskedAt,
        score,
        draftId,
      })),
    };
  });

  app.post('/api/console/gaps/dismiss', async (request) => {
    const { agent, site } = await reader(request);
    if (!mayCurate(agent, site)) throw new HttpError('forbidden', 'Only an admin can dismiss questions of this site.');
    const group = await groupByKey(site, parse(keySchema, request.body).key);
    await store.markGaps({ site: site.key, wordings: group.wordings, action: 'dismissed', entryId: null, by: agent.id });
    return { ok: true, dismissed: group.wordings.length };
  });

  app.post('/api/console/gaps/draft', async (request, reply) => {
    const { agent, site } = await editor(request);
    const group = await groupByKey(site, parse(keySchema, request.body).key);
    if (group.draftId) {
      const existing = await store.getFaqEntry(site.key, group.draftId);
      if (existing) return { entry: existing, created: false } satisfies GapEntryResponse;
    }
    // The newest chat an agent answered gives the answer to start from.
    const replies = await store.firstAgentReplies(group.conversationIds);
    const answer = group.conversationIds.map((id) => replies[id]).find((text) => text !== undefined) ?? '';
    const phrasings = group.spellings.filter((s) => gapKey(s) !== group.key);
    const entry = await storeCall(
      store.saveFaqEntry({
        site: site.key,
        content: draftContent(site, group.question, answer, phrasings),
        publish: false,
        by: agent.id,
      }),
    );
    await store.markGaps({ site: site.key, wordings: group.wordings, action: 'draft', entryId: entry.id, by: agent.id });
    await refresh(site);
    return reply.code(201).send({ entry, created: true } satisfies GapEntryResponse);
  });

  app.post('/api/console/gaps/phrasing', async (request) => {
    const { agent, site } = await editor(request);
    const body = parse(phrasingSchema, request.body);
    const entry = await store.getFaqEntry(site.key, body.entryId);
    if (!entry || entry.deletedAt) throw new HttpError('not_found', `No answer ${body.entryId}.`);
    const group = await groupByKey(site, body.key);
    const known = new Set([entry.question, ...entry.phrasings].map(gapKey));
    const added = group.spellings.filter((s) => {
      const key = gapKey(s);
      return !known.has(key) && known.add(key);
    });
    const phrasings = [...entry.phrasings, ...added].slice(0, MAX_PHRASINGS);
    const { id, status, revision, locale, question, answer, keywords, category, translationOf } = entry;
    const content = { locale, question, answer, keywords, category, translationOf };
    // An answer visitors see as it stands is published again at once, so search matches the new
    // phrasings; one with unpublished edits keeps them for its next publish.
    const saved = await storeCall(
      store.saveFaqEntry({
        site: site.key,
        id,
        content: { ...content, phrasings },
        publish: status === 'published',
        baseRevision: revision,
        by: agent.id,
      }),
    );
    await store.markGaps({ site: site.key, wordings: group.wordings, action: 'phrasing', entryId: id, by: agent.id });
    await refresh(site);
    return { entry: saved } satisfies GapEntryResponse;
  });

  registerRepeatedReplies(app, deps, { reader, editor });
}

type Access = Pick<ReturnType<typeof createFaqAccess>, 'reader' | 'editor'>;

/** Replies sent near word for word three times or more that are not saved replies yet. */
function registerRepeatedReplies(app: FastifyInstance, deps: FaqAdminDeps, access: Access): void {
  const { store } = deps;

  async function listed(site: SiteConfig) {
    const [sent, saved] = await Promise.all([store.agentReplies(site.key, since(Date.now())), store.listSavedReplies(null)]);
    return repeatedReplies(sent)
      .filter((r) => !saved.some((s) => textSimilarity(r.text, s.text) >= GAPS.replySimilarity))
      .slice(0, REPEATED_LISTED);
  }

  app.get('/api/console/repeated-replies', async (request): Promise<RepeatedReplyList> => {
    const { site } = await access.reader(request);
    return { site: site.key, replies: await listed(site) };
  });

  app.post('/api/console/repeated-replies/draft', async (request, reply) => {
    const { agent, site } = await access.editor(request);
    const { text } = parse(replyDraftSchema, request.body);
    const found = (await listed(site)).find((r) => r.text.trim() === text);
    if (!found) throw new HttpError('not_found', 'That reply is no longer listed; reload the list.');
    // Without the visitor's question, the reply's first line stands in until the editor changes it.
    const question = found.question ?? found.text.split(/\n|(?<=[.!?؟])\s/)[0] ?? found.text;
    const entry = await storeCall(
      store.saveFaqEntry({ site: site.key, content: draftContent(site, question, found.text, []), publish: false, by: agent.id }),
    );
    return reply.code(201).send({ entry, created: true } satisfies GapEntryResponse);
  });
}
