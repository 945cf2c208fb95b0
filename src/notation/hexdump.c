/* hexdump.c: the hexdump under `read -x`, `recv -x` and `recvfrom -x`. */
#include "config.h"

#include "hexdump.h"

/*
 * strace's dumpstr layout, so a learner can hold the two side by side: offset,
 * sixteen hex bytes in two groups of eight, the same bytes as text.
 */
void
hexdump(struct strbuf *sb, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t off = 0; off < len; off += HEXDUMP_WIDTH) {
		size_t n = len - off < HEXDUMP_WIDTH ? len - off : HEXDUMP_WIDTH;

		sb_addf(sb, " | %05zx  ", off);
		for (size_t i = 0; i < HEXDUMP_WIDTH; i++) {
			if (i < n)
				sb_addf(sb, "%02x ", p[off + i]);
			else
				sb_add(sb, "   ");
			if (i == HEXDUMP_WIDTH / 2 - 1)
				sb_addc(sb, ' ');
		}
		sb_addc(sb, ' ');
		for (size_t i = 0; i < HEXDUMP_WIDTH; i++) {
			unsigned char c = i < n ? p[off + i] : ' ';

			sb_addc(sb, c >= 0x20 && c <= 0x7e ? (char)c : '.');
		}
		sb_add(sb, " |\n");
	}
}
