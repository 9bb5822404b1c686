/* serial.c - a serial line as the protocol's transport: the device in
   raw mode (8 data bits, no parity, no flow control, no echo, no
   line discipline), at a given speed or the one it has.  */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "serial.h"

static const struct {
	int rate;
	speed_t speed;
} speeds[] = {
	{ 1200, B1200 },     { 2400, B2400 },	  { 4800, B4800 },
	{ 9600, B9600 },     { 19200, B19200 },	  { 38400, B38400 },
	{ 57600, B57600 },   { 115200, B115200 }, { 230400, B230400 },
	{ 460800, B460800 }, { 921600, B921600 },
};

bool serial_rate_ok(int rate)
{
	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (speeds[i].rate == rate)
			return true;
	return false;
}

int serial_open(const char *path, int rate)
{
	struct termios tio;
	int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (tcgetattr(fd, &tio) < 0) {
		int err = errno;

		close(fd);
		return -err;
	}
	cfmakeraw(&tio);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag &= ~(CSTOPB | CRTSCTS);
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
		if (speeds[i].rate == rate) {
			cfsetispeed(&tio, speeds[i].speed);
			cfsetospeed(&tio, speeds[i].speed);
		}
	}
	if (tcsetattr(fd, TCSANOW, &tio) < 0) {
		int err = errno;

		close(fd);
		return -err;
	}
	/* What the line held before quietstub opened it is no packet of
	   this session.  */
	tcflush(fd, TCIOFLUSH);
	return fd;
}
