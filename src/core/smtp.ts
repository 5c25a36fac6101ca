import nodemailer from 'nodemailer';
import type { Sender } from './outbox.js';

/** The outbox transport that sends e-mail through the SMTP server of DOCKET_SMTP_URL. */
export const EMAIL_TRANSPORT = 'email';

/** An e-mail as the outbox keeps it until sent. */
export interface MailPayload {
  to: string;
  subject: string;
  text: string;
}

export interface SmtpSettings {
  /** `smtp://user:password@host:port` (STARTTLS when the server offers it) or `smtps://…` (TLS from the start). */
  url: string;
  from: string;
}

const TIMEOUT_MS = 10_000;

/**
 * The sender of the `email` transport. A message the server refuses for good (a 5xx answer: no such mailbox) fails
 * at once; anything else (no answer, a 4xx, a dropped connection) is retried by the outbox with its backoff.
 */
export function createSmtpSender(settings: SmtpSettings): Sender {
  const transporter = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return async (message) => {
    const mail = message.payload as unknown as MailPayload;
    try {
      const sent = await transporter.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'x-docket-message': message.id },
      });
      if (sent.rejected.length > 0)
        return { outcome: 'failed', status: null, error: `refused: ${sent.response}`, retryInSeconds: null };
      return { outcome: 'delivered', status: null, error: null, retryInSeconds: null };
    } catch (failure) {
      const code = (failure as { responseCode?: number }).responseCode;
      const error = (failure as Error).message;
      return code !== undefined && code >= 500
        ? { outcome: 'failed', status: null, error, retryInSeconds: null }
        : { outcome: 'retrying', status: null, error, retryInSeconds: null };
    }
  };
}
