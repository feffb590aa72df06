// The household edit form: its values as typed, their validation (zod) and the PATCH body they
// become. Error paths use the server's notation (`members[0].birth_date`), so that the errors of
// either side land next to the same field.
import type { TFunction } from 'i18next';
import * as z from 'zod/mini';
import { formatPhone, isoToFrenchInput, normalizePhoneFr, parseFrenchDate } from '../../lib/format';
import type { Household, HouseholdPatch } from './queries';

export const RELATIONS = ['holder', 'co_holder', 'spouse', 'child', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const MAX_PHONES = 5;
export const MAX_MEMBERS = 20;
export const MAX_NOTES = 4000;

export interface PhoneRow {
  key: string;
  number: string;
  label: string;
}
export interface MemberRow {
  key: string;
  id?: number;
  first_name: string;
  last_name: string;
  /** As typed: JJ/MM/AAAA. */
  birth: string;
  relation: Relation;
}
export interface FormValues {
  phones: PhoneRow[];
  email: string;
  language: string;
  notes: string;
  members: MemberRow[];
}

let counter = 0;
export function rowKey(): string {
  counter += 1;
  return `row${counter}`;
}

export function emptyMember(relation: Relation = 'other'): MemberRow {
  return { key: rowKey(), first_name: '', last_name: '', birth: '', relation };
}

export function emptyPhone(): PhoneRow {
  return { key: rowKey(), number: '', label: '' };
}

export function valuesOf(h: Household): FormValues {
  return {
    phones: h.phones.map((p) => ({ key: rowKey(), number: formatPhone(p.number), label: p.label })),
    email: h.email,
    language: h.preferred_language || 'fr',
    notes: h.notes,
    members: h.members.map((m) => ({
      key: rowKey(),
      id: m.id,
      first_name: m.first_name,
      last_name: m.last_name,
      birth: isoToFrenchInput(m.birth_date),
      relation: m.relation,
    })),
  };
}

/** The values without their row keys, to compare two states of the form. */
export function sameValues(a: FormValues, b: FormValues): boolean {
  const strip = (v: FormValues) => ({
    ...v,
    phones: v.phones.map(({ key: _k, ...rest }) => rest),
    members: v.members.map(({ key: _k, ...rest }) => rest),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** The e-mail check of zod (the same as the login page's). */
export function isEmail(v: string): boolean {
  return z.email().safeParse(v).success;
}

const isBlankPhone = (p: PhoneRow) => p.number.trim() === '' && p.label.trim() === '';

/** The DOM id of a field from its path (`members[0].birth_date` -> `hh-members-0-birth_date`). */
export function fieldId(path: string): string {
  return `hh-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

export function formSchema(t: TFunction, today: string) {
  const phone = z.object({
    key: z.string(),
    number: z.string(),
    label: z.string().check(z.trim(), z.maxLength(40, t('households.err.phoneLabelLong'))),
  });
  const member = z
    .object({
      key: z.string(),
      id: z.optional(z.number()),
      first_name: z.string().check(
        z.trim(), z.minLength(1, t('households.err.firstNameRequired')), z.maxLength(100, t('households.err.nameLong')),
      ),
      last_name: z.string().check(
        z.trim(), z.minLength(1, t('households.err.lastNameRequired')), z.maxLength(100, t('households.err.nameLong')),
      ),
      birth: z.string(),
      relation: z.enum(RELATIONS),
    })
    .check(
      z.superRefine((m, ctx) => {
        if (m.birth.trim() === '') return;
        const iso = parseFrenchDate(m.birth);
        const message = !iso ? t('households.err.birthDateInvalid') : iso > today ? t('households.err.birthDateFuture') : null;
        if (message) ctx.addIssue({ code: 'custom', path: ['birth_date'], message, input: m.birth });
      }),
    );
  return z
    .object({
      phones: z.array(phone).check(z.maxLength(MAX_PHONES, t('households.phoneMax'))),
      email: z.string().check(
        z.trim(),
        z.maxLength(254, t('households.err.emailLong')),
        z.refine((v) => v === '' || isEmail(v), t('households.err.emailInvalid')),
      ),
      language: z.string().check(z.regex(/^[a-z]{2}$/, t('households.err.languageInvalid'))),
      notes: z.string().check(z.maxLength(MAX_NOTES, t('households.err.notesLong'))),
      members: z.array(member).check(z.minLength(1, t('households.err.membersRequired')), z.maxLength(MAX_MEMBERS)),
    })
    .check(
      z.superRefine((v, ctx) => {
        v.phones.forEach((p, i) => {
          if (!isBlankPhone(p) && normalizePhoneFr(p.number) === '') {
            ctx.addIssue({ code: 'custom', path: ['phones', i, 'number'], message: t('households.err.phoneInvalid'), input: p.number });
          }
        });
      }),
    );
}

/** zod's path ['members', 0, 'first_name'] in the server's notation: members[0].first_name. */
export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export interface Validated {
  body: HouseholdPatch;
  /** For each phone of the body, its row in the form (blank rows are left out). */
  phoneRows: number[];
}

export type ValidationResult = { ok: true; value: Validated } | { ok: false; errors: Record<string, string> };

export function validate(values: FormValues, t: TFunction, today: string): ValidationResult {
  const parsed = formSchema(t, today).safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[pathOf(issue.path)] ??= issue.message;
    return { ok: false, errors };
  }
  const v = parsed.data;
  const phoneRows: number[] = [];
  const phones = v.phones.flatMap((p, i) => {
    if (isBlankPhone(p)) return [];
    phoneRows.push(i);
    return [{ number: normalizePhoneFr(p.number), ...(p.label ? { label: p.label } : {}) }];
  });
  return {
    ok: true,
    value: {
      phoneRows,
      body: {
        email: v.email,
        preferred_language: v.language,
        notes: v.notes,
        phones,
        members: v.members.map((m) => ({
          ...(m.id ? { id: m.id } : {}),
          first_name: m.first_name,
          last_name: m.last_name,
          birth_date: m.birth.trim() ? parseFrenchDate(m.birth) : null,
          relation: m.relation,
        })),
      },
    },
  };
}

/** Server errors (body paths) as form paths: phones of the body are renumbered to their rows. */
export function serverErrorsToForm(errors: Record<string, string>, phoneRows: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const p = path.replace(/^phones\[(\d+)\]/, (_, i: string) => `phones[${phoneRows[Number(i)] ?? Number(i)}]`)
      .replace(/^preferred_language$/, 'language');
    out[p] ??= message;
  }
  return out;
}
