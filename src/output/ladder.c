#include "config.h"
#include "ladder.h"
