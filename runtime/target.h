/* target.h: where an output goes, decided before a command reads anything.
 *
 * Every file a command writes (eval -o, cost --html and --xlsx, fmt -w) is
 * a Target, and targets_decide is the one place that says how it is
 * written:
 *
 *   "-", /dev/stdout, /dev/fd/1    standard output
 *   /dev/fd/N, /proc/self/fd/N     descriptor N as the shell opened it
 *                                  (what `-o >(gzip > out.gz)` passes)
 *   a character device or a FIFO   written directly: /dev/null stays a device
 *   a regular file, or a new name  written to a temporary file beside it,
 *                                  .NAME.terms-tmp.PID, renamed over it only
 *                                  once everything is written; a symbolic
 *                                  link is followed and the file it names is
 *                                  replaced, keeping its permissions
 *
 * and what it refuses: a folder, a disk device or a socket; a file this
 * user may not write, judged as the shell's `>` judges it (so root may
 * write a read-only file); a file the run reads (compared by device and
 * inode, so a link or another name for it is caught too); a file another
 * output of the run writes.  A character device (/dev/null, a terminal)
 * may be named more than once.
 *
 * No process-wide state: a Target holds the name of its temporary file,
 * and target_remove_temp, safe in a signal handler, removes it.  The
 * command line owns the process and its signal handlers (cli/outputs.c).
 */
#ifndef TERMS_TARGET_H
#define TERMS_TARGET_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum {
    TARGET_STDOUT,  /* standard output */
    TARGET_STREAM,  /* a descriptor, a device or a FIFO, written as it goes */
    TARGET_FILE,    /* a file replaced through a temporary file beside it */
} TargetKind;

/* A path of PATH_MAX bytes, and the temporary file's additions to it. */
enum { TARGET_PATH = 4096 + 64 };

/* A file a command reads or writes, as given on the command line, and
 * what it is there: "the roster", "--html". */
typedef struct {
    const char *path;
    const char *what;
} NamedFile;

typedef struct {
    const char *name;        /* as given, for messages */
    const char *option;      /* how it was given: "-o", "--html" */
    TargetKind kind;
    int fd;                  /* a stream given as /dev/fd/N: N; otherwise -1 */
    char path[TARGET_PATH];  /* a file: the file replaced, links followed; a stream: the path opened */
    char tmp[TARGET_PATH];   /* the temporary file, while pending */
    volatile sig_atomic_t pending; /* tmp may exist: target_remove_temp removes it */
    bool exists;             /* and then what it is: */
    dev_t dev;
    ino_t ino;
    mode_t mode;
    uid_t uid;
    gid_t gid;
} Target;

typedef enum {
    TARGETS_OK,
    TARGETS_UNWRITABLE,  /* a target cannot be written (no such folder, permission, a folder) */
    TARGETS_CLASH,       /* a target is an input of the run, or another target */
} TargetsCheck;

/* Decides how each of outs[0..n) is written, into t[0..n), and checks
 * them against each other and against the files the run reads,
 * ins[0..nin) ("-" is standard input; a file that does not exist is left
 * for its reader to report).  Reads and writes no file.  Anything but
 * TARGETS_OK comes with a message in err. */
TargetsCheck targets_decide(Target *t, const NamedFile *outs, int n, const NamedFile *ins, int nin, char *err, size_t cap);

/* A descriptor writing t (the caller closes it): for a file, a new
 * temporary file beside it, after removing any left there for the same
 * name by a run that no longer exists.  -1 after a message in err. */
int target_open(Target *t, char *err, size_t cap);

/* For a writer that needs a file name and a file it can seek in (the XLSX
 * writer): t's temporary file, or for a stream one in the system's
 * temporary folder whose bytes target_commit copies to the stream.  NULL
 * after a message in err. */
const char *target_open_file(Target *t, char *err, size_t cap);

/* Once what target_open or target_open_file gave is closed: if keep, the
 * temporary file is renamed over the file (or copied to the stream); if
 * not, it is removed, and a stream keeps what was written to it.  Whether
 * the output is complete: false after a message in err if keep. */
bool target_commit(Target *t, bool keep, char *err, size_t cap);

/* Removes t's temporary file if it may exist: only async-signal-safe
 * calls, for a signal handler. */
void target_remove_temp(const Target *t);

/* How t is named in a message: "standard output" or its name. */
const char *target_label(const Target *t);

#endif
