// The trail's operations in the web app: the API's AuditOperation enum (the server's one list,
// src/modules/audit/audit_routes.cc, checked against every operation the server writes), each
// with an icon (typed by that enum) and French and English words.
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import fr from '../../i18n/fr';
import { OPERATIONS } from './words';

describe('audit operations', () => {
  it('lists each operation once, those the review found missing included', () => {
    expect(new Set(OPERATIONS).size).toBe(OPERATIONS.length);
    for (const op of ['read', 'export', 'import', 'anonymise', 'invite', 'sign_in_code', 'mfa_reset']) {
      expect(OPERATIONS).toContain(op);
    }
  });

  it('has French and English words for each operation, and no words for an operation the server does not write', () => {
    for (const messages of [fr, en]) {
      const words = (messages.audit as unknown as { operation: Record<string, string> }).operation;
      for (const op of OPERATIONS) expect(words[op], op).toBeTruthy();
      expect(Object.keys(words).sort()).toEqual([...OPERATIONS].sort());
    }
  });
});
