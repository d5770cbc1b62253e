/*
 * cmd_serve.c — `serve`: run the HTTP server until SIGINT/SIGTERM.
 */
#include "cli.h"

#include "../api/api.h"
#include "../base/str.h"
#include "../core/session.h"
#include "../http/server.h"
#include "../store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static bool int_opt(const char *name, const char *v, int64_t min, int64_t max, int64_t *out)
{
	if (!v)
		return true;
	if (parse_i64(v, min, max, out))
		return true;
	fprintf(stderr, "channelbase: --%s must be an integer from %lld to %lld\n", name, (long long)min,
		(long long)max);
	return false;
}

int cmd_serve(int argc, char **argv)
{
	const char *dburl = NULL, *datadir = NULL, *listen = NULL, *threads = NULL, *body = NULL, *idle = NULL, *max = NULL,
		   *proxies = NULL;
	bool secure = false;
	const struct cli_opt opts[] = {
		{"db", &dburl, NULL, "database URL (default $CHANNELBASE_DB or ./data/channelbase.db)"},
		{"data-dir", &datadir, NULL, "where uploaded documents are stored (default: documents/ beside a SQLite database)"},
		{"listen", &listen, NULL, "HOST:PORT (default $CHANNELBASE_LISTEN or 127.0.0.1:8080; port 0 = any free)"},
		{"threads", &threads, NULL, "worker threads (default: number of cores)"},
		{"body-limit", &body, NULL, "largest request body in bytes (default 1048576)"},
		{"session-idle", &idle, NULL, "seconds of inactivity that end a session (default 7200)"},
		{"session-max", &max, NULL, "seconds after which a session ends regardless (default 43200)"},
		{"trusted-proxy", &proxies, NULL, "ADDR[,ADDR...] of load balancers whose X-Forwarded-For names the client (default $CHANNELBASE_TRUSTED_PROXY)"},
		{"secure-cookies", NULL, &secure, "mark cookies Secure (when served over HTTPS)"},
		{NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(argc, argv, opts, "serve [--db URL] [--listen HOST:PORT] [--threads N]");
	if (rc)
		return rc < 0 ? 0 : rc;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t nthreads = cores > 0 ? cores : 2, body_limit = 1 << 20, idle_s = 7200, max_s = 43200;
	if (!int_opt("threads", threads, 1, SERVER_MAX_THREADS, &nthreads) ||
	    !int_opt("body-limit", body, 1024, 1 << 30, &body_limit) ||
	    !int_opt("session-idle", idle, 60, 30 * 86400, &idle_s) ||
	    !int_opt("session-max", max, 60, 90 * 86400, &max_s))
		return 2;
	if (!listen) {
		const char *env = getenv("CHANNELBASE_LISTEN");
		listen = env && *env ? env : "127.0.0.1:8080";
	}
	if (!proxies) {
		const char *env = getenv("CHANNELBASE_TRUSTED_PROXY");
		proxies = env && *env ? env : NULL;
	}
	session_set_timeouts((int)idle_s, (int)max_s);
	const char *url = cli_db_url(dburl);
	cli_set_document_dir(url, datadir);
	/* Bring the schema up to date before any worker opens a connection. */
	struct cb_ctx ctx;
	struct db *db;
	if ((rc = cli_session(url, true, &ctx, &db)) != 0)
		return rc;
	cli_session_end(&ctx, db);
	struct server_config cfg = {
		.db_url = url,
		.listen = listen,
		.threads = (int)nthreads,
		.body_limit = (size_t)body_limit,
		.secure_cookies = secure,
		.trusted_proxies = proxies,
		.routes = api_routes,
	};
	return server_run(&cfg);
}
