// Use cases of the privacy module: subject access, anonymisation, retention.
#include "modules/privacy/privacy.h"

#include <chrono>
#include <cstdio>

#include "modules/identity/identity.h"
#include "modules/privacy/privacy_policy.h"
#include "modules/reception/reception.h"
#include "modules/rent/rent.h"
#include "modules/support/support.h"
#include "modules/tenant/tenant.h"
#include "platform/core/json_writer.h"
#include "platform/core/text.h"
#include "platform/log/log.h"
#include "platform/notify/notify.h"
#include "platform/pdf/pdf.h"

namespace relais::privacy {
namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;
constexpr size_t kMaxReasonChars = 1000;

// "28/11/2026"
std::string FrenchDate(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", static_cast<int>(d.day), static_cast<int>(d.month),
                static_cast<int>(d.year));
  return buf;
}

// "28/11/2026 à 13:05 UTC"
std::string FrenchUtc(int64_t ms) {
  const int64_t secs = (ms / 1000) % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, " à %02d:%02d UTC", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  return FrenchDate(CivilFromDays(ms / kDayMillis)) + buf;
}

std::string RelationLabel(housing::Relation r) {
  switch (r) {
    case housing::Relation::kHolder: return "titulaire du bail";
    case housing::Relation::kCoHolder: return "cotitulaire";
    case housing::Relation::kSpouse: return "conjoint·e";
    case housing::Relation::kChild: return "enfant";
    case housing::Relation::kOther: return "autre";
  }
  return "autre";
}

std::string OperationLabel(const std::string& op) {
  if (op == "read") return "consultation";
  if (op == "create") return "création";
  if (op == "update") return "modification";
  if (op == "delete") return "suppression";
  if (op == "export") return "export (droit d'accès)";
  if (op == "import") return "import";
  if (op == "anonymise") return "anonymisation";
  return op;
}

// "le ménage", "un rendez-vous"...: what an entry of the export is about, in French (PDF).
std::string RecordLabel(const std::string& type) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"household", "la fiche du ménage"},
      {"household_timeline", "l'historique du ménage"},
      {"vulnerability_profile", "un profil de fragilité"},
      {"outreach_call", "un appel de veille"},
      {"outreach_escalation", "une alerte (injoignable)"},
      {"outreach_need", "un besoin"},
      {"outreach_action", "une action sur un besoin"},
      {"outreach_task", "une tâche de veille"},
      {"referral", "une orientation vers un partenaire"},
      {"support_case", "un dossier d'accompagnement"},
      {"lease_ledger", "le compte locataire d'un bail"},
      {"arrears_step", "une étape de la procédure d'impayé"},
      {"appointment", "un rendez-vous"},
      {"appointment_waitlist", "une demande de créneau plus tôt"},
      {"tenant_account", "le compte de l'espace locataire"},
  };
  for (const auto& [code, label] : kLabels) {
    if (type == code) return label;
  }
  return type;
}

// The entries about the household and about each of its records (every module names its own,
// HouseholdAuditedRecords): one query for the entries, one for the names of their authors.
std::vector<AccessEntry> EntriesAbout(db::Connection& c, int64_t org, int64_t household_id) {
  std::vector<audit::RecordsAbout> about;
  for (auto&& part : {housing::HouseholdAuditedRecords(org, household_id),
                      outreach::HouseholdAuditedRecords(org, household_id),
                      support::HouseholdAuditedRecords(org, household_id),
                      rent::HouseholdAuditedRecords(org, household_id),
                      reception::HouseholdAuditedRecords(org, household_id),
                      tenant::HouseholdAuditedRecords(org, household_id)}) {
    about.insert(about.end(), part.begin(), part.end());
  }
  const auto listed = audit::ListAbout(c, org, about);
  std::vector<int64_t> ids;
  for (const auto& e : listed) {
    if (e.user_id != 0 && std::find(ids.begin(), ids.end(), e.user_id) == ids.end()) ids.push_back(e.user_id);
  }
  const auto names = identity::StaffNames(c, org, ids);
  std::vector<AccessEntry> out;
  for (const auto& e : listed) {  // oldest first
    auto name = names.find(e.user_id);
    out.push_back({e.seq, e.at_ms, e.user_id,
                   e.user_id == 0 ? std::string("Relais (système)") : name == names.end() ? std::string() : name->second,
                   e.operation, e.record_type, e.record_id, e.remote_ip});
  }
  return out;
}

