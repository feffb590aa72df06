import { describe, expect, it } from 'vitest';
import {
  parseEuros,
  parisInstant,
  ageOn, civilDateInParis, fold, formatDateLong, formatDateShort, formatDateTime, formatInstantDate, formatMoney, formatPhone,
  formatSurface, formatTime, isoToFrenchInput, languageName, normalizePhoneFr, parseFrenchDate, phoneHref,
} from './format';

// Intl separates thousands with a narrow no-break space and puts a no-break space before €:
// compare with plain spaces, and check the real characters once.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes cents as French euros', () => {
    expect(plain(formatMoney(123456))).toBe('1 234,56 €');
    expect(plain(formatMoney(0))).toBe('0,00 €');
    expect(plain(formatMoney(5))).toBe('0,05 €');
    expect(plain(formatMoney(100000000))).toBe('1 000 000,00 €');
    expect(plain(formatMoney(-4250))).toBe('-42,50 €');
  });
  it('never breaks a line inside an amount', () => {
    expect(formatMoney(123456)).not.toMatch(/ /);
  });
  it('has an English form', () => {
    expect(formatMoney(123456, 'en-GB')).toBe('€1,234.56');
  });
});

describe('dates', () => {
  it('writes a civil date in full, in French', () => {
    expect(formatDateLong('2026-03-12')).toBe('jeudi 12 mars 2026');
    expect(formatDateLong('2026-01-01')).toBe('jeudi 1er janvier 2026');
    expect(formatDateLong('2026-01-01', 'en-GB')).toBe('Thursday, 1 January 2026');
  });
  it('does not move a day whatever the time zone', () => {
    expect(formatDateShort('2026-03-12')).toBe('12/03/2026');
    expect(formatDateShort('1950-12-31')).toBe('31/12/1950');
  });
  it('returns an invalid date as given', () => {
    expect(formatDateLong('2026-02-30')).toBe('2026-02-30');
    expect(formatDateShort('hier')).toBe('hier');
    // An instant is shown as its day in Paris: 23:30 UTC on 29 November is already the 30th there.
    expect(formatInstantDate('2026-11-29T23:30:00Z')).toBe('30/11/2026');
    expect(formatInstantDate('2026-07-14T21:59:00Z')).toBe('14/07/2026');
    expect(formatInstantDate('2026-07-14T22:00:00Z')).toBe('15/07/2026');
    expect(formatInstantDate('pas une date')).toBe('pas une date');
  });
  it('writes times the French way, in Paris', () => {
    expect(plain(formatTime('2026-03-12T13:30:00Z'))).toBe('14 h 30');
    expect(plain(formatTime('2026-07-01T07:05:00Z'))).toBe('9 h 05');
    expect(formatTime('2026-07-01T07:05:00Z', 'en-GB')).toBe('09:05');
    expect(plain(formatDateTime('2026-03-12T13:30:00Z'))).toBe('jeudi 12 mars 2026 à 14 h 30');
  });
  it('finds the Paris day of an instant', () => {
    expect(civilDateInParis(new Date('2026-03-12T23:30:00Z'))).toBe('2026-03-13');
  });
  it('reads what a person types', () => {
    expect(parseFrenchDate('12/03/2026')).toBe('2026-03-12');
    expect(parseFrenchDate(' 1/3/1950 ')).toBe('1950-03-01');
    expect(parseFrenchDate('12.03.2026')).toBe('2026-03-12');
    expect(parseFrenchDate('2026-03-12')).toBe('2026-03-12');
    expect(parseFrenchDate('31/02/2026')).toBeNull();
    expect(parseFrenchDate('29/02/2024')).toBe('2024-02-29');
    expect(parseFrenchDate('12/03/26')).toBeNull();
    expect(parseFrenchDate('')).toBeNull();
    expect(isoToFrenchInput('2026-03-12')).toBe('12/03/2026');
    expect(isoToFrenchInput(null)).toBe('');
  });
});

