/* LD_PRELOAD shim for bench/protocols.sh: sets TCP_NODELAY on every socket before it connects, to measure what
 * Nagle's algorithm costs Qt's client (Qt 6.4 does not set it on its HTTP sockets). Never used by Pushdesk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    static int (*real_connect)(int, const struct sockaddr *, socklen_t);
    if (!real_connect)
        real_connect = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return real_connect(fd, addr, len);
}
