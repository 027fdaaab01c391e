import { describe, expect, it } from 'vitest';
import { fillPlaceholders, nameFallback } from '../../console/lib/placeholders.js';

describe('saved-reply placeholders', () => {
  it('fills name, agent and site', () => {
    expect(fillPlaceholders('Hi {name}, this is {agent} from {site}.', { name: 'Sara', agent: 'Ali', site: 'shop' })).toBe(
      'Hi Sara, this is Ali from shop.',
    );
  });

  it('fills every occurrence of a placeholder', () => {
    expect(fillPlaceholders('{name}? {name}!', { name: 'Reza' })).toBe('Reza? Reza!');
  });

  it('falls back to "there" for a visitor without a name', () => {
    expect(fillPlaceholders('Hi {name}!', { name: null, locale: 'en-GB' })).toBe('Hi there!');
    expect(fillPlaceholders('Hi {name}!', { name: '   ' })).toBe('Hi there!');
  });

  it('falls back to a Persian greeting for a Persian-speaking visitor', () => {
    expect(fillPlaceholders('سلام {name}', { locale: 'fa-IR' })).toBe('سلام دوست عزیز');
    expect(nameFallback('FA')).toBe('دوست عزیز');
    expect(nameFallback('fr')).toBe('there');
  });

  it('leaves unknown placeholders for the agent to notice', () => {
    expect(fillPlaceholders('Order {order} for {name}', { name: 'Sara' })).toBe('Order {order} for Sara');
  });

  it('inserts values literally without re-expanding placeholders inside them', () => {
    expect(fillPlaceholders('Hi {name}', { name: '{agent} $& $1', agent: 'Ali' })).toBe('Hi {agent} $& $1');
  });

  it('trims names and leaves missing agent or site empty', () => {
    expect(fillPlaceholders('{name}|{agent}|{site}', { name: ' Sara ' })).toBe('Sara||');
  });
});
