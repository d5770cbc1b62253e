/*
 * log.c — JSON lines on stderr.
 */
#include "log.h"

#include "arena.h"
#include "clock.h"
#include "str.h"

#include <stdarg.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;

void log_set_level(enum log_level min)
{
	min_level = min;
}

void log_line(const char *line, size_t len)
{
	while (len) {
		ssize_t n = write(STDERR_FILENO, line, len);
		if (n <= 0)
			return;
		line += n;
		len -= (size_t)n;
	}
}

void log_event(enum log_level lvl, const char *msg, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if (lvl < min_level)
		return;
	struct arena *a = arena_new(1024);
	struct strbuf sb;
	sb_init(&sb, a, 512, 16384);
	char ts[21];
	clock_iso(clock_now(), ts);
	sb_printf(&sb, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"", ts, names[lvl]);
	sb_json_escape(&sb, msg);
	sb_putc(&sb, '"');
	va_list ap;
	va_start(ap, msg);
	for (;;) {
		const char *k = va_arg(ap, const char *);
		if (!k)
			break;
		const char *v = va_arg(ap, const char *);
		sb_puts(&sb, ",\"");
		sb_json_escape(&sb, k);
		sb_puts(&sb, "\":\"");
		sb_json_escape_clip(&sb, v ? v : "", 2048);
		sb_putc(&sb, '"');
	}
	va_end(ap);
	sb_puts(&sb, "}\n");
	log_line(sb.data, sb.len);
	arena_free(a);
}
