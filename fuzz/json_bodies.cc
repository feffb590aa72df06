// JSON request decoding of every route body: ParseJsonObject and the FieldReader-based decoders
// the routes call (housing_bodies.h, identity_bodies.h, staff_bodies.h). First byte: which body (and whether it
// is an update, read over a stored record); the rest is the body. Whatever the bytes: a decoded
// value that keeps the documented bounds, or a kInvalid error that names its fields and renders
// as a problem+json body.
#include <cstdint>

#include "check.h"
#include "modules/housing/housing_bodies.h"
#include "modules/identity/identity_bodies.h"
#include "modules/staff/staff_bodies.h"
#include "platform/core/json_body.h"
#include "platform/core/text.h"
#include "platform/http/http.h"

using namespace relais;

namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A text field as FieldReader gives it: UTF-8, trimmed, within its length, no control character
// but tab and line feed.
void CheckText(std::string_view s, size_t max, bool required) {
  CHECK(text::IsValidUtf8(s));
  CHECK(CodePoints(s) <= max);
  CHECK(!required || !s.empty());
  CHECK(text::Trim(s) == s);
  for (unsigned char c : s) CHECK(c >= 0x20 || c == '\n' || c == '\t');
}

void CheckError(const Error& e) {
  CHECK(e.code == ErrorCode::kInvalid);
  CHECK(!e.message.empty());
  for (const auto& [field, message] : e.fields) CHECK(!message.empty());
  const http::Response r = http::Problem(e);
  CHECK(r.status == 400);
  const auto body = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  CHECK(body.is_object() && body["status"] == 400);
}

housing::Building StoredBuilding() {
  housing::Building b;
  b.id = 7;
  b.reference = "B-7";
  b.street = "1 rue de la Paix";
  b.commune_insee = "14118";
  b.agency_id = 2;
  return b;
}

housing::Household StoredHousehold() {
  housing::Household h;
  h.id = 9;
  h.reference = "T-9";
  h.dwelling_id = 3;
  h.members.push_back({.id = 4, .first_name = "Jeanne", .last_name = "Martin"});
  h.lease = housing::Lease{.id = 5, .start_date = {2020, 1, 1}, .rent_cents = 40000, .charges_cents = 5000};
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0];
  const std::string_view body = fuzz::View(data + 1, size - 1);
  const bool partial = which & 1;
  switch ((which >> 1) % 7) {
    case 0: {
      auto b = housing::DecodeBuilding(body, partial ? StoredBuilding() : housing::Building{}, partial);
      if (!b.ok()) return CheckError(b.error()), 0;
      CheckText(b->reference, 40, true);
      CheckText(b->street, 200, true);
      CheckText(b->name, 200, false);
      CheckText(b->postal_code, 5, false);
      CheckText(b->commune_insee, 5, true);
      CHECK(b->floors >= 0 && b->floors <= 60);
      CHECK(!b->agency_id || *b->agency_id >= 1);
      if (partial) CHECK(b->id == 7);
      break;
    }
    case 1: {
      housing::Dwelling base;
      base.id = 3, base.reference = "L-3", base.building_id = 7, base.rooms = 2, base.surface_cm2 = 4000;
      auto d = housing::DecodeDwelling(body, partial ? base : housing::Dwelling{}, partial);
      if (!d.ok()) return CheckError(d.error()), 0;
      CheckText(d->reference, 40, true);
      CHECK(d->building_id >= 1);
      CHECK(d->rooms >= 1 && d->rooms <= 6);
      CHECK(d->floor >= -5 && d->floor <= 60);
      if (!partial || d->surface_cm2 != 4000) CHECK(d->surface_cm2 >= 500 && d->surface_cm2 <= 100000);
      CHECK(d->rent_cents >= 0 && d->rent_cents <= 1'000'000);
      CHECK(d->charges_cents >= 0 && d->charges_cents <= 1'000'000);
      break;
    }
    case 2: {
      auto h = housing::DecodeHousehold(body, partial ? StoredHousehold() : housing::Household{}, partial);
      if (!h.ok()) return CheckError(h.error()), 0;
      CheckText(h->reference, 40, true);
      CHECK(h->dwelling_id >= 1);
      CheckText(h->email, 254, false);
      CheckText(h->notes, 4000, false);
      for (const auto& m : h->members) {
        CheckText(m.first_name, 100, true);
        CheckText(m.last_name, 100, true);
        CHECK(!m.birth_date || IsValid(*m.birth_date));
      }
      for (const auto& p : h->phones) CheckText(p.number, 30, true);
      if (h->lease) {
        CHECK(IsValid(h->lease->start_date));
        CHECK(h->lease->rent_cents >= 0 && h->lease->rent_cents <= 1'000'000);
      }
      break;
    }
    case 3: {
      auto s = identity::DecodeSignIn(body);
      if (!s.ok()) return CheckError(s.error()), 0;
      CheckText(s->email, 254, true);
      CheckText(s->password, 1024, true);
      break;
    }
    case 4: {
      auto in = staff::DecodeInvitation(body);
      if (!in.ok()) return CheckError(in.error()), 0;
      CheckText(in->email, 254, true);
      CheckText(in->display_name, 200, true);
      CHECK(in->roles != 0);
      for (int64_t a : in->agency_ids) CHECK(a >= 1);
      break;
    }
    case 5: {
      auto p = staff::DecodeStaffPatch(body);
      if (!p.ok()) return CheckError(p.error()), 0;
      if (p->display_name) CheckText(*p->display_name, 200, true);
      CHECK(!p->roles || *p->roles != 0);
      if (p->agency_ids) for (int64_t a : *p->agency_ids) CHECK(a >= 1);
      break;
    }
    case 6: {
      auto password = staff::DecodeAcceptInvitation(body);
      if (!password.ok()) return CheckError(password.error()), 0;
      CheckText(*password, 1024, true);
      break;
    }
  }
  // Whatever was decoded, the body was one JSON object with each key once.
  auto j = ParseJsonObject(body);
  CHECK(j.ok() && j->is_object());
  return 0;
}
