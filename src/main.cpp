// evpack command line (placeholder until the CLI lands).
#include <cstdio>
int main() {
  std::puts("evpack");
  return 0;
}
