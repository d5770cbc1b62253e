/*
 * log.c — JSON lines on stderr.
 */
#include "log.h"

#include "arena.h"
#include "clock.h"
#include "str.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/* ---- batched access lines ---- */

enum { BATCH_BYTES = 16384 };

/* Two buffers per thread: the writer thread swaps them under the lock and writes the full
 * one after letting go, so a request never waits for the writer's write(2), nor for a
 * whole time slice if the writer is preempted while it holds the lock (two cores shared
 * with the load generator make that likely under load). */
struct batch {
	pthread_mutex_t lock; /* the owning thread and the writer thread */
	size_t len;           /* bytes in data */
	char *data, *spare;   /* the buffer being filled, the one the writer writes out */
	struct batch *next;   /* all batches, for the writer thread */
	char bufs[2][BATCH_BYTES];
};

static pthread_mutex_t batches_lock = PTHREAD_MUTEX_INITIALIZER;
static struct batch *batches; /* kept until exit: a thread may still hold its own */
static _Thread_local struct batch *own;
static atomic_bool batching;

static pthread_t writer;
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t writer_wake = PTHREAD_COND_INITIALIZER;
static bool writer_stop;

static struct batch *own_batch(void)
{
	if (own)
		return own;
	struct batch *b = malloc(sizeof *b);
	if (!b)
		return NULL;
	pthread_mutex_init(&b->lock, NULL);
	b->len = 0;
	b->data = b->bufs[0];
	b->spare = b->bufs[1];
	pthread_mutex_lock(&batches_lock);
	b->next = batches;
	batches = b;
	pthread_mutex_unlock(&batches_lock);
	return own = b;
}

void log_access(const char *line, size_t len)
{
	struct batch *b = atomic_load_explicit(&batching, memory_order_acquire) ? own_batch() : NULL;
	if (!b || len > BATCH_BYTES) {
		log_line(line, len);
		return;
	}
	pthread_mutex_lock(&b->lock);
	if (b->len + len > BATCH_BYTES) {
		log_line(b->data, b->len);
		b->len = 0;
	}
	memcpy(b->data + b->len, line, len);
	b->len += len;
	pthread_mutex_unlock(&b->lock);
}

static void write_batches(void)
{
	pthread_mutex_lock(&batches_lock);
	for (struct batch *b = batches; b; b = b->next) {
		pthread_mutex_lock(&b->lock);
		size_t n = b->len;
		char *full = b->data;
		b->data = b->spare;
		b->spare = full;
		b->len = 0;
		pthread_mutex_unlock(&b->lock);
		if (n) /* spare is only the writer's: the owner fills data */
			log_line(full, n);
	}
	pthread_mutex_unlock(&batches_lock);
}

static void *writer_loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&writer_lock);
	while (!writer_stop) {
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += LOG_BATCH_MS * 1000000L;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&writer_wake, &writer_lock, &t);
		pthread_mutex_unlock(&writer_lock);
		write_batches();
		pthread_mutex_lock(&writer_lock);
	}
	pthread_mutex_unlock(&writer_lock);
	return NULL;
}

bool log_batch_start(void)
{
	writer_stop = false;
	if (pthread_create(&writer, NULL, writer_loop, NULL) != 0)
		return false;
	atomic_store_explicit(&batching, true, memory_order_release);
	return true;
}

void log_batch_stop(void)
{
	if (!atomic_exchange(&batching, false))
		return;
	pthread_mutex_lock(&writer_lock);
	writer_stop = true;
	pthread_cond_signal(&writer_wake);
	pthread_mutex_unlock(&writer_lock);
	pthread_join(writer, NULL);
	write_batches();
}
