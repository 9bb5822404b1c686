/* rsp_frame.h - incoming byte stream framing for the GDB Remote Serial
   Protocol: "$payload#cs" packets, '+'/'-' acks, 0x03 interrupts, and
   run-length decoding.  Pure: no I/O, no globals.  */
#ifndef QS_RSP_FRAME_H
#define QS_RSP_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Largest decoded payload accepted; advertised as PacketSize.  */
#define RSP_MAX_PACKET 0x40000

enum rsp_frame_event {
	RSP_EV_NONE, /* need more bytes */
	RSP_EV_PACKET, /* a whole packet with a good checksum */
	RSP_EV_ACK, /* '+' */
	RSP_EV_NACK, /* '-': resend the last packet */
	RSP_EV_INTERRUPT, /* 0x03 outside a packet */
	RSP_EV_BAD_CHECKSUM, /* answer '-' and wait for the resend */
	RSP_EV_OVERSIZE, /* payload exceeded RSP_MAX_PACKET; dropped */
	RSP_EV_BAD_RLE, /* malformed run-length encoding; dropped */
};

struct rsp_framer {
	int state;
	uint8_t csum; /* running sum of the raw payload bytes */
	uint8_t csum_rx; /* checksum digits received */
	int csum_digits;
	bool overflow;
	bool bad_rle;
	bool rle_pending; /* previous byte was '*' */
	size_t len; /* decoded payload length */
	char buf[RSP_MAX_PACKET + 1]; /* decoded payload, NUL-terminated */
};

void rsp_framer_init(struct rsp_framer *f);

/* Consume bytes from DATA until one event completes or LEN bytes are used.
   Returns the number of bytes consumed and sets *EV.  With RSP_EV_PACKET
   the payload is f->buf / f->len until the next call.  Bytes outside a
   packet other than '+', '-', 0x03 and '$' are ignored.  A bad checksum
   wins over OVERSIZE and BAD_RLE (a resend may cure it).  When a '$'
   stands where a checksum digit should, BAD_CHECKSUM is reported without
   consuming the '$' (it starts the next packet), so 0 may be returned
   together with an event.  Run-length counts are ' '..'~' except '#'
   and '$' (3..97 more copies of the previous decoded byte).  */
size_t rsp_framer_feed(struct rsp_framer *f, const uint8_t *data, size_t len,
		       enum rsp_frame_event *ev);

#endif
