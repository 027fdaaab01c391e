/**
 * "Never a dead end": when nobody can answer, "Talk to a person" becomes a
 * leave-a-message form at once (no spinner), the console shows the conversation as offline with
 * the visitor's email, and the visitor sees the agent's reply when they come back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInConsole, useServerAndBrowser, widgetText } from './support.js';

// Development without SMTP: email is on (written as .eml files), so the form may promise it.
const e2e = useServerAndBrowser({ NODE_ENV: 'development' });

async function newPage(width: number, height: number): Promise<Page> {
  const context = await e2e.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return page;
}

/** Opens the widget and asks for a person; resolves once the leave-a-message form is there. */
async function askForAPerson(visitor: Page): Promise<void> {
  await visitor.goto(`${e2e.server.url}/`);
  await visitor.getByRole('button', { name: 'Open help' }).click();
  await visitor.getByRole('searchbox', { name: 'Search' }).waitFor();
  await visitor.getByRole('button', { name: 'Talk to a person' }).click();
  // The form, not a chat box waiting for somebody: within a moment, with no spinner left behind.
  await visitor.getByRole('textbox', { name: 'Email' }).waitFor({ timeout: 5000 });
  expect(await visitor.getByText('Nobody is online right now').count()).toBeGreaterThan(0);
  expect(await visitor.getByText(/Opening the chat|Connecting…|Loading…/).count()).toBe(0);
  expect(await visitor.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
}

async function leaveMessage(visitor: Page, input: { email: string; name: string; text: string }): Promise<void> {
  await visitor.getByRole('textbox', { name: 'Email' }).fill(input.email);
  await visitor.getByRole('textbox', { name: 'Name (optional)' }).fill(input.name);
  await visitor.getByRole('textbox', { name: 'Message' }).fill(input.text);
  await visitor.getByRole('button', { name: 'Send message' }).click();
  // Soft, so a missing confirmation is reported and the rest of the flow is still checked.
  const confirmation = visitor.getByRole('status').filter({ hasText: `Thanks. We will reply to ${input.email}.` });
  const confirmed = await confirmation.waitFor({ timeout: 5000 }).then(
    () => true,
    () => false,
  );
  expect.soft(confirmed, 'the visitor is told the message was left and where the reply will go').toBe(true);
  // Either way the message itself is on screen: it was stored.
  await visitor.getByText(input.text).first().waitFor({ timeout: 10_000 });
}

describe('leaving a message when nobody is online', () => {
  it('stores the message as an offline conversation and shows the agent’s reply when the visitor returns', async () => {
    const visitor = await newPage(1280, 800);
    const errors: string[] = [];
    visitor.on('pageerror', (error) => errors.push(error.message));

    // Nobody is signed in.
    await askForAPerson(visitor);
    await leaveMessage(visitor, {
      email: 'leila@example.com',
      name: 'Leila',
      text: 'Can you gift-wrap the samovar starter kit I ordered yesterday? Order #2291.',
    });

    // An agent signs in later: the conversation waits, marked as left while offline, with the email.
    const agent = await newPage(1400, 900);
    const queue = await signInConsole(agent, e2e.server.url);
    const row = queue.getByRole('listitem').filter({ hasText: 'gift-wrap the samovar' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Left a message');
    expect(await row.textContent()).toContain('Leila');
    await row.click();
    await agent.getByText('Left while nobody was online; reply by email to leila@example.com.').waitFor();
    await agent
      .getByRole('textbox', { name: 'Reply' })
      .fill('Hi Leila, done: your samovar kit will be gift-wrapped at no charge.');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    await agent.getByRole('log', { name: 'Messages' }).getByText('gift-wrapped at no charge').waitFor();
    await expect.poll(() => agent.getByRole('log', { name: 'Messages' }).locator('.msg-pending').count()).toBe(0);

    // The visitor comes back in the same browser: opening the widget shows the reply.
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByText('your samovar kit will be gift-wrapped at no charge').waitFor({ timeout: 10_000 });
    expect(await widgetText(visitor)).toContain('Can you gift-wrap the samovar starter kit');
    expect(errors).toEqual([]);
  });

  it('offers the form, not a chat, while the only agent is set to Away', async () => {
    const agent = await newPage(1400, 900);
    const queue = await signInConsole(agent, e2e.server.url);
    await agent.getByRole('combobox', { name: 'Status' }).selectOption('away');
    await expect.poll(() => agent.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('away');

    const visitor = await newPage(1280, 800);
    await askForAPerson(visitor);
    await leaveMessage(visitor, { email: 'navid@example.com', name: 'Navid', text: 'Do you ship tea glasses to Norway?' });

    // The away agent still sees it arrive, as a left message.
    const row = queue.getByRole('listitem').filter({ hasText: 'ship tea glasses to Norway' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Left a message');
  });
});