// The modules' records in the order of the JSON and the PDF, under their JSON key.
std::vector<std::pair<const char*, const std::vector<db::ExportSection>*>> ModuleSections(const SubjectAccess& s) {
  return {{"housing", &s.housing}, {"outreach", &s.outreach}, {"support", &s.support}, {"rent", &s.rent}, {"reception", &s.reception},
          {"tenant", &s.tenant}};
}

}  // namespace

Result<SubjectAccess> OfficerExportsSubjectAccess(db::Database& db, const auth::Actor& actor, int64_t id) {
  // Read first: another landlord's household is "not found" for everyone (never reveal existence).
  auto h = housing::ActorReadsHousehold(db, actor, id);
  if (!h.ok()) return h.error();
  if (!CanExportSubjectAccess(actor)) {
    return Forbidden(
        "Seuls le·la délégué·e à la protection des données et l'administration répondent aux demandes de droit "
        "d'accès.");
  }
  SubjectAccess s;
  s.generated_at_ms = NowMillis();
  s.household = std::move(*h);
  auto o = housing::ActorReadsOrganisation(db, actor);
  if (!o.ok()) return o.error();
  s.organisation = std::move(*o);
  auto d = housing::ActorReadsDwelling(db, actor, s.household.dwelling_id);
  if (!d.ok()) return d.error();
  s.dwelling = std::move(*d);
  auto b = housing::ActorReadsBuilding(db, actor, s.dwelling.building_id);
  if (!b.ok()) return b.error();
  s.building = std::move(*b);
  db.Read([&](db::Connection& c) {
    const int64_t org = actor.organisation_id;
    s.housing = housing::HouseholdHousingRecords(c, org, id);
    s.outreach = outreach::HouseholdOutreachRecords(c, org, id);
    s.support = support::HouseholdSupportRecords(c, org, id);
    s.rent = rent::HouseholdRentRecords(c, org, id);
    s.reception = reception::HouseholdReceptionRecords(c, org, id);
    s.tenant = tenant::HouseholdTenantRecords(c, org, id);
    s.audit_entries = EntriesAbout(c, actor.organisation_id, id);
    return 0;
  });
  return s;
}

