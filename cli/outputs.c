/* The files a command writes.  The command line owns the process, so the
 * handler that removes their temporary files when a signal ends the run
 * lives here, not in the library (runtime/target.h). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The targets of this run: the signal handler can reach nothing else. */
static Target targets[MAX_OUTPUTS];
static volatile sig_atomic_t ntargets;

static void remove_temps(int sig)
{
    for (int i = 0; i < ntargets; i++)
        target_remove_temp(&targets[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* The signals that end a run, caught to remove temporary files first;
 * one that is ignored (nohup ignores SIGHUP) stays ignored. */
static void catch_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction was, sa = {.sa_handler = remove_temps};
        sigemptyset(&sa.sa_mask);
        if (sigaction(signals[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

Target *claim_outputs(const char *cmd, const NamedFile *outs, int n, const NamedFile *ins, int nin, int *status)
{
    char err[TARGET_PATH + 512];
    ntargets = 0;
    TargetsCheck c = targets_decide(targets, outs, n, ins, nin, err, sizeof err);
    if (c == TARGETS_CLASH) {
        *status = usage_error(cmd, "%s", err);
        return NULL;
    }
    if (c != TARGETS_OK) {
        fprintf(stderr, "terms: %s\n", err);
        *status = EXIT_BAD_INPUT;
        return NULL;
    }
    ntargets = n;
    catch_signals();
    return targets;
}
