#include "slam/cli/cli.hpp"

int main(int argc, char** argv)
{
  return slam::cli::run(argc, argv);
}
