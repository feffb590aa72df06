#include "platform/http/params.h"

#include <algorithm>

namespace relais::http {

Result<int> LimitParam(const Request& req, int max) {
  auto v = req.QueryParam("limit");
  if (!v) return std::min(50, max);
  // No more digits than max has (and so no overflow in stoi): 1000 is a valid limit when max is 1000.
  if (v->empty() || v->size() > std::to_string(max).size() || v->find_first_not_of("0123456789") != std::string::npos) {
    return Invalid("limit", "limit doit être un entier entre 1 et " + std::to_string(max) + ".");
  }
  int n = std::stoi(*v);
  if (n < 1 || n > max) return Invalid("limit", "limit doit être un entier entre 1 et " + std::to_string(max) + ".");
  return n;
}

Result<std::optional<int64_t>> IdQueryParam(const Request& req, const std::string& name) {
  auto v = req.QueryParam(name);
  if (!v) return std::optional<int64_t>();
  if (v->empty() || v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos) {
    return Invalid(name, name + " doit être un identifiant numérique.");
  }
  return std::optional<int64_t>(std::stoll(*v));
}

// A value the server cannot have given is refused rather than ignored: ignored, it would restart
// at the first page.
Result<std::optional<std::string>> CursorParam(const Request& req) {
  auto v = req.QueryParam("after");
  if (!v) return std::optional<std::string>();
  if (v->empty() || v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos) {
    return Invalid("after", "after doit être le next_cursor d'une page précédente.");
  }
  return std::optional<std::string>(*v);
}

Result<std::optional<CivilDate>> DateQueryParam(const Request& req, const std::string& name) {
  auto v = req.QueryParam(name);
  if (!v) return std::optional<CivilDate>();
  auto d = ParseDate(*v);
  if (!d) return Invalid(name, name + " doit être une date (AAAA-MM-JJ ou JJ/MM/AAAA).");
  return std::optional<CivilDate>(*d);
}

}  // namespace relais::http
