import { describe, expect, it } from 'vitest';
import { slugOf } from './MeetingTypeDialog';
import { embedSnippet } from './use-meeting-types';

describe('meeting type helpers', () => {
  it('makes a latin page address from a Russian or English name', () => {
    expect(slugOf('Консультация по поставке')).toBe('konsultaciya-po-postavke');
    expect(slugOf('  Demo call! ')).toBe('demo-call');
    expect(slugOf('Щука и ёж')).toBe('schuka-i-ezh');
  });

  it('embeds the widget from the public page address', () => {
    const snippet = embedSnippet('https://crm.example.ru/book/romashka/konsultaciya');
    expect(snippet).toContain('src="https://crm.example.ru/booking.js"');
    expect(snippet).toContain('data-workspace="romashka"');
    expect(snippet).toContain('data-type="konsultaciya"');
    expect(snippet).toContain('data-target="#voronka-booking"');
  });
});
