const TIME_ZONE = 'Europe/Brussels';
const LOCALE = 'nl-BE';

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDateFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const euroFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR' });
const numberFormat = new Intl.NumberFormat(LOCALE);

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
}

/** 23/11/2026 */
export function formatDate(value: Date | string | null | undefined): string {
  return value ? dateFormat.format(toDate(value)) : '';
}

/** 23/11/2026 14:05 */
export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? dateTimeFormat.format(toDate(value)).replace(',', '') : '';
}

/** 23 november 2026 */
export function formatLongDate(value: Date | string | null | undefined): string {
  return value ? longDateFormat.format(toDate(value)) : '';
}

/** € 1.234,50 from integer cents. */
export function formatEuro(cents: number): string {
  return euroFormat.format(cents / 100).replace(/\u00a0/g, ' ');
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Reads a euro amount as typed in Flanders ("1.234,50", "1234.5", "€ 48,50") into cents; null when unreadable. */
export function parseEuroToCents(input: string): number | null {
  const cleaned = input.replace(/[€\s\u00a0]/g, '');
  if (!/^-?[\d.,]+$/.test(cleaned)) return null;
  const lastSep = Math.max(cleaned.lastIndexOf(','), cleaned.lastIndexOf('.'));
  const hasDecimals = lastSep >= 0 && cleaned.length - lastSep - 1 <= 2 && cleaned.length - lastSep - 1 > 0;
  const integerPart = (hasDecimals ? cleaned.slice(0, lastSep) : cleaned).replace(/[.,]/g, '');
  const decimalPart = hasDecimals ? cleaned.slice(lastSep + 1).padEnd(2, '0') : '00';
  if (!/^-?\d+$/.test(integerPart || '0')) return null;
  const cents = Number(integerPart || '0') * 100 + Math.sign(Number(`${integerPart}1`)) * Number(decimalPart);
  return Number.isSafeInteger(cents) ? cents : null;
}

// A formatter with a time zone costs about half a millisecond to create: made once.
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** Today's date in Brussels as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return isoDayFormat.format(now);
}
