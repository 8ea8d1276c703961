import { describe, expect, it } from 'vitest';
import { formatDate, formatEuro, formatNumber, parseEuroToCents, todayIso } from './format';

describe('Dutch (nl-BE) formatting', () => {
  it('formats euros as in Flanders', () => {
    expect(formatEuro(123450)).toBe('€ 1.234,50');
    expect(formatEuro(4850)).toBe('€ 48,50');
  });
  it('formats dates as dd/mm/yyyy in Brussels time', () => {
    expect(formatDate('2026-11-23')).toBe('23/11/2026');
    expect(formatDate(new Date('2026-11-23T23:30:00Z'))).toBe('24/11/2026');
  });
  it('formats numbers with a dot for thousands', () => {
    expect(formatNumber(170951)).toBe('170.951');
  });
  it('reads euro amounts typed in several ways', () => {
    expect(parseEuroToCents('48,50')).toBe(4850);
    expect(parseEuroToCents('€ 1.234,50')).toBe(123450);
    expect(parseEuroToCents('1234.5')).toBe(123450);
    expect(parseEuroToCents('1.000')).toBe(100000);
    expect(parseEuroToCents('12')).toBe(1200);
    expect(parseEuroToCents('abc')).toBeNull();
    expect(parseEuroToCents('')).toBeNull();
  });
  it('knows the date in Brussels', () => {
    expect(todayIso(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
  });
});
