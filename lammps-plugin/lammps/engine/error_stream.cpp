#include "engine/error_stream.h"

#include <unistd.h>

#include <string>

namespace nabridge {

namespace {

struct LineFilter {
  std::string line;  // the incomplete last line
};

void forward_if_error(const std::string& line) {
  if (!is_lammps_error_line(line)) return;
  const std::string out = "LAMMPS: " + line + "\n";
  (void)!::write(2, out.data(), out.size());
}

ssize_t filter_write(void* cookie, const char* buf, size_t size) {
  auto* f = static_cast<LineFilter*>(cookie);
  for (size_t k = 0; k < size; ++k) {
    if (buf[k] == '\n') forward_if_error(f->line), f->line.clear();
    else f->line += buf[k];
  }
  return static_cast<ssize_t>(size);
}

int filter_close(void* cookie) {
  auto* f = static_cast<LineFilter*>(cookie);
  forward_if_error(f->line);
  delete f;
  return 0;
}

}  // namespace

bool is_lammps_error_line(const std::string& line) {
  return line.rfind("ERROR", 0) == 0 || line.rfind("Last command:", 0) == 0;
}

FILE* open_error_only_screen() {
  cookie_io_functions_t io{};
  io.write = filter_write;
  io.close = filter_close;
  FILE* f = fopencookie(new LineFilter, "w", io);
  if (f) setvbuf(f, nullptr, _IONBF, 0);  // Debian's LAMMPS aborts right after printing: nothing may wait in a buffer
  return f;
}

}  // namespace nabridge
