#include "config.h"
#include "packet.h"
