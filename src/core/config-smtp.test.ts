import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the SMTP setting for notifiers’ e-mail', () => {
  it('leaves e-mail off when DOCKET_SMTP_URL is not set', () => expect(loadConfig({}).smtp).toBeUndefined());

  it('takes an smtp:// or smtps:// address, with the sender given or one at the SMTP host', () => {
    expect(loadConfig({ DOCKET_SMTP_URL: 'smtp://mail.example.org:587' }).smtp).toEqual({
      url: 'smtp://mail.example.org:587',
      from: 'docket@mail.example.org',
    });
    expect(
      loadConfig({ DOCKET_SMTP_URL: 'smtps://u:p@mail.example.org', DOCKET_SMTP_FROM: 'Docket <n@example.org>' }).smtp,
    ).toEqual({ url: 'smtps://u:p@mail.example.org', from: 'Docket <n@example.org>' });
  });

  it('stops the start on another kind of address, naming the variable', () => {
    expect(() => loadConfig({ DOCKET_SMTP_URL: 'https://mail.example.org' })).toThrow(
      /DOCKET_SMTP_URL must be an smtp/,
    );
    expect(() => loadConfig({ DOCKET_SMTP_URL: 'mail.example.org' })).toThrow(/DOCKET_SMTP_URL/);
  });
});
