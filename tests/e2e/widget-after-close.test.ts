/**
 * After an agent closes the conversation the visitor still reads the whole transcript, answers
 * the survey without the log shrinking, and writing again starts a new conversation below the
 * old one, behind a "New conversation" divider.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { docScreenshot } from './doc-screenshot.js';
import { connectAgent } from './widget-support.js';

const e2e = useServerAndBrowser();

describe('the widget after a conversation closes', () => {
  it('keeps the transcript readable, puts the survey in the log, and opens a new conversation below a divider', async () => {
    const agent = await connectAgent(e2e.server.url);
    try {
      const page = await (await e2e.newContext({ viewport: { width: 1000, height: 760 } })).newPage();
      await page.goto(`${e2e.server.url}/`);
      await page.getByRole('button', { name: 'Open help' }).click();
      await page.getByRole('button', { name: 'Talk to a person' }).click();
      await page.getByRole('textbox', { name: 'Message' }).fill('My glasses arrived chipped');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const first = await agent.visitorMessage('My glasses arrived chipped');
      await agent.reply(first.conversationId, 'Sorry! A new set ships today.');
      const log = page.getByRole('log', { name: 'Messages' });
      await log.getByText('Sorry! A new set ships today.').waitFor();
      const before = (await log.boundingBox())!.height;

      const closed = await agent.socket.timeout(5000).emitWithAck('conversation:close', { conversationId: first.conversationId });
      expect(closed.ok).toBe(true);
      await log.getByText('This conversation was closed.').waitFor();
      const survey = log.getByRole('group', { name: 'How likely are you to recommend us to a friend?' });
      await survey.waitFor();
      // The survey scrolls with the messages instead of taking the log's room.
      expect((await log.boundingBox())!.height).toBeGreaterThanOrEqual(before - 1);
      await docScreenshot(page.locator('pasokh-widget section'), 'widget-closed.png');
      await survey.getByRole('button', { name: '9 out of 10' }).click();
      await log.getByText('Thank you for rating this conversation.').waitFor();

      await page.getByRole('textbox', { name: 'Message' }).fill('One more question about the saucers');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const second = await agent.visitorMessage('One more question about the saucers');
      expect(second.conversationId).not.toBe(first.conversationId);
      await agent.reply(second.conversationId, 'Ask away.');
      await log.getByText('Ask away.').waitFor();
      // The old conversation is still there, above the divider, and the new one below it.
      const text = await log.innerText();
      const at = (needle: string) => text.indexOf(needle);
      expect(at('My glasses arrived chipped')).toBeGreaterThanOrEqual(0);
      expect(at('Sorry! A new set ships today.')).toBeLessThan(at('New conversation'));
      expect(at('New conversation')).toBeLessThan(at('One more question about the saucers'));
      expect(at('One more question about the saucers')).toBeLessThan(at('Ask away.'));
      await docScreenshot(page.locator('pasokh-widget section'), 'widget-new-conversation.png');
    } finally {
      agent.close();
    }
  });
});
