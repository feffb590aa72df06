// Data of the unit tests, shaped by the generated API types.
import type { Schemas } from '../api/client';

export const session: Schemas['Session'] = {
  csrf_token: 'csrf-123',
  idle_timeout_seconds: 900,
  mfa: { enabled: true, deadline: null },
  user: {
    id: 7,
    display_name: 'Sami Benali',
    kind: 'staff',
    roles: ['call_agent'],
    agency_ids: [],
    organisation: { id: 1, name: 'Habitat Test Normandie' },
  },
};

export const building: Schemas['Building'] = {
  id: 3,
  reference: 'B-0003',
  name: 'Résidence Les Tilleuls',
  street: '5 rue des Tilleuls',
  postal_code: '14000',
  commune_insee: '14118',
  commune_name: 'Caen',
  agency_id: 1,
  qpv: true,
  has_lift: false,
  floors: 4,
  dwelling_count: 2,
};

export const dwellings: Schemas['Dwelling'][] = [
  {
    id: 11, reference: 'L-3-1', building_id: 3, building_reference: 'B-0003', floor: 0, rooms: 3, typology: 'T3',
    surface_m2: 67.5, financing: 'PLUS', rent_cents: 45210, charges_cents: 8000, accessible_prm: true, household_id: 42,
  },
  {
    id: 12, reference: 'L-3-2', building_id: 3, building_reference: 'B-0003', floor: 1, rooms: 2, typology: 'T2',
    surface_m2: 48, financing: 'PLAI', rent_cents: 31000, charges_cents: 6000, accessible_prm: false, household_id: null,
  },
];

export const household: Schemas['Household'] = {
  id: 42,
  reference: 'T100042',
  display_name: 'Hélène Martin',
  dwelling_id: 11,
  dwelling_reference: 'L-3-1',
  building_id: 3,
  address: '5 rue des Tilleuls, 14000 Caen',
  commune_name: 'Caen',
  lease: {
    id: 5,
    start_date: '2026-03-12',
    rent_cents: 123456,
    charges_cents: 8000,
    housing_benefit_cents: 20000,
    benefit_paid_to_landlord: true,
  },
  members: [
    { id: 1, first_name: 'Hélène', last_name: 'Martin', birth_date: '1950-03-12', relation: 'holder' },
    { id: 2, first_name: 'Lucas', last_name: 'Martin', birth_date: null, relation: 'child' },
  ],
  phones: [
    { number: '0612345678', label: 'portable' },
    { number: '0231000011', label: '' },
  ],
  email: 'helene.martin@exemple.fr',
  preferred_language: 'ar',
  notes: 'Préfère être appelée le matin.',
  updated_at: '2026-03-12T13:30:00Z',
};

export const summaries: Schemas['HouseholdSummary'][] = [
  { id: 42, reference: 'T100042', display_name: 'Hélène Martin', address: '5 rue des Tilleuls, 14000 Caen', commune_name: 'Caen', phone: '0612345678', member_count: 2 },
  { id: 43, reference: 'T100043', display_name: 'Hélène Marchand', address: '8 rue Saint-Jean, 50000 Saint-Lô', commune_name: 'Saint-Lô', phone: '', member_count: 1 },
  { id: 44, reference: 'T100044', display_name: 'François Dupré', address: '3 place Saint-Sauveur, 61000 Alençon', commune_name: 'Alençon', phone: '0699887766', member_count: 3 },
];

/** The session of someone with these roles (the data protection officer, an administrator...). */
export function sessionWith(roles: Schemas['Role'][], display_name = 'Claire Dubois'): Schemas['Session'] {
  const kind = roles.includes('partner_worker') ? 'partner' : roles.includes('regional_observer') ? 'observer' : 'staff';
  return { ...session, user: { ...session.user, id: 9, display_name, kind, roles } };
}

export const auditEntries: Schemas['AuditEntry'][] = [
  { seq: 103, at: '2026-11-27T13:30:00Z', user_id: 7, user_name: 'Sami Benali', operation: 'update', record_type: 'household', record_id: 42, remote_ip: '192.0.2.10' },
  { seq: 102, at: '2026-11-27T09:05:00Z', user_id: 7, user_name: 'Sami Benali', operation: 'read', record_type: 'household', record_id: 42, remote_ip: '192.0.2.10' },
  { seq: 101, at: '2026-11-26T16:00:00Z', user_id: 9, user_name: 'Claire Dubois', operation: 'export', record_type: 'audit_trail', record_id: 0, remote_ip: '198.51.100.4' },
  { seq: 100, at: '2026-11-26T08:00:00Z', user_id: 3, user_name: 'Marc Leroy', operation: 'update', record_type: 'building', record_id: 3, remote_ip: '192.0.2.11' },
];

export const partners: Schemas['Partner'][] = [
  { id: 21, name: 'CCAS de Caen', communes: ['14118'] },
  { id: 22, name: 'Association Entraide', communes: ['14118', '50502'] },
];

export const referrals: Schemas['Referral'][] = [
  {
    id: 5, landlord: { id: 1, name: 'Habitat Test Normandie' }, partner: { id: 21, name: 'CCAS de Caen' }, household_id: 42,
    household_name: 'Hélène Martin', commune_name: 'Caen', reason: 'Impayés : accompagnement budgétaire', status: 'open',
    opened_at: '2026-11-20T09:00:00Z', closed_at: null, response: null, response_reason: '', responded_at: null, outcome: '', consent: null,
  },
  {
    id: 4, landlord: { id: 1, name: 'Habitat Test Normandie' }, partner: { id: 22, name: 'Association Entraide' }, household_id: 43,
    household_name: 'Marc Leroy', commune_name: 'Caen', reason: 'Visite à domicile', status: 'closed',
    opened_at: '2026-10-01T09:00:00Z', closed_at: '2026-11-02T10:00:00Z', response: 'accepted', response_reason: '',
    responded_at: '2026-10-02T09:00:00Z', outcome: 'Deux visites à domicile', consent: { on: '2026-09-30', given_by: 'Le locataire' },
  },
];

export const figures: Schemas['Figures'] = {
  scope: 'region', by: 'commune', threshold: 11, columns: ['households', 'dwellings', 'referrals_open', 'referrals_closed'],
  rows: [
    { key: '14118', label: 'Caen', cells: [{ value: 1200, suppressed: false }, { value: 1300, suppressed: false }, { value: null, suppressed: true }, { value: null, suppressed: true }] },
    { key: '50502', label: 'Saint-Lô', cells: [{ value: 640, suppressed: false }, { value: 700, suppressed: false }, { value: 12, suppressed: false }, { value: null, suppressed: true }] },
  ],
  totals: [{ value: 1840, suppressed: false }, { value: 2000, suppressed: false }, { value: 15, suppressed: false }, { value: null, suppressed: true }],
};
