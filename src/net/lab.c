#include "config.h"
#include "lab.h"
