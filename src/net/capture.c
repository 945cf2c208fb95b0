#include "config.h"
#include "capture.h"
