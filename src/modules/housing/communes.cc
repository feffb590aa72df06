// The communes of Normandy (INSEE COG 2024; data/communes-normandie.csv, embedded at build).
#include <string_view>
#include <unordered_map>

#include "modules/housing/housing.h"

namespace relais::housing {

extern const std::string_view kCommunesCsv;  // communes_embedded.cc (generated)

const std::vector<Commune>& Communes() {
  static const std::vector<Commune> communes = [] {
    std::vector<Commune> out;
    std::string_view csv = kCommunesCsv;
    bool header = true;
    while (!csv.empty()) {
      size_t nl = csv.find('\n');
      std::string_view line = csv.substr(0, nl);
      csv.remove_prefix(nl == std::string_view::npos ? csv.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (header || line.empty()) {
        header = false;
        continue;
      }
      Commune c;
      std::string_view fields[4];
      for (int i = 0; i < 4; ++i) {
        size_t semi = line.find(';');
        fields[i] = line.substr(0, semi);
        line.remove_prefix(semi == std::string_view::npos ? line.size() : semi + 1);
      }
      c.insee = fields[0];
      c.departement = fields[1];
      c.name = fields[2];
      for (char ch : fields[3]) {
        if (ch >= '0' && ch <= '9') c.population = c.population * 10 + (ch - '0');
      }
      out.push_back(std::move(c));
    }
    return out;
  }();
  return communes;
}

const Commune* FindCommune(std::string_view insee) {
  static const std::unordered_map<std::string_view, const Commune*> index = [] {
    std::unordered_map<std::string_view, const Commune*> m;
    for (const auto& c : Communes()) m.emplace(c.insee, &c);
    return m;
  }();
  auto it = index.find(insee);
  return it == index.end() ? nullptr : it->second;
}

}  // namespace relais::housing
