// What the reception module holds about a household (reception.h): its appointments, their place
// on the waiting list, the notices (e-mails and SMS, with the convocation of an appointment in
// person) sent about them, and the household's refusal of SMS; for its subject-access export, and
// what goes when it is anonymised.
#include "modules/reception/reception.h"

#include "platform/notify/notify.h"

namespace relais::reception {

std::vector<db::ExportSection> HouseholdReceptionRecords(db::Connection& c, int64_t org, int64_t household_id) {
  using db::ExportAs;
  const std::vector<db::Param> p{db::P(household_id), db::P(org)};
  std::vector<db::ExportSection> out;
  out.push_back(db::ExportQuery(
      c, "appointments", "Rendez-vous",
      "SELECT a.id, r.name, s.name, a.mode, a.start_at, a.end_at, a.people, a.state, a.booked_by, a.notes, "
      "a.cancel_reason, a.arrived_at, a.applicant_name, a.applicant_phone, a.applicant_email, a.created_at "
      "FROM appointments a JOIN appointment_reasons r ON r.id = a.reason_id JOIN reception_sites s ON s.id = a.site_id "
      "WHERE a.household_id = ? AND a.organisation_id = ? ORDER BY a.start_at, a.id",
      p,
      {{"id", "Rendez-vous n°"}, {"reason", "Motif"}, {"site", "Accueil"}, {"mode", "Mode"},
       {"start_at", "Début", ExportAs::kInstant}, {"end_at", "Fin", ExportAs::kInstant}, {"people", "Personnes"},
       {"state", "État"}, {"booked_by", "Pris par"}, {"notes", "Notes"}, {"cancel_reason", "Motif d'annulation"},
       {"arrived_at", "Arrivée le", ExportAs::kInstant}, {"applicant_name", "Nom donné"},
       {"applicant_phone", "Téléphone donné"}, {"applicant_email", "Courriel donné"},
       {"created_at", "Pris le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "waitlist", "Liste d'attente (créneau plus tôt)",
      "SELECT w.appointment_id, w.state, w.offered_start_at, w.offered_at, w.created_at FROM appointment_waitlist w "
      "JOIN appointments a ON a.id = w.appointment_id WHERE a.household_id = ? AND a.organisation_id = ? ORDER BY w.id",
      p,
      {{"appointment_id", "Rendez-vous n°"}, {"state", "État"}, {"offered_start_at", "Créneau proposé", ExportAs::kInstant},
       {"offered_at", "Proposé le", ExportAs::kInstant}, {"created_at", "Demandé le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "notices", "Avis et convocations envoyés",
      "SELECT n.appointment_id, n.kind, n.channel, n.created_at FROM appointment_notices n "
      "JOIN appointments a ON a.id = n.appointment_id WHERE a.household_id = ? AND a.organisation_id = ? ORDER BY n.id",
      p,
      {{"appointment_id", "Rendez-vous n°"}, {"kind", "Avis"}, {"channel", "Canal"},
       {"created_at", "Envoyé le", ExportAs::kInstant}}));
  out.push_back(db::ExportQuery(
      c, "sms_opt_outs", "Refus des SMS de rendez-vous",
      "SELECT created_at FROM reception_sms_opt_outs WHERE household_id = ? AND organisation_id = ?", p,
      {{"created_at", "Demandé le", ExportAs::kInstant}}));
  return out;
}

void AnonymiseHouseholdReceptionIn(db::Connection& c, int64_t org, int64_t household_id, int64_t now_ms) {
  const std::vector<db::Param> p{db::P(household_id), db::P(org)};
  // Messages not sent yet carry the old name and address: they never go.
  std::vector<int64_t> pending;
  c.Query("SELECT n.outbox_id FROM appointment_notices n JOIN appointments a ON a.id = n.appointment_id "
          "WHERE a.household_id = ? AND a.organisation_id = ? AND n.outbox_id IS NOT NULL",
          p, [&](const db::Row& r) { pending.push_back(r.Int(0)); });
  notify::AbandonPending(c, pending);
  // Nobody comes any more to a future appointment of an erased household: the slot frees, no reminder goes.
  c.Exec("UPDATE appointments SET state = 'cancelled_by_landlord', updated_at = ? WHERE household_id = ? AND "
         "organisation_id = ? AND state IN ('booked', 'confirmed') AND start_at > ?",
         {db::P(now_ms), db::P(household_id), db::P(org), db::P(now_ms)});
  c.Exec("UPDATE appointment_waitlist SET state = 'withdrawn', updated_at = ? WHERE state IN ('waiting', 'offered') "
         "AND appointment_id IN (SELECT id FROM appointments WHERE household_id = ? AND organisation_id = ?)",
         {db::P(now_ms), db::P(household_id), db::P(org)});
  c.Exec("UPDATE appointments SET notes = '', cancel_reason = '', applicant_name = '', applicant_phone = '', "
         "applicant_email = '' WHERE household_id = ? AND organisation_id = ?",
         {db::P(household_id), db::P(org)});
  c.Exec("DELETE FROM reception_sms_opt_outs WHERE household_id = ? AND organisation_id = ?",
         {db::P(household_id), db::P(org)});
}

namespace {
// What an old appointment still holds that the retention clears. An applicant's key ("a:" and their
// e-mail or phone, PersonKey) identifies them; a household's ("h:" and its id) does not.
constexpr const char* kHoldsPersonalData =
    "(notes <> '' OR cancel_reason <> '' OR applicant_name <> '' OR applicant_phone <> '' OR applicant_email <> '' "
    "OR person_key LIKE 'a:%')";
}  // namespace

std::vector<AppointmentRef> AppointmentsPastRetention(db::Connection& c, int64_t ended_before_ms) {
  std::vector<AppointmentRef> out;
  c.Query(std::string("SELECT organisation_id, id FROM appointments WHERE end_at < ? AND ") + kHoldsPersonalData +
              " ORDER BY organisation_id, id",
          {db::P(ended_before_ms)}, [&](const db::Row& r) { out.push_back({r.Int(0), r.Int(1)}); });
  return out;
}

bool AnonymiseAppointmentIn(db::Connection& c, int64_t org, int64_t appointment_id) {
  return c.Exec(std::string("UPDATE appointments SET notes = '', cancel_reason = '', applicant_name = '', "
                            "applicant_phone = '', applicant_email = '', person_key = CASE WHEN person_key LIKE 'a:%' "
                            "THEN '' ELSE person_key END WHERE organisation_id = ? AND id = ? AND ") +
                    kHoldsPersonalData,
                {db::P(org), db::P(appointment_id)}) > 0;
}

std::vector<audit::RecordsAbout> HouseholdAuditedRecords(int64_t org, int64_t household_id) {
  const std::string of_appointments = "SELECT id FROM appointments WHERE household_id = ? AND organisation_id = ?";
  return {{"appointment", of_appointments, {db::P(household_id), db::P(org)}},
          {"appointment_waitlist",
           "SELECT id FROM appointment_waitlist WHERE organisation_id = ? AND appointment_id IN (" + of_appointments + ")",
           {db::P(org), db::P(household_id), db::P(org)}}};
}

}  // namespace relais::reception
