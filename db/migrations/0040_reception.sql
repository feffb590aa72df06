-- Reception by appointment (issue 7, docs/adr/0016-reception-appointments.md): reception sites of a
-- landlord, appointment reasons (motifs), weekly opening hours per site and staff member, staff
-- absences, exceptional closures, appointments and the waiting list for an earlier slot.
-- Instants are UTC milliseconds; opening hours are minutes of the day in Europe/Paris; civil dates
-- are YYYY-MM-DD. Booleans are 0/1 integers on both engines.
CREATE TABLE reception_sites (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  agency_id BIGINT REFERENCES agencies(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  postal_code TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  access_notes TEXT NOT NULL DEFAULT '',
  -- people received on site at once (visitors), and the lower sanitary capacity K in force
  -- between two dates during a crisis (NULL: none).
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  sanitary_capacity INTEGER CHECK (sanitary_capacity >= 1),
  sanitary_start_date TEXT,
  sanitary_end_date TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, name)
);

CREATE TABLE appointment_reasons (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL CHECK (kind IN ('lease_signing', 'key_handover', 'inspection', 'rental_management',
                                     'social_support', 'custom')),
  name TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  in_person INTEGER NOT NULL DEFAULT 1,
  by_phone INTEGER NOT NULL DEFAULT 0,
  by_video INTEGER NOT NULL DEFAULT 0,
  -- who books it besides the staff (who always may): tenants in the tenant app, applicants.
  open_to_tenants INTEGER NOT NULL DEFAULT 0,
  open_to_applicants INTEGER NOT NULL DEFAULT 0,
  min_delay_minutes INTEGER NOT NULL DEFAULT 0,
  max_delay_days INTEGER NOT NULL DEFAULT 60,
  instructions TEXT NOT NULL DEFAULT '',
  documents TEXT NOT NULL DEFAULT '',  -- documents to bring, one per line
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (organisation_id, name)
);

-- A weekly range during which a staff member receives at a site: weekday 1 (Monday) .. 7
-- (Sunday), [start_minute, end_minute) local time, valid between two dates (inclusive, NULL: open),
-- for every reason or those listed (comma-separated ids, '' = all).
CREATE TABLE opening_hours (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  site_id BIGINT NOT NULL REFERENCES reception_sites(id),
  staff_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
  valid_from TEXT,
  valid_to TEXT,
  reason_ids TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX opening_hours_site ON opening_hours (organisation_id, site_id);

CREATE TABLE staff_absences (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  staff_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX staff_absences_staff ON staff_absences (organisation_id, staff_user_id, end_at);

-- A closure of one site (site_id) or of every site of the organisation (NULL), dates inclusive.
CREATE TABLE site_closures (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  site_id BIGINT REFERENCES reception_sites(id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX site_closures_org ON site_closures (organisation_id, end_date);

-- An appointment. person_key names who it is for, so that one person holds at most one future
-- appointment per reason: "h:<household id>" for a household, "a:<e-mail or phone>" for an
-- applicant. state: booked, confirmed, seen, no_show, cancelled_by_tenant, cancelled_by_landlord,
-- rescheduled (src/modules/reception/appointment_state.h).
CREATE TABLE appointments (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  site_id BIGINT NOT NULL REFERENCES reception_sites(id),
  reason_id BIGINT NOT NULL REFERENCES appointment_reasons(id),
  staff_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'phone', 'video')),
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  people INTEGER NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 10),
  household_id BIGINT REFERENCES households(id),
  applicant_name TEXT NOT NULL DEFAULT '',
  applicant_phone TEXT NOT NULL DEFAULT '',
  applicant_email TEXT NOT NULL DEFAULT '',
  person_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('booked', 'confirmed', 'seen', 'no_show', 'cancelled_by_tenant',
                                       'cancelled_by_landlord', 'rescheduled')),
  booked_by TEXT NOT NULL CHECK (booked_by IN ('staff', 'tenant')),
  booked_by_id BIGINT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  arrived_at BIGINT,
  attended_by BIGINT,
  rescheduled_to BIGINT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX appointments_site_time ON appointments (organisation_id, site_id, start_at);
CREATE INDEX appointments_staff_time ON appointments (organisation_id, staff_user_id, start_at);
CREATE INDEX appointments_person ON appointments (organisation_id, person_key, reason_id);
CREATE INDEX appointments_household ON appointments (household_id);

-- The waiting list: the holder of an appointment asks for an earlier slot of the same reason and
-- site; when one frees up the first in line is offered it (state offered, with the slot), and
-- accepts (the appointment moves) or lets it go. state: waiting, offered, accepted, withdrawn.
CREATE TABLE appointment_waitlist (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  appointment_id BIGINT NOT NULL REFERENCES appointments(id),
  site_id BIGINT NOT NULL REFERENCES reception_sites(id),
  reason_id BIGINT NOT NULL REFERENCES appointment_reasons(id),
  state TEXT NOT NULL CHECK (state IN ('waiting', 'offered', 'accepted', 'withdrawn')),
  offered_start_at BIGINT,
  offered_staff_user_id BIGINT,
  offered_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX appointment_waitlist_line ON appointment_waitlist (organisation_id, site_id, reason_id, state, id);
CREATE INDEX appointment_waitlist_appointment ON appointment_waitlist (appointment_id);
