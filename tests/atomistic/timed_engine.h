#pragma once
// An Engine wrapper that accumulates the CPU time spent inside the wrapped engine, so benchmarks
// can print the share of a protocol's time that goes to the force field.
#include <ctime>
#include <string>

#include "core/engine.h"

namespace nabridge::testing {

inline double process_cpu_s() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

class TimedEngine : public Engine {
 public:
  explicit TimedEngine(Engine& inner) : inner_(inner) {}
  std::string describe() const override { return inner_.describe(); }
  bool provides_virial() const override { return inner_.provides_virial(); }
  double seconds = 0;  // CPU seconds inside the wrapped engine

 protected:
  void compute(const Structure& s, Evaluation& out, bool virial) override {
    const double t0 = process_cpu_s();
    inner_.evaluate(s, out, virial);
    seconds += process_cpu_s() - t0;
  }

 private:
  Engine& inner_;
};

}  // namespace nabridge::testing
