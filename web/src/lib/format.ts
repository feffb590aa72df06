// Formatting of what staff read: money, civil dates, times, phone numbers, ages, surfaces.
// French conventions first (UX.md): `1 234,56 €`, `jeudi 12 mars 2026`, `12/03/2026`, `14 h 30`,
// `06 12 34 56 78`. Civil dates (`YYYY-MM-DD`) are calendar days, never shifted by a time zone;
// instants (ISO 8601 UTC) are shown in Europe/Paris.

export const PARIS = 'Europe/Paris';
export type Locale = 'fr-FR' | 'en-GB';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `123456` cents -> `1 234,56 €` (French separators: narrow no-break spaces, comma). */
export function formatMoney(cents: number, locale: Locale = 'fr-FR'): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    moneyFormats.set(locale, f);
  }
  return f.format(cents / 100);
}

/** What staff type for an amount in euros -> cents: `1 234,56` / `1234.5` / `12 €` -> 123456 / 123450 / 1200; null when it is not an amount (negative, more than 2 decimals). */
export function parseEuros(text: string): number | null {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f€]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A civil date `YYYY-MM-DD` as a Date at noon UTC (so that no time zone moves its day). */
function civilToDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d, 12));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** `2026-03-12` -> `jeudi 12 mars 2026`; an invalid date is returned as given. */
export function formatDateLong(iso: string, locale: Locale = 'fr-FR'): string {
  const date = civilToDate(iso);
  if (!date) return iso;
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(date);
  // French writes the first day of a month as an ordinal: « samedi 1er mars 2026 ».
  return locale === 'fr-FR' && date.getUTCDate() === 1 ? text.replace(/ 1 /, ' 1er ') : text;
}

/** `2026-03-12` -> `12/03/2026`; an invalid date is returned as given. */
export function formatDateShort(iso: string, locale: Locale = 'fr-FR'): string {
  const date = civilToDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant -> its time in Paris, `14 h 30` (French) or `14:30`. */
export function formatTime(instant: string | Date, locale: Locale = 'fr-FR'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: PARIS })
    .formatToParts(date);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return locale === 'fr-FR' ? `${hour}\u00a0h\u00a0${minute}` : `${String(hour).padStart(2, '0')}:${minute}`;
}

/** An instant -> its civil date in Paris, `YYYY-MM-DD`. */
export function civilDateInParis(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: PARIS }).format(instant);
}

/** An instant (`2026-11-29T23:30:00Z`) -> its day in Paris, `30/11/2026`; invalid: returned as given. */
export function formatInstantDate(instant: string, locale: Locale = 'fr-FR'): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return formatDateShort(civilDateInParis(date), locale);
}

/** An instant -> `jeudi 12 mars 2026 à 14 h 30` (Paris). */
export function formatDateTime(instant: string | Date, locale: Locale = 'fr-FR'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const day = formatDateLong(civilDateInParis(date), locale);
  return locale === 'fr-FR' ? `${day} à ${formatTime(date, locale)}` : `${day} at ${formatTime(date, locale)}`;
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});
/** How far Paris's wall clock is ahead of UTC at this instant, in milliseconds. */
function parisOffsetAt(ms: number): number {
  const p = Object.fromEntries(parisParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * A civil date and a time `HH:MM` on Paris's wall clock -> the instant, ISO 8601 UTC; null when
 * either is not real. A time skipped by the spring change (02:30 on the last Sunday of March) is
 * read with the winter offset, so one hour later on the clock; the autumn's repeated hour is the
 * first one (summer time).
 */
export function parisInstant(day: string, time: string): string | null {
  const date = civilToDate(day);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!date || !t) return null;
  const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), Number(t[1]), Number(t[2]));
  // The offsets a few hours before and after: equal, except around a change of time.
  const before = wall - parisOffsetAt(wall - 3 * 3_600_000);
  const after = wall - parisOffsetAt(wall + 3 * 3_600_000);
  const real = [before, after].filter((ms) => ms + parisOffsetAt(ms) === wall);
  const ms = real.length > 0 ? Math.min(...real) : before;
  return new Date(ms).toISOString();
}

/** Today's civil date in Paris. */
export function todayInParis(now: Date = new Date()): string {
  return civilDateInParis(now);
}

/**
 * Reads a date typed as `JJ/MM/AAAA` (also `J/M/AAAA`, with `.` or `-`, or already `AAAA-MM-JJ`)
 * and returns it as `YYYY-MM-DD`, or null when it is not a real calendar date.
 */
export function parseFrenchDate(text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = ISO_DATE.exec(s);
  if (fr) [d, mo, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const out = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return civilToDate(out) ? out : null;
}

/** `YYYY-MM-DD` -> `JJ/MM/AAAA` for a form field; empty for null. */
export function isoToFrenchInput(iso: string | null | undefined): string {
  const m = iso ? ISO_DATE.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Completed years and months between a birth date and a day (both `YYYY-MM-DD`); null if unknown or in the future. */
export function ageOn(birth: string | null | undefined, day: string): { years: number; months: number } | null {
  if (!birth) return null;
  const b = ISO_DATE.exec(birth);
  const t = ISO_DATE.exec(day);
  if (!b || !t || !civilToDate(birth)) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  let months = (ty - by) * 12 + (tm - bm);
  if (td < bd) months -= 1; // a birthday of 29 February is reached on 1 March
  if (months < 0) return null;
  return { years: Math.floor(months / 12), months };
}

/**
 * A French phone number in its national 10-digit form, or '' when it is not one. Mirrors the
 * server's NormalizePhoneFr: spaces, dots, dashes and brackets allowed; +33, 0033 and "+33 (0)6".
 */
export function normalizePhoneFr(input: string): string {
  let digits = '';
  let plus = false;
  for (const c of input.trim()) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '+' && digits === '') plus = true;
    else if (c !== ' ' && c !== '.' && c !== '-' && c !== '(' && c !== ')') return '';
  }
  if (plus || digits.startsWith('0033')) {
    if (digits.startsWith('0033')) digits = digits.slice(4);
    else if (digits.startsWith('33')) digits = digits.slice(2);
    else return '';
    if (digits.startsWith('0')) digits = digits.slice(1);
    digits = `0${digits}`;
  }
  if (digits.length !== 10 || digits[0] !== '0' || digits[1] === '0') return '';
  return digits;
}

/** `0612345678` -> `06 12 34 56 78`; anything that is not a French number is returned as given. */
export function formatPhone(input: string): string {
  const n = normalizePhoneFr(input);
  if (!n) return input.trim();
  return n.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** The `tel:` address of a number (international form), or null when it is not a French number. */
export function phoneHref(input: string): string | null {
  const n = normalizePhoneFr(input);
  return n ? `tel:+33${n.slice(1)}` : null;
}

/** `45.5` -> `45,5 m²`. */
export function formatSurface(m2: number, locale: Locale = 'fr-FR'): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(m2)}\u00a0m²`;
}

/** The name of a language in the reader's language, capitalised: `ar` -> `Arabe`. */
export function languageName(code: string, locale: Locale = 'fr-FR'): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    if (!name || name === code) return code;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return code;
  }
}

/** Lower case without accents, for comparing what a person typed with a name. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
