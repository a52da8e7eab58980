#include "kernel_name.h"

#include <simdjson.h>

const char *scholiastBenchOndemandKernel()
{
    return SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION);
}
