// Implementation of cbridge.h. Every entry point catches all C++ exceptions.
#include "cbridge.h"
#include <cstdlib>

extern "C" void cb_string_free(char *message) { std::free(message); }
