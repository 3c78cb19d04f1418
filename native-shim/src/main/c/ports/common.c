/*
 * common.c: what every kind of port shares: argument checks, closing, waiting, error text.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "ports_internal.h"

int torii_check_batch(int32_t fd, const torii_port_msg *msgs, uint32_t count)
{
    if (fd < 0 || msgs == NULL || count < 1 || count > TORII_PORT_MAX_BATCH)
    {
        return -EINVAL;
    }
    return 0;
}

int torii_check_buffer(const torii_port_msg *msg)
{
    if (msg->length > TORII_PORT_MAX_LENGTH || (msg->buffer == 0 && msg->length != 0))
    {
        return -EINVAL;
    }
    return 0;
}

int torii_error_stops_burst(int error)
{
    switch (error)
    {
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
        case ENOBUFS:
        case EBADF:
        case ENOTSOCK:
        case EIO:
            return 1;
        default:
            return 0;
    }
}

int32_t torii_port_poll(int32_t fd, int32_t timeout_ms)
{
    if (fd < 0 || timeout_ms < -1)
    {
        return -EINVAL;
    }
    struct pollfd entry = {.fd = fd, .events = POLLIN, .revents = 0};
    int ready;
    do
    {
        ready = poll(&entry, 1, timeout_ms);
    }
    while (ready < 0 && errno == EINTR);
    if (ready < 0)
    {
        return -errno;
    }
    if (ready > 0 && (entry.revents & POLLNVAL) != 0)
    {
        return -EBADF;
    }
    return ready > 0 ? 1 : 0;
}

int32_t torii_port_close(int32_t fd)
{
    if (fd < 0)
    {
        return -EBADF;
    }
    /* Linux releases the descriptor even when close() reports EINTR: never retry. */
    return close(fd) == 0 || errno == EINTR ? 0 : -errno;
}

int32_t torii_port_strerror(int32_t error, char *buf, uint32_t len)
{
    if (buf == NULL || len == 0)
    {
        return -EINVAL;
    }
    char scratch[128];
    const int positive = error == INT32_MIN ? 0 : (error < 0 ? -error : error);
    const char *text = strerror_r(positive, scratch, sizeof(scratch));
    size_t length = strlen(text);
    if (length > len - 1)
    {
        length = len - 1;
    }
    memcpy(buf, text, length);
    buf[length] = '\0';
    return (int32_t)length;
}
