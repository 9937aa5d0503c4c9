// Debian installs OpenBLAS's cblas.h under the alternatives path below; the
// generic <cblas.h> may belong to reference BLAS. Include OpenBLAS's own.
#if __has_include(<x86_64-linux-gnu/openblas-pthread/cblas.h>)
#include <x86_64-linux-gnu/openblas-pthread/cblas.h>
#elif __has_include(<aarch64-linux-gnu/openblas-pthread/cblas.h>)
#include <aarch64-linux-gnu/openblas-pthread/cblas.h>
#else
#include <cblas.h>
#endif
