// Demo-data generation speed: the rows of a region (330,000 households over 12 landlords by
// default) made in chunks of 20,000 households, as `relais demo` makes them, and thrown away.
// Prints one line of key=value figures for bench/run; asserts nothing.
//   relais_bench_demo [--households N] [--landlords N] [--chunk N] [--seed N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "modules/housing/demo_data.h"

int main(int argc, char** argv) {
  using namespace relais::housing;
  demo::Options o;
  o.households = 330'000;
  o.landlords = 12;
  o.chunk_households = 20'000;
  o.seed = 1;
  o.reference_date = {2026, 11, 27};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long long v = std::atoll(argv[i + 1]);
    if (flag == "--households") o.households = v;
    else if (flag == "--landlords") o.landlords = static_cast<int>(v);
    else if (flag == "--chunk") o.chunk_households = v;
    else if (flag == "--seed") o.seed = static_cast<uint64_t>(v);
    else {
      std::fprintf(stderr, "usage: %s [--households N] [--landlords N] [--chunk N] [--seed N]\n", argv[0]);
      return 2;
    }
  }
  int64_t households = 0, dwellings = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  auto r = demo::GenerateChunks(o, Communes(), [&](demo::Chunk& c) {
    households += static_cast<int64_t>(c.households.size());
    dwellings += static_cast<int64_t>(c.stock.size());
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  if (!r.ok()) {
    std::fprintf(stderr, "relais_bench_demo: %s\n", r.error().message.c_str());
    return 1;
  }
  std::printf("households=%lld dwellings=%lld landlords=%d wall_s=%.3f cpu_s=%.3f households_per_s=%.0f\n",
              static_cast<long long>(households), static_cast<long long>(dwellings), o.landlords, wall, cpu,
              static_cast<double>(households) / cpu);
  return 0;
}
