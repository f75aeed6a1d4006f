/* progress.c: a progress line on standard error (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

/* Milliseconds from a to b: times are counted whole, as money is. */
static long long ms(struct timespec a, struct timespec b)
{
    return (long long)(b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
}

void progress_start(Progress *p, const char *what, bool quiet)
{
    *p = (Progress){.what = what, .on = !quiet && isatty(STDERR_FILENO)};
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

void progress_pass(Progress *p, const char *doing, long base)
{
    p->doing = doing;
    p->base = base;
}

void progress_update(void *ctx, long done, long total)
{
    Progress *p = ctx;
    if (!p->on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long run = ms(p->start, now);
    if (run < 1000 || ms(p->last, now) < 250)
        return;
    p->last = now;
    long all = p->base + done, of = total ? total : p->total;
    long long rate = all * 1000LL / run; /* a second */
    fprintf(stderr, "\r%s%s%ld %s, %lld a second", p->doing ? p->doing : "", p->doing ? ": " : "", all, p->what, rate);
    if (of > all && rate > 0)
        fprintf(stderr, ", about %lld s left", (of - all + rate - 1) / rate);
    fputs("\033[K", stderr);
    p->shown = true;
}

void progress_end(Progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = false;
}
