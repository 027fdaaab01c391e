/**
 * Deflection at the last step, in real Chromium: while a visitor types in the chat's Message box
 * the widget offers answers ("These may answer it"), and opening one is recorded as a deflection;
 * an agent replies with an answer card from the console's suggested answers, the widget shows it
 * and opens the article, and search learns the visitor's wording at once. An article opened from
 * the chat goes Back to the chat, draft and conversation intact; one opened from search, to search.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LearnedPhrasing } from '../../protocol/answers.js';
import { consoleApi, loginCookie, signInConsole, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();

/** The deflect events the server stored, read from its database file. */
function deflections(): { query: string; article_id: string }[] {
  const db = new Database(join(e2e.server.dataDir, 'pasokh.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT query, article_id FROM faq_events WHERE kind = 'deflect'").all() as {
      query: string;
      article_id: string;
    }[];
  } finally {
    db.close();
  }
}

async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('deflection at the last step', () => {
  it('offers answers while the visitor types a message, records the one opened, and delivers an agent answer card', async () => {
    const agent = await (await e2e.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const visitor = await (await e2e.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    for (const page of [agent, visitor]) page.on('pageerror', (e) => errors.push(e.message));
    const conversations = await signInConsole(agent, e2e.server.url);

    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    const box = visitor.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially('my parcel says delivered but never came', { delay: 20 });
    await visitor.getByRole('heading', { name: 'These may answer it' }).waitFor();
    const offered = visitor.getByRole('link', { name: "My order says delivered but I didn't receive it" });
    await offered.click();
    await visitor.getByText('Was this helpful?').waitFor();
    // The beacon flushes within two seconds.
    const recorded = await eventually(deflections, (rows) => rows.length > 0);
    expect(recorded).toEqual([{ query: 'my parcel says delivered but never came', article_id: 'en-package-not-received' }]);

    // Not deflected after all: Back is the chat, with the words typed still in the box.
    await visitor.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => box.inputValue()).toBe('my parcel says delivered but never came');
    await visitor.getByRole('heading', { name: 'These may answer it' }).waitFor();
    // A long draft, the question told after a story past its fortieth word, is still answered.
    await box.fill('');
    await visitor.getByRole('heading', { name: 'These may answer it' }).waitFor({ state: 'detached' });
    await box.fill(
      'Hello, I hope you are well. I have shopped with you for years and always told my friends and family about you. ' +
        'Last week something happened that I did not expect at all, and I spent the whole weekend trying to sort it out myself. ' +
        'My parcel says delivered but never came.',
    );
    await offered.waitFor();
    // Ask, and the agent answers with a card.
    await box.fill('where is my order 1042 now?');
    await visitor.getByRole('button', { name: 'Send' }).click();
    const row = conversations.getByRole('listitem').filter({ hasText: 'where is my order 1042' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const suggested = agent.getByRole('list', { name: 'Suggested answers' });
    await suggested.waitFor({ timeout: 10_000 });
    await suggested
      .getByRole('listitem')
      .filter({ hasText: 'Where is my order?' })
      .getByRole('button', { name: 'Reply with card' })
      .click();

    const card = visitor.getByRole('button', { name: 'Where is my order?' });
    await card.waitFor({ timeout: 10_000 });
    await card.click();
    await visitor.getByRole('heading', { name: 'Where is my order?' }).waitFor();
    await visitor.getByText('Was this helpful?').waitFor();
    // Back from the card's article is the conversation, its message and card still there.
    await visitor.getByRole('button', { name: 'Back' }).click();
    await visitor.getByText('where is my order 1042 now?').waitFor();
    await card.waitFor();
    expect(await box.inputValue()).toBe('');
    // From search, Back is still search, with the query.
    await visitor.getByRole('button', { name: 'Search answers' }).click();
    const search = visitor.getByRole('searchbox', { name: 'Search' });
    await search.fill('where is my order');
    await visitor.getByRole('link', { name: /^Where is my order\?/ }).click();
    await visitor.getByText('Was this helpful?').waitFor();
    await visitor.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => search.inputValue()).toBe('where is my order');
    expect(await box.count()).toBe(0);

    const cookie = await loginCookie(e2e.server.url);
    const { phrasings } = await consoleApi<{ phrasings: LearnedPhrasing[] }>(
      e2e.server.url,
      cookie,
      'GET',
      '/api/console/faq-learned?site=default&entry=en-order-status',
    );
    expect(phrasings).toMatchObject([{ text: 'where is my order 1042 now?', source: 'agent', promoted: true }]);
    expect(errors).toEqual([]);
  });
});
