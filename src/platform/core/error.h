// Expected outcomes of a use case, carried as values (ARCHITECTURE.md §4.3).
// An Error names what went wrong (code), says it in French for the user (message)
// and, for validation errors, which input field is at fault (field).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace relais {

enum class ErrorCode {
  kInvalid,          // the input breaks a rule: 400 (or 422 for a well-formed but refused request)
  kUnauthenticated,  // no valid session: 401
  kForbidden,        // the actor may see the record but not do this: 403
  kNotFound,         // absent, or not visible to the actor: 404
  kConflict,         // duplicate, or a concurrent change won: 409
  kTooLarge,         // request body over the limit: 413
  kRateLimited,      // too many attempts: 429
  kUnavailable,      // database unreachable or busy: 503
  kStorageFull,      // could not store (disk full): 507
  kInternal,         // a bug: 500
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // French, for the person using Relais
  std::string field;    // offending input field (JSON pointer-ish name or CSV column), may be empty
  // Every offending field when a form has several errors: (field, French message).
  std::vector<std::pair<std::string, std::string>> fields;
};

inline Error Invalid(std::string field, std::string message) {
  return {ErrorCode::kInvalid, std::move(message), std::move(field)};
}
inline Error NotFound(std::string message = "Introuvable.") {
  return {ErrorCode::kNotFound, std::move(message), {}};
}
inline Error Forbidden(std::string message = "Vous n'avez pas le droit de faire cela.") {
  return {ErrorCode::kForbidden, std::move(message), {}};
}
inline Error Conflict(std::string message, std::string field = {}) {
  return {ErrorCode::kConflict, std::move(message), std::move(field)};
}

// HTTP status of an error code: the one place where this mapping lives.
int HttpStatusOf(ErrorCode code);
// Stable machine name of an error code, used as the problem "type" suffix.
std::string_view NameOf(ErrorCode code);

// Base of infrastructure failures (database, disk) that carry the user-facing Error to answer
// with; the router turns any of them into a problem response.
class InfraError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  virtual Error ToError() const = 0;
};

// Result<T>: either a value or an Error. Result<void> is spelt Result<Unit>.
struct Unit {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace relais
