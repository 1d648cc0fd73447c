import { describe, expect, it } from 'vitest';
import { channelBody } from '../channels/use-channels';
import { setLanguage } from '../../lib/i18n';
import {
  clientLabel,
  distinctSubject,
  emailDocument,
  emailFrameHeight,
  formatSize,
} from './inbox-format';

describe('inbox formatting', () => {
  it('names the client by the matched contact, else as they wrote', () => {
    expect(
      clientLabel({
        contact: { id: 'c', name: 'Волков Андрей' },
        clientName: 'Андрей',
        clientAddress: 'a@b.ru',
      }),
    ).toBe('Волков Андрей');
    expect(clientLabel({ contact: null, clientName: null, clientAddress: '+79161234567' })).toBe(
      '+79161234567',
    );
    expect(clientLabel({ contact: null, clientName: null, clientAddress: null })).toBeNull();
  });

  it('does not repeat the channel name as the subject («Заявка с сайта · Заявка с сайта»)', () => {
    const channel = { id: 'ch', kind: 'web' as const, name: 'Заявка с сайта' };
    expect(distinctSubject({ channel, subject: 'Заявка с сайта' })).toBeNull();
    expect(distinctSubject({ channel, subject: 'Доставка кресел' })).toBe('Доставка кресел');
    expect(distinctSubject({ channel, subject: null })).toBeNull();
  });

  it('wraps e-mail HTML in a document that loads nothing from outside and opens links in a new tab', () => {
    const doc = emailDocument('<p>Привет</p>');
    expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(doc).toContain('<base target="_blank">');
    expect(doc).toContain('<body><p>Привет</p></body>');
  });

  it('gives a short letter a small frame and a long one a capped, scrolling frame', () => {
    expect(emailFrameHeight('<p>Да</p>')).toBe(80);
    expect(emailFrameHeight(`<p>${'слово '.repeat(2000)}</p>`)).toBe(560);
  });

  it('shows sizes in B, KB and MB in the UI language', async () => {
    await setLanguage('ru');
    expect([formatSize(13), formatSize(2048), formatSize(3.5 * 1024 * 1024)]).toEqual([
      '13 Б',
      '2 КБ',
      '3,5 МБ',
    ]);
    await setLanguage('en');
    expect([formatSize(13), formatSize(2048), formatSize(3.5 * 1024 * 1024)]).toEqual([
      '13 B',
      '2 KB',
      '3.5 MB',
    ]);
    await setLanguage('ru');
  });
});

describe('channel form body', () => {
  it('leaves out blank settings, splits lists, and sends only the secrets that were typed', () => {
    expect(
      channelBody(
        { allowedDomains: 'kirpich.ru, www.kirpich.ru', botUsername: ' shop_bot ', imapHost: '' },
        { botToken: '', imapPassword: 'p@ss' },
      ),
    ).toEqual({
      settings: { allowedDomains: ['kirpich.ru', 'www.kirpich.ru'], botUsername: 'shop_bot' },
      secrets: { imapPassword: 'p@ss' },
    });
  });
});