describe('ageOn', () => {
  it('counts completed years and months', () => {
    expect(ageOn('1950-03-12', '2026-03-12')).toEqual({ years: 76, months: 912 });
    expect(ageOn('1950-03-13', '2026-03-12')).toEqual({ years: 75, months: 911 });
    expect(ageOn('2025-11-20', '2026-03-12')).toEqual({ years: 0, months: 3 });
    expect(ageOn('2026-03-01', '2026-03-12')).toEqual({ years: 0, months: 0 });
  });
  it('reaches a 29 February birthday on 1 March', () => {
    expect(ageOn('2024-02-29', '2025-02-28')?.years).toBe(0);
    expect(ageOn('2024-02-29', '2025-03-01')?.years).toBe(1);
  });
  it('knows no age for an unknown or future birth date', () => {
    expect(ageOn(null, '2026-03-12')).toBeNull();
    expect(ageOn('2027-01-01', '2026-03-12')).toBeNull();
    expect(ageOn('1950-02-30', '2026-03-12')).toBeNull();
  });
});

describe('phones', () => {
  it('groups a French number by two digits', () => {
    expect(formatPhone('0612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+33 6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(formatPhone('+33 (0)2 31 00 00 00')).toBe('02 31 00 00 00');
    expect(formatPhone('0033612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('06.12.34.56.78')).toBe('06 12 34 56 78');
  });
  it('leaves what is not a French number alone', () => {
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(formatPhone('')).toBe('');
    expect(normalizePhoneFr('0012345678')).toBe('');
    expect(normalizePhoneFr('06123')).toBe('');
    expect(normalizePhoneFr('06 12 34 56 7a')).toBe('');
  });
  it('gives an international tel: address', () => {
    expect(phoneHref('06 12 34 56 78')).toBe('tel:+33612345678');
    expect(phoneHref('n/a')).toBeNull();
  });
});

describe('others', () => {
  it('writes surfaces', () => {
    expect(plain(formatSurface(45.5))).toBe('45,5 m²');
    expect(plain(formatSurface(70))).toBe('70 m²');
  });
  it('names languages', () => {
    expect(languageName('fr')).toBe('Français');
    expect(languageName('ar')).toBe('Arabe');
    expect(languageName('uk', 'en-GB')).toBe('Ukrainian');
  });
  it('folds accents and case', () => {
    expect(fold('Hélène CÔTÉ')).toBe('helene cote');
  });
});

describe('parseEuros', () => {
  it('reads French and plain amounts to the cent', () => {
    expect(parseEuros('1 234,56')).toBe(123456);
    expect(parseEuros('1\u202f234,5 €')).toBe(123450);
    expect(parseEuros('600')).toBe(60000);
    expect(parseEuros('0,01')).toBe(1);
    expect(parseEuros('12.30')).toBe(1230);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', '-5', '1,234', 'douze', '1,2,3']) expect(parseEuros(bad)).toBeNull();
  });
});

describe('parisInstant', () => {
  it.each([
    ['2026-01-15', '09:00', '2026-01-15T08:00:00.000Z'], // winter, UTC+1
    ['2026-07-01', '09:00', '2026-07-01T07:00:00.000Z'], // summer, UTC+2
    ['2026-03-28', '09:00', '2026-03-28T08:00:00.000Z'], // the day before the spring change
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'], // the last winter minute
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'], // the first summer minute
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // skipped: read with the winter offset
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'], // repeated: the first (summer) one
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'], // after the autumn change
    ['2026-10-26', '09:00', '2026-10-26T08:00:00.000Z'], // the day after
    ['2028-02-29', '00:00', '2028-02-28T23:00:00.000Z'], // a leap day, at midnight
    ['2026-12-31', '23:59', '2026-12-31T22:59:00.000Z'],
  ])('%s %s in Paris is %s', (day, time, want) => {
    expect(parisInstant(day, time)).toBe(want);
  });
  it.each([['2027-02-29', '09:00'], ['2026-01-15', '24:00'], ['2026-01-15', '9:00'], ['', '09:00'], ['2026-01-15', '']])('refuses %s %s', (day, time) => {
    expect(parisInstant(day, time)).toBeNull();
  });
});
