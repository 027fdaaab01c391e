import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { visitorContextSchema } from '../../protocol/schemas.js';
import { createPageSession } from '../../widget/app/session.js';

const page = () => ({ url: 'https://shop.example/orders?id=1', title: 'Orders', referrer: '', userAgent: 'Chromium' });

describe('page session context for the first message', () => {
  it('records the searches and articles of this page view', () => {
    const session = createPageSession(page);
    session.addSearch('refund', 3);
    session.addArticle('refunds', 'How do refunds work?');
    session.addArticle('refunds', 'How do refunds work?');
    session.setHelpful('refunds', false);
    const context = session.context('en');
    expect(context).toMatchObject({
      url: 'https://shop.example/orders?id=1',
      title: 'Orders',
      locale: 'en',
      userAgent: 'Chromium',
      searches: [{ query: 'refund', hits: 3 }],
      articles: [{ id: 'refunds', title: 'How do refunds work?', helpful: false }],
    });
    expect(context.referrer).toBeUndefined();
  });

  it('stays within what the server accepts however much the visitor did', () => {
    const session = createPageSession(() => ({ ...page(), title: 't'.repeat(5000), referrer: 'https://r.example/' }));
    for (let i = 0; i < 80; i++) session.addSearch(`query ${i} ${'x'.repeat(300)}`, 5000);
    for (let i = 0; i < 80; i++) session.addArticle(`a${i}`, 'T'.repeat(900));
    const context = session.context('fa');
    expect(v.safeParse(visitorContextSchema, context).success).toBe(true);
    expect(context.searches).toHaveLength(50);
    expect(context.searches?.[49]?.query.startsWith('query 79')).toBe(true);
  });
});