std::string SubjectAccessJson(const SubjectAccess& s) {
  JsonWriter w;
  w.BeginObject().Field("generated_at", FormatUtcMillis(s.generated_at_ms));
  w.Key("organisation").BeginObject().Field("id", s.organisation.id).Field("name", s.organisation.name).EndObject();
  w.Key("household");
  housing::WriteJson(w, s.household);
  w.Key("dwelling");
  housing::WriteJson(w, s.dwelling);
  w.Key("building");
  housing::WriteJson(w, s.building);
  for (const auto& [key, sections] : ModuleSections(s)) {
    w.Key(key).BeginObject();
    for (const auto& section : *sections) {
      w.Key(section.code).BeginArray();
      for (const auto& record : section.records) {
        w.BeginObject();
        for (const auto& f : record) w.Field(f.code, f.value);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.Key("audit_entries").BeginArray();
  for (const auto& e : s.audit_entries) {
    w.BeginObject()
        .Field("seq", e.seq)
        .Field("at", FormatUtcMillis(e.at_ms))
        .Field("user_id", e.user_id)
        .Field("user_name", e.user_name)
        .Field("operation", e.operation)
        .Field("record_type", e.record_type)
        .Field("record_id", e.record_id)
        .Field("remote_ip", e.remote_ip)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

Result<std::string> SubjectAccessPdf(const SubjectAccess& s) {
  const auto& h = s.household;
  pdf::Document doc;
  doc.Title("Droit d'accès — données personnelles du ménage " + h.DisplayName())
      .Paragraph("Document établi le " + FrenchUtc(s.generated_at_ms) + " par " + s.organisation.name +
                 " avec Relais : toutes les données que Relais conserve sur ce ménage, et la liste des consultations "
                 "et modifications de son dossier (qui, quand).");
  if (h.anonymised_at) {
    doc.Paragraph("Ce ménage a été anonymisé le " + FrenchUtc(*h.anonymised_at) +
                  " : ses données personnelles ont été remplacées par des valeurs neutres.");
  }
  doc.Heading("Ménage")
      .Line("Référence locataire", h.reference)
      .Line("Nom", h.DisplayName())
      .Line("Adresse", h.address)
      .Line("Courriel", h.email)
      .Line("Langue préférée", h.preferred_language)
      .Line("Notes", h.notes);
  doc.Heading("Personnes du ménage");
  for (const auto& m : h.members) {
    std::string value = RelationLabel(m.relation);
    if (m.birth_date) value += ", né·e le " + FrenchDate(*m.birth_date);
    doc.Line(m.first_name + " " + m.last_name, value);
  }
  if (h.members.empty()) doc.Paragraph("Aucune personne enregistrée.");
  doc.Heading("Téléphones");
  for (const auto& p : h.phones) doc.Line(p.label.empty() ? std::string("Téléphone") : p.label, p.number);
  if (h.phones.empty()) doc.Paragraph("Aucun numéro enregistré.");
  const auto& d = s.dwelling;
  const auto& b = s.building;
  doc.Heading("Logement et immeuble actuels")
      .Line("Logement", d.reference + ", " + (d.rooms >= 6 ? std::string("T6+") : "T" + std::to_string(d.rooms)) +
                            ", étage " + std::to_string(d.floor))
      .Line("Immeuble", b.name.empty() ? b.reference : b.name + " (" + b.reference + ")")
      .Line("Adresse de l'immeuble", b.street + ", " + b.postal_code + " " + b.commune_name);
  for (const auto& [key, sections] : ModuleSections(s)) {
    for (const auto& section : *sections) {
      doc.Heading(section.title);
      for (size_t i = 0; i < section.records.size(); ++i) {
        if (i > 0) doc.Paragraph("—");
        for (const auto& f : section.records[i])
          if (!f.value.empty()) doc.Line(f.label, f.Shown());
      }
      if (section.records.empty()) doc.Paragraph("Aucun.");
    }
  }
  doc.Heading("Consultations et modifications du dossier");
  for (const auto& e : s.audit_entries) {
    doc.Line(FrenchUtc(e.at_ms), OperationLabel(e.operation) + " de " + RecordLabel(e.record_type) +
                                     (e.record_type == "household" ? std::string() : " (n° " + std::to_string(e.record_id) + ")") +
                                     " par " +
                                     (e.user_name.empty() ? "compte n° " + std::to_string(e.user_id) : e.user_name));
  }
  if (s.audit_entries.empty()) doc.Paragraph("Aucune entrée dans le journal d'audit.");
  return doc.Render();
}

namespace {
// Every module's part of a household's anonymisation, in the caller's transaction: housing's
// records, the tenant account and its sessions, the free texts of outreach, the support cases,
// the rent ledger's texts, the reception's appointments and pending notices.
housing::Anonymisation AnonymiseEverywhere(db::Connection& c, int64_t org, int64_t id, const std::string& reason) {
  // Read before housing erases them: what is still queued to them (a tenant's one-time code, a
  // notice) must never go out after the anonymisation.
  const auto contacts = housing::HouseholdContacts(c, org, id);
  const auto done = housing::AnonymiseHousehold(c, org, id, reason);
  if (done != housing::Anonymisation::kDone) return done;
  notify::AbandonPendingTo(c, contacts);
  tenant::CloseAccountOfHousehold(c, id);
  outreach::AnonymiseHouseholdOutreach(c, org, id);
  support::AnonymiseHouseholdCasesIn(c, org, id);
  rent::AnonymiseHouseholdRentIn(c, org, id);
  reception::AnonymiseHouseholdReceptionIn(c, org, id, NowMillis());
  return done;
}
}  // namespace

Result<housing::Household> OfficerAnonymisesHousehold(db::Database& db, const auth::Actor& actor, int64_t id,
                                                      const std::string& reason_in) {
  auto h = housing::ActorReadsHousehold(db, actor, id);
  if (!h.ok()) return h.error();
  if (!CanAnonymise(actor)) {
    return Forbidden("Seul·e le·la délégué·e à la protection des données peut anonymiser un ménage.");
  }
  const std::string reason(text::Trim(reason_in));
  if (reason.empty()) return Invalid("reason", "Indiquez le motif de l'anonymisation.");
  if (reason.size() > kMaxReasonChars) return Invalid("reason", "Le motif ne doit pas dépasser 1000 caractères.");
  auto done = db.Write([&](db::Connection& c) -> Result<Unit> {
    switch (AnonymiseEverywhere(c, actor.organisation_id, id, reason)) {
      case housing::Anonymisation::kNotFound: return NotFound("Ménage introuvable.");
      case housing::Anonymisation::kAlreadyDone: return Conflict("Ce ménage est déjà anonymisé.");
      case housing::Anonymisation::kDone: break;
    }
    audit::AppendInTransaction(c, audit::Of(actor, "anonymise", "household", id));
    return Unit{};
  });
  if (!done.ok()) return done.error();
  return housing::ActorReadsHousehold(db, actor, id);
}

CivilDate RetentionCutoff(CivilDate today, int months) {
  int64_t index = static_cast<int64_t>(today.year) * 12 + (today.month - 1) - months;
  CivilDate first{static_cast<decltype(today.year)>(index / 12), static_cast<decltype(today.month)>(index % 12 + 1), 1};
  CivilDate next_first = index % 12 == 11
                             ? CivilDate{static_cast<decltype(today.year)>(first.year + 1), 1, 1}
                             : CivilDate{first.year, static_cast<decltype(today.month)>(first.month + 1), 1};
  const int64_t days_in_month = DaysFromCivil(next_first) - DaysFromCivil(first);
  first.day = static_cast<decltype(today.day)>(std::min<int64_t>(today.day, days_in_month));
  return first;
}

int64_t AnonymiseDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const CivilDate cutoff = RetentionCutoff(today, months);
  auto due = db.Read([&](db::Connection& c) { return housing::HouseholdsPastRetention(c, cutoff); });
  int64_t n = 0;
  for (const auto& ref : due) {
    // One transaction per household: a long run is never one huge transaction, and what is done stays done.
    auto done = db.Write([&](db::Connection& c) -> Result<bool> {
      if (AnonymiseEverywhere(c, ref.organisation_id, ref.household_id, "retention") != housing::Anonymisation::kDone) {
        return false;
      }
      audit::Entry e;
      e.organisation_id = ref.organisation_id;
      e.operation = "anonymise";
      e.record_type = "household";
      e.record_id = ref.household_id;
      audit::AppendInTransaction(c, e);
      return true;
    });
    if (done.ok() && *done) ++n;
  }
  return n;
}

int64_t AnonymiseSupportCasesDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const CivilDate cutoff = RetentionCutoff(today, months);
  auto due = db.Read([&](db::Connection& c) { return support::CasesPastRetention(c, cutoff); });
  int64_t n = 0;
  for (const auto& ref : due) {
    auto done = db.Write([&](db::Connection& c) -> Result<bool> {
      if (!support::AnonymiseCaseIn(c, ref.organisation_id, ref.case_id, "retention")) return false;
      audit::Entry e;
      e.organisation_id = ref.organisation_id;
      e.operation = "anonymise";
      e.record_type = "support_case";
      e.record_id = ref.case_id;
      audit::AppendInTransaction(c, e);
      return true;
    });
    if (done.ok() && *done) ++n;
  }
  return n;
}

namespace {

// Runs `one` on each due record in a transaction of its own (a long first run is never one huge
// transaction, and what is done stays done), with the audit entry `entry_of` gives (by the
// system: user 0) when `one` changed something. Returns how many did.
template <class Ref, class One, class EntryOf>
int64_t EachInItsOwnTransaction(db::Database& db, const std::vector<Ref>& due, One one, EntryOf entry_of) {
  int64_t n = 0;
  for (const auto& ref : due) {
    auto done = db.Write([&](db::Connection& c) -> Result<bool> {
      if (!one(c, ref)) return false;
      audit::AppendInTransaction(c, entry_of(ref));
      return true;
    });
    if (done.ok() && *done) ++n;
  }
  return n;
}

}  // namespace

int64_t AnonymiseLedgersDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const CivilDate cutoff = RetentionCutoff(today, months);
  auto due = db.Read([&](db::Connection& c) { return rent::LedgersPastRetention(c, cutoff); });
  return EachInItsOwnTransaction(
      db, due,
      [&](db::Connection& c, const rent::LedgerRef& r) {
        return rent::AnonymiseLedgerBeforeIn(c, r.organisation_id, r.lease_id, cutoff) > 0;
      },
      [](const rent::LedgerRef& r) { return audit::Entry{0, r.organisation_id, 0, "anonymise", "lease_ledger", r.lease_id, ""}; });
}

int64_t AnonymiseAppointmentsDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const int64_t before = ParisMidnightUtcMillis(RetentionCutoff(today, months));
  auto due = db.Read([&](db::Connection& c) { return reception::AppointmentsPastRetention(c, before); });
  return EachInItsOwnTransaction(
      db, due,
      [](db::Connection& c, const reception::AppointmentRef& r) {
        return reception::AnonymiseAppointmentIn(c, r.organisation_id, r.appointment_id);
      },
      [](const reception::AppointmentRef& r) {
        return audit::Entry{0, r.organisation_id, 0, "anonymise", "appointment", r.appointment_id, ""};
      });
}

int64_t AnonymiseOutreachCallsDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const int64_t before = ParisMidnightUtcMillis(RetentionCutoff(today, months));
  auto due = db.Read([&](db::Connection& c) { return outreach::CallsPastRetention(c, before); });
  return EachInItsOwnTransaction(
      db, due,
      [&](db::Connection& c, const outreach::RetentionRef& r) { return outreach::AnonymiseCallRecordBeforeIn(c, r, before); },
      [](const outreach::RetentionRef& r) { return audit::Entry{0, r.organisation_id, 0, "anonymise", r.record_type, r.id, ""}; });
}

