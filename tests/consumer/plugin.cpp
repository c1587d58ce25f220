// tests/consumer/plugin.cpp — symrange linked into a shared object (as a compiler plugin or a
// Python extension would be): one C entry point that counts the checks a program can drop.
#include <symrange/symrange.h>

extern "C" int symrange_plugin_removable(const char* path) {
  try {
    symrange::Program p = symrange::Program::load(path);
    int n = 0;
    for (const symrange::Check& c : p.checks()) n += c.removable ? 1 : 0;
    return n;
  } catch (const symrange::Error&) {
    return -1;
  }
}
