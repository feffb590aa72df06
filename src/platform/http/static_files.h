// The built web app (web/dist), loaded in memory at start and served with cache headers:
// hashed files under /assets/ are immutable for a year; index.html is revalidated every time.
// Unknown paths without a file extension get index.html (the app's own routes).
#pragma once
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/http/http.h"

namespace relais::http {

class StaticFiles {
 public:
  // Loads every regular file under root. Returns nullptr-equivalent (empty) when root is missing.
  static std::shared_ptr<const StaticFiles> Load(const std::string& root);

  // The response for a GET of `path`, or nullopt when there is no such file (nor fallback).
  std::optional<Response> Find(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string body, content_type, cache_control;
  };
  std::unordered_map<std::string, File> files_;  // "/assets/index-abc.js" -> file
};

}  // namespace relais::http
