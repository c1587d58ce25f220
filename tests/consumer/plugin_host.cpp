// tests/consumer/plugin_host.cpp — loads the plugin with dlopen() and asks it about a program.
// Usage: plugin_host PLUGIN.so PROGRAM; prints `removable: N`.
#include <dlfcn.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: plugin_host PLUGIN.so PROGRAM\n");
    return 2;
  }
  void* h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  using Fn = int (*)(const char*);
  auto fn = reinterpret_cast<Fn>(dlsym(h, "symrange_plugin_removable"));
  if (!fn) {
    std::fprintf(stderr, "dlsym: %s\n", dlerror());
    return 1;
  }
  std::printf("removable: %d\n", fn(argv[2]));
  return 0;
}
