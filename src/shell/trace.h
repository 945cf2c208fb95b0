#ifndef X_trace
#define X_trace
#endif
