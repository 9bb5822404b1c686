/* transport.h - where the protocol bytes flow: a TCP listener
   ([HOST]:PORT, IPv4 or IPv6), stdin/stdout or a serial line.  */
#ifndef QS_TRANSPORT_H
#define QS_TRANSPORT_H

#include <stdbool.h>

enum transport_kind { TRANSPORT_TCP, TRANSPORT_STDIO, TRANSPORT_SERIAL };

struct transport {
	enum transport_kind kind;
	int listen_fd;
	int port;
	int serial_fd; /* the line, open for the whole run */
};

/* Is COMM a communication argument (HOST:PORT, :PORT, -, stdio, or a
   device path)?  */
bool transport_is_comm(const char *comm);
/* Open COMM (a serial line at BAUD bits per second, 0: as it is);
   prints gdbserver's messages on failure and returns -1.  */
int transport_open(struct transport *t, const char *comm, int baud);
/* Accept one connection; prints "Remote debugging from host ...".
   Returns the connected fd or -1.  */
int transport_accept(struct transport *t);
void transport_close(struct transport *t);

#endif
