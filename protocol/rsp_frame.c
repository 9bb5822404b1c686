/* rsp_frame.c - the incoming RSP byte stream state machine: finds
   "$payload#cs" packets, checks the checksum (sum of the raw payload
   bytes, before run-length expansion), expands "X*n" run-length
   encoding, and reports '+', '-' and 0x03 seen outside packets.  Input
   may be split at any byte.  '}' escapes are left for the binary
   parsers.  Pure: no I/O, no allocation, no globals.  */
#include <string.h>

#include "rsp_frame.h"
#include "rsp_hex.h"

enum frame_state {
	ST_IDLE, /* between packets */
	ST_DATA, /* after '$' */
	ST_CSUM, /* after '#', csum_digits of 2 read */
};

/* Repeat counts are sent as count + 29 in a printable character
   (' ' = 3 .. '~' = 97); '#' and '$' are never counts.  */
#define RLE_BIAS 29

void rsp_framer_init(struct rsp_framer *f)
{
	f->state = ST_IDLE;
	f->csum = 0;
	f->csum_rx = 0;
	f->csum_digits = 0;
	f->overflow = false;
	f->bad_rle = false;
	f->rle_pending = false;
	f->len = 0;
	f->buf[0] = '\0';
}

static void start_packet(struct rsp_framer *f)
{
	rsp_framer_init(f);
	f->state = ST_DATA;
}

static void append(struct rsp_framer *f, char c, size_t n)
{
	if (f->overflow || n > RSP_MAX_PACKET - f->len) {
		f->overflow = true;
		return;
	}
	memset(f->buf + f->len, c, n);
	f->len += n;
}

static void data_byte(struct rsp_framer *f, uint8_t c)
{
	f->csum += c;
	if (f->rle_pending) {
		f->rle_pending = false;
		if (c < ' ' || c > '~') {
			f->bad_rle = true;
			return;
		}
		if (!f->bad_rle && !f->overflow)
			append(f, f->buf[f->len - 1], c - RLE_BIAS);
		return;
	}
	if (c == '*') {
		f->rle_pending = true;
		/* Nothing to repeat (the run-length state of an
		   overflowed packet is unknown, so it is not judged).  */
		if (f->len == 0 && !f->overflow)
			f->bad_rle = true;
		return;
	}
	append(f, (char)c, 1);
}

static enum rsp_frame_event finish(struct rsp_framer *f)
{
	enum rsp_frame_event ev;

	if (f->csum_rx != f->csum)
		ev = RSP_EV_BAD_CHECKSUM;
	else if (f->overflow)
		ev = RSP_EV_OVERSIZE;
	else if (f->bad_rle)
		ev = RSP_EV_BAD_RLE;
	else
		ev = RSP_EV_PACKET;
	f->state = ST_IDLE;
	if (ev == RSP_EV_PACKET) {
		f->buf[f->len] = '\0';
	} else {
		f->len = 0;
		f->buf[0] = '\0';
	}
	return ev;
}

size_t rsp_framer_feed(struct rsp_framer *f, const uint8_t *data, size_t len,
		       enum rsp_frame_event *ev)
{
	size_t i;

	*ev = RSP_EV_NONE;
	for (i = 0; i < len; i++) {
		uint8_t c = data[i];
		int d;

		switch (f->state) {
		case ST_IDLE:
			if (c == '$') {
				start_packet(f);
			} else if (c == '+') {
				*ev = RSP_EV_ACK;
				return i + 1;
			} else if (c == '-') {
				*ev = RSP_EV_NACK;
				return i + 1;
			} else if (c == 0x03) {
				*ev = RSP_EV_INTERRUPT;
				return i + 1;
			}
			break;
		case ST_DATA:
			if (c == '$') {
				start_packet(f);
			} else if (c == '#') {
				/* "X*#": the count is missing.  */
				if (f->rle_pending)
					f->bad_rle = true;
				f->state = ST_CSUM;
				f->csum_rx = 0;
				f->csum_digits = 0;
			} else {
				data_byte(f, c);
			}
			break;
		case ST_CSUM:
			d = rsp_hexval(c);
			if (d < 0) {
				/* A corrupt checksum.  A '$' is kept: it
				   starts the next packet.  */
				f->csum_rx = (uint8_t)~f->csum;
				*ev = finish(f);
				return c == '$' ? i : i + 1;
			}
			f->csum_rx = (uint8_t)(f->csum_rx << 4 | d);
			if (++f->csum_digits == 2) {
				*ev = finish(f);
				return i + 1;
			}
			break;
		}
	}
	return len;
}
