// A household's phone as the call pages show it (the call list and the call recorder).
#pragma once
#include <string>

namespace relais::outreach {

struct Phone {
  std::string number;
  std::string label;
};

}  // namespace relais::outreach
