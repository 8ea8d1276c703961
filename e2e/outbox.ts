import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, login } from './fixtures';

/* ------------------------------------------------------------------------------------------------
 * The outbox: without SMTP the dev server's worker writes every mail to <DATA_DIR>/mail/*.eml
 * (playwright.config.ts hands the data directory down in E2E_DATA_DIR).
 * ---------------------------------------------------------------------------------------------- */

export type Mail = {
  file: string;
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
};

export function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 encoded words (nodemailer writes non-ASCII subjects as =?UTF-8?Q?…?=). */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

export function decodeQuotedPrintable(data: string): string {
  const bytes: number[] = [];
  const text = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

export type Part = { headers: Map<string, string>; body: string };

/** The leaf parts of a (possibly multipart) message, decoded. */
export function partsOf(raw: string): Part[] {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = headersOf(head);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) {
    return [{ headers, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
  }
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => partsOf(chunk.replace(/^\r?\n/, '')));
}

export function parseMail(file: string): Mail {
  const raw = readFileSync(file, 'utf8');
  const parts = partsOf(raw);
  const headers = headersOf(raw.slice(0, raw.search(/\r?\n\r?\n/)));
  const isAttachment = (p: Part) => /attachment|filename=/i.test(p.headers.get('content-disposition') ?? '');
  return {
    file,
    to: headers.get('to') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts
      .filter(
        (p) => !isAttachment(p) && (p.headers.get('content-type') ?? 'text/plain').startsWith('text/plain'),
      )
      .map((p) => p.body)
      .join('\n'),
    attachments: parts.filter(isAttachment).map((p) => ({
      filename: /filename="?([^";]+)"?/i.exec(p.headers.get('content-disposition') ?? '')?.[1] ?? '',
      contentType: p.headers.get('content-type') ?? '',
      content: p.body,
    })),
  };
}

export function mailsTo(address: string): Mail[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  const folder = join(dataDir, 'mail');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parseMail(join(folder, name)))
    .filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

/** Waits for the outbox worker (it polls every few seconds) to have written a matching mail. */
export async function expectMail(address: string, match: (m: Mail) => boolean, what: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = mailsTo(address).find(match);
        return !!found;
      },
      { message: `a mail to ${address}: ${what}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/* ------------------------------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------------------------------- */

export const MECHELEN = 'Lokaal bestuur Mechelen';

/**
 * Pieter Janssens (mechelen@…) works for Mechelen and for an intermunicipal partnership: after logging
 * in, he makes sure he acts for Lokaal bestuur Mechelen.
 */
export async function loginAsMechelenOfficer(page: Page): Promise<void> {
  await login(page, 'mechelen');
  await page.getByLabel('Ik werk voor').selectOption({ label: `${MECHELEN} (Medewerker lokaal bestuur)` });
  await page.getByRole('button', { name: 'Wissel' }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('banner')).toContainText(`${MECHELEN} · Medewerker lokaal bestuur`);
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('status')).toHaveText('U bent afgemeld.');
}
