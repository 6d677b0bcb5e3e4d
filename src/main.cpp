// kijun: a static site generator for the city's policy portal. See README.md.
#include <exception>
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
  try {
    return kijun::run_cli(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "kijun: internal error: " << e.what() << "\n";
    return 3;
  }
}
