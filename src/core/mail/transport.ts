import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailMessage } from './mail';

export type MailSender = (message: MailMessage) => Promise<void>;

/** SMTP when configured; otherwise each mail is written to `<dataDir>/mail/*.eml` for developers. */
export function createMailSender(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
}): MailSender {
  if (options.smtpUrl) {
    // Short timeouts: a mail server that accepts the connection and then hangs must not hold a send for minutes.
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    });
    return async (message) => {
      await transport.sendMail({ from: options.from, ...message });
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = join(options.dataDir, 'mail');
  return async (message) => {
    const info = await transport.sendMail({ from: options.from, ...message });
    await mkdir(folder, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
    await writeFile(join(folder, name), info.message as Buffer);
  };
}
