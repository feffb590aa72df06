// The trail's record types in the web app: the API's AuditRecordType enum (the server's one list,
// src/modules/audit/audit_routes.cc) with a French address word and French and English labels each.
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import fr from '../../i18n/fr';
import { RECORD_TYPES, TYPE_IN_URL, typeFromUrl } from './queries';

describe('audit record types', () => {
  it('lists each type once, with its own word in the address', () => {
    expect(new Set(RECORD_TYPES).size).toBe(RECORD_TYPES.length);
    const words = RECORD_TYPES.map((r) => TYPE_IN_URL[r]);
    expect(new Set(words).size).toBe(words.length);
    for (const r of RECORD_TYPES) expect(typeFromUrl(TYPE_IN_URL[r])).toBe(r);
    for (const r of ['appointment', 'lease_ledger', 'arrears_step', 'reception_site', 'opening_range', 'site_closure', 'staff_absence', 'appointment_reason', 'appointment_waitlist']) {
      expect(RECORD_TYPES).toContain(r);
    }
  });

  it('has a French and an English label for each type and each record', () => {
    for (const messages of [fr, en]) {
      const audit = messages.audit as unknown as { type: Record<string, string>; record: Record<string, string> };
      for (const r of RECORD_TYPES) {
        expect(audit.type[r], r).toBeTruthy();
        expect(audit.record[r], r).toBeTruthy();
      }
    }
  });
});
