#ifndef X_capture
#define X_capture
#endif
