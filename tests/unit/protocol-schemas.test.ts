import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import {
  agentMessageSendSchema,
  describeIssues,
  faqEventsBodySchema,
  offlineLeaveSchema,
  surveyAnswerSchema,
  visitorAuthSchema,
  visitorMessageSendSchema,
} from '../../protocol/schemas.js';

const clientId = '0b5c1d9e-2f34-4a7b-9c8d-112233445566';

describe('payload schemas', () => {
  it('accept a well-formed visitor message with context', () => {
    expect(
      v.is(visitorMessageSendSchema, {
        clientId,
        text: 'سلام',
        context: { url: 'https://x.example/', searches: [{ query: 'refund', hits: 0 }] },
      }),
    ).toBe(true);
  });

  it('cap message text at 4,000 characters and refuse blank text', () => {
    expect(v.is(visitorMessageSendSchema, { clientId, text: 'a'.repeat(MAX_MESSAGE_LENGTH) })).toBe(true);
    expect(v.is(visitorMessageSendSchema, { clientId, text: 'a'.repeat(MAX_MESSAGE_LENGTH + 1) })).toBe(false);
    expect(v.is(visitorMessageSendSchema, { clientId, text: ' \n\t ' })).toBe(false);
  });

  it('refuse unknown keys and wrong types instead of storing them', () => {
    expect(v.is(visitorMessageSendSchema, { clientId, text: 'hi', admin: true })).toBe(false);
    expect(v.is(agentMessageSendSchema, { conversationId: 'c1', clientId, text: 'hi', internal: 'yes' })).toBe(false);
    expect(v.is(visitorMessageSendSchema, { clientId: 'a b', text: 'hi' })).toBe(false);
  });

  it('bound the context a visitor can attach', () => {
    const searches = Array.from({ length: 51 }, (_, i) => ({ query: `q${i}`, hits: 1 }));
    expect(v.is(visitorMessageSendSchema, { clientId, text: 'hi', context: { searches } })).toBe(false);
    expect(v.is(visitorMessageSendSchema, { clientId, text: 'hi', context: { url: 'u'.repeat(2049) } })).toBe(false);
  });

  it('take scores 0 to 10 only', () => {
    expect(v.is(surveyAnswerSchema, { conversationId: 'c1', score: 0 })).toBe(true);
    expect(v.is(surveyAnswerSchema, { conversationId: 'c1', score: 10 })).toBe(true);
    expect(v.is(surveyAnswerSchema, { conversationId: 'c1', score: 10.5 })).toBe(false);
    expect(v.is(surveyAnswerSchema, { conversationId: 'c1', score: -1 })).toBe(false);
  });

  it('want a real email address for a left message', () => {
    expect(v.is(offlineLeaveSchema, { clientId, email: 'sara@example.com', text: 'call me' })).toBe(true);
    expect(v.is(offlineLeaveSchema, { clientId, email: 'not-an-email', text: 'call me' })).toBe(false);
  });

  it('check the identity hash shape in the handshake', () => {
    expect(v.is(visitorAuthSchema, { site: 'default', user: { id: 'u1', hash: 'f'.repeat(64) } })).toBe(true);
    expect(v.is(visitorAuthSchema, { site: 'default', user: { id: 'u1', hash: 'nothex' } })).toBe(false);
  });

  it('limit an analytics beacon to 50 events', () => {
    const events = Array.from({ length: 51 }, () => ({ kind: 'search' as const, query: 'x', hits: 0 }));
    expect(v.is(faqEventsBodySchema, { site: 'default', events })).toBe(false);
    expect(v.is(faqEventsBodySchema, { site: 'default', events: events.slice(0, 50) })).toBe(true);
  });

  it('describe what is wrong with the path to the field', () => {
    const result = v.safeParse(visitorMessageSendSchema, { clientId, text: 5 });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.issues)).toMatch(/^text: /);
  });
});
