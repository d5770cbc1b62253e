/*
 * server.h — the HTTP server: libmicrohttpd with an internal thread pool and epoll.
 *
 * server_run() opens nothing until it listens; each worker thread opens its own
 * database connection on first use (one connection per thread) and every connection is
 * closed at shutdown. It blocks until SIGINT or SIGTERM, stops accepting, lets
 * in-flight requests finish (up to 10 s), closes the database and returns an exit code.
 * When the TCP peer is one of trusted_proxies, the client address (login rate limits,
 * audit) is the right-most X-Forwarded-For entry that is not a trusted proxy.
 */
#ifndef CB_SERVER_H
#define CB_SERVER_H

#include "router.h"

#include <stdbool.h>
#include <stddef.h>

/* Most worker threads --threads accepts (each holds one database connection). */
#define SERVER_MAX_THREADS 256

struct server_config {
	const char *db_url;
	const char *listen;         /* "HOST:PORT"; port 0 picks a free port */
	int threads;                /* worker threads; ≥ 1 */
	size_t body_limit;          /* default request body cap in bytes */
	bool secure_cookies;        /* add Secure to cookies (behind TLS) */
	const char *trusted_proxies; /* "ADDR[,ADDR…]" whose X-Forwarded-For is believed; NULL = none */
	const struct route *routes; /* terminated by {NULL} */
};

/* Returns 0 after a clean shutdown, 2 when it cannot listen or reach the database. */
int server_run(const struct server_config *cfg);

#endif