int64_t DeleteVulnerabilityProfilesDue(db::Database& db, int months, CivilDate today) {
  if (months <= 0) return 0;
  const int64_t before = ParisMidnightUtcMillis(RetentionCutoff(today, months));
  auto due = db.Read([&](db::Connection& c) { return outreach::ProfilesPastRetention(c, before); });
  return EachInItsOwnTransaction(
      db, due, [](db::Connection& c, const outreach::RetentionRef& r) { return outreach::DeleteProfileIn(c, r); },
      [](const outreach::RetentionRef& r) { return audit::Entry{0, r.organisation_id, 0, "delete", r.record_type, r.id, ""}; });
}

RetentionReport RunRetention(db::Database& db, const RetentionSettings& settings, CivilDate today) {
  RetentionReport r;
  r.households = AnonymiseDue(db, settings.household_months, today);
  r.support_cases = AnonymiseSupportCasesDue(db, settings.support_case_months, today);
  r.ledgers = AnonymiseLedgersDue(db, settings.ledger_months, today);
  r.appointments = AnonymiseAppointmentsDue(db, settings.appointment_months, today);
  r.outreach_calls = AnonymiseOutreachCallsDue(db, settings.outreach_call_months, today);
  r.vulnerability_profiles = DeleteVulnerabilityProfilesDue(db, settings.vulnerability_profile_months, today);
  return r;
}

RetentionJob::RetentionJob(db::Database& db, RetentionSettings settings)
    : job_(std::chrono::minutes(1), std::chrono::hours(24), [&db, settings] {
        try {
          const auto today = ParisDateOf(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
          const auto r = RunRetention(db, settings, today);
          log::Info("retention: records past their period anonymised or deleted",
                    {{"households", r.households},
                     {"support_cases", r.support_cases},
                     {"ledgers", r.ledgers},
                     {"appointments", r.appointments},
                     {"outreach_calls", r.outreach_calls},
                     {"vulnerability_profiles", r.vulnerability_profiles},
                     {"household_months", settings.household_months},
                     {"support_case_months", settings.support_case_months},
                     {"ledger_months", settings.ledger_months},
                     {"appointment_months", settings.appointment_months},
                     {"outreach_call_months", settings.outreach_call_months},
                     {"vulnerability_profile_months", settings.vulnerability_profile_months}});
        } catch (const std::exception& e) {
          log::Error("retention: run failed, retried tomorrow", {{"error", std::string(e.what())}});
        }
      }) {}

}  // namespace relais::privacy
