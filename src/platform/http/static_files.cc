#include "platform/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace relais::http {
namespace {
std::string ContentTypeOf(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> k = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
      {".webmanifest", "application/manifest+json"}, {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  auto it = k.find(ext);
  return it == k.end() ? "application/octet-stream" : it->second;
}
}  // namespace

std::shared_ptr<const StaticFiles> StaticFiles::Load(const std::string& root) {
  auto out = std::make_shared<StaticFiles>();
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = "/" + std::filesystem::relative(entry.path(), root).generic_string();
    File f;
    f.body = ss.str();
    f.content_type = ContentTypeOf(entry.path().extension().string());
    f.cache_control = rel.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    out->files_.emplace(std::move(rel), std::move(f));
  }
  return out;
}

std::optional<Response> StaticFiles::Find(const std::string& path) const {
  const File* f = nullptr;
  if (auto it = files_.find(path == "/" ? "/index.html" : path); it != files_.end()) {
    f = &it->second;
  } else {
    // An app route such as /menages/42 (no extension, not an asset): the app's index.
    auto last = path.rfind('/');
    bool has_ext = path.find('.', last == std::string::npos ? 0 : last) != std::string::npos;
    if (has_ext || path.starts_with("/assets/")) return std::nullopt;
    auto idx = files_.find("/index.html");
    if (idx == files_.end()) return std::nullopt;
    f = &idx->second;
  }
  Response r;
  r.status = 200;
  r.content_type = f->content_type;
  r.body = f->body;
  r.SetHeader("Cache-Control", f->cache_control);
  return r;
}

}  // namespace relais::http
