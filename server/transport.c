/* transport.c - TCP listening and accepting, stdio, serial lines.  */
#include "config.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "log.h"
#include "serial.h"
#include "transport.h"

bool transport_is_comm(const char *comm)
{
	return strcmp(comm, "-") == 0 || strcmp(comm, "stdio") == 0 ||
	       strchr(comm, ':') != NULL || comm[0] == '/';
}

/* Split "[HOST]:PORT", "HOST:PORT", ":PORT"; IPv6 hosts may be written
   "[::1]:PORT" or "::1:PORT" (the last colon separates the port).  A
   missing host means loopback only.  */
static int split_comm(const char *comm, char *host, size_t hsize, char *port,
		      size_t psize)
{
	const char *colon = strrchr(comm, ':');
	size_t hlen;

	if (!colon)
		return -1;
	hlen = colon - comm;
	if (hlen >= 2 && comm[0] == '[' && comm[hlen - 1] == ']') {
		comm++;
		hlen -= 2;
	}
	if (hlen >= hsize || strlen(colon + 1) >= psize)
		return -1;
	memcpy(host, comm, hlen);
	host[hlen] = '\0';
	strcpy(port, colon + 1);
	return 0;
}

int transport_open(struct transport *t, const char *comm, int baud)
{
	char host[256], port[32];
	struct addrinfo hints = { 0 }, *res = NULL, *ai;
	int fd = -1, one = 1, err;

	t->listen_fd = -1;
	t->serial_fd = -1;
	if (strcmp(comm, "-") == 0 || strcmp(comm, "stdio") == 0) {
		t->kind = TRANSPORT_STDIO;
		return 0;
	}
	if (comm[0] == '/') {
		t->kind = TRANSPORT_SERIAL;
		t->serial_fd = serial_open(comm, baud);
		if (t->serial_fd < 0) {
			log_message("Could not open remote device %s: %s", comm,
				    strerror(-t->serial_fd));
			return -1;
		}
		log_message("Remote debugging using %s", comm);
		return 0;
	}
	t->kind = TRANSPORT_TCP;
	if (split_comm(comm, host, sizeof(host), port, sizeof(port)) < 0 ||
	    !*port) {
		log_message("%s: cannot resolve name: bad address", comm);
		return -1;
	}
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	/* A bare ":PORT" listens on loopback only.  */
	err = getaddrinfo(*host ? host : "127.0.0.1", port, &hints, &res);
	if (err) {
		log_message("%s: cannot resolve name: %s", comm,
			    gai_strerror(err));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
			    ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 1) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		log_message("Can't bind address: %s.", strerror(errno));
		return -1;
	}
	{
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);

		getsockname(fd, (struct sockaddr *)&ss, &sl);
		t->port =
			ntohs(ss.ss_family == AF_INET6 ?
				      ((struct sockaddr_in6 *)&ss)->sin6_port :
				      ((struct sockaddr_in *)&ss)->sin_port);
	}
	t->listen_fd = fd;
	log_message("Listening on port %d", t->port);
	return 0;
}

int transport_accept(struct transport *t)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[NI_MAXHOST] = "?", serv[NI_MAXSERV] = "?";
	int one = 1;
	int fd = accept4(t->listen_fd, (struct sockaddr *)&ss, &sl,
			 SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
		    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
	log_message("Remote debugging from host %s, port %s", host, serv);
	return fd;
}

void transport_close(struct transport *t)
{
	if (t->listen_fd >= 0)
		close(t->listen_fd);
	t->listen_fd = -1;
	if (t->serial_fd >= 0)
		close(t->serial_fd);
	t->serial_fd = -1;
}
