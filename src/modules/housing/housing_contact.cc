// Lookups other modules make inside their own transactions (reception's notices and
// convocations): the organisation's name, and how to reach a household. No policy, no audit: the
// caller has already authorised the operation that needs them.
#include "modules/housing/housing_contact.h"
#include "platform/core/text.h"

namespace relais::housing {
using db::P;

std::optional<Organisation> FindOrganisation(db::Connection& c, int64_t org) {
  std::optional<Organisation> o;
  c.Query("SELECT id, name, siren FROM organisations WHERE id = ?", {P(org)},
          [&](const db::Row& r) { o = Organisation{r.Int(0), r.Str(1), r.Str(2)}; });
  return o;
}

std::optional<HouseholdContact> FindHouseholdContact(db::Connection& c, int64_t org, int64_t household_id) {
  std::optional<HouseholdContact> h;
  c.Query("SELECT display_name, email FROM households WHERE id = ? AND organisation_id = ?", {P(household_id), P(org)},
          [&](const db::Row& r) { h = HouseholdContact{r.Str(0), std::string(text::Trim(r.Str(1))), {}}; });
  if (!h) return h;
  if (h->name.empty()) {
    c.Query("SELECT first_name, last_name FROM members WHERE household_id = ? AND organisation_id = ? "
            "ORDER BY position LIMIT 1",
            {P(household_id), P(org)}, [&](const db::Row& r) { h->name = r.Str(0) + " " + r.Str(1); });
  }
  c.Query("SELECT number FROM phones WHERE household_id = ? AND organisation_id = ? ORDER BY position",
          {P(household_id), P(org)}, [&](const db::Row& r) {
            const std::string n = text::NormalizePhoneFr(r.Str(0));
            if (h->mobile.empty() && (n.starts_with("06") || n.starts_with("07"))) h->mobile = n;
          });
  if (h->email.find_first_of("\r\n") != std::string::npos) h->email.clear();
  return h;
}

}  // namespace relais::housing
