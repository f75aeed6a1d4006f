/* realpath( ) is POSIX's X/Open part */
#define _XOPEN_SOURCE 700
#include "target.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A temporary file is .NAME.terms-tmp.PID beside NAME, NAME cut short if
 * need be so that the whole stays within a file name's 255 bytes. */
static const char TMP_MARK[] = ".terms-tmp.";
enum { NAME_BYTES = 255, PID_DIGITS = 10, KEPT_NAME = NAME_BYTES - 1 - (int)(sizeof TMP_MARK - 1) - PID_DIGITS };

const char *target_label(const Target *t)
{
    return t->kind == TARGET_STDOUT ? "standard output" : t->name;
}

static TargetsCheck unwritable(const Target *t, int error, char *err, size_t cap)
{
    snprintf(err, cap, "cannot write %s: %s", target_label(t), strerror(error));
    return TARGETS_UNWRITABLE;
}

static TargetsCheck known(Target *t, const struct stat *st)
{
    t->exists = true;
    t->dev = st->st_dev;
    t->ino = st->st_ino;
    t->mode = st->st_mode;
    t->uid = st->st_uid;
    t->gid = st->st_gid;
    return TARGETS_OK;
}

/* N if path names the open descriptor N (/dev/fd/N, /proc/self/fd/N,
 * /dev/stdout and the like), -1 if it does not. */
static int descriptor_named(const char *path)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int k = 0; k < 3; k++)
        if (!strcmp(path, std[k]))
            return k;
    static const char *const folders[] = {"/dev/fd/", "/proc/self/fd/"};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(folders[k]);
        if (strncmp(path, folders[k], n) || !path[n])
            continue;
        long fd = 0;
        for (const char *s = path + n; *s; s++) {
            if (*s < '0' || *s > '9' || fd > INT_MAX / 10)
                return -1;
            fd = 10 * fd + (*s - '0');
        }
        return (int)fd;
    }
    return -1;
}

/* The folder and the name of path: "." for a bare name, "/" at the top. */
static const char *split(const char *path, char *folder, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(folder, cap, ".");
    else
        snprintf(folder, cap, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    return slash ? slash + 1 : path;
}

/* path with every symbolic link followed, into out: the real path of the
 * file if it exists; if not, that of its folder and its name, after
 * following a link that names no file yet (as the shell's `>` would).
 * false with errno set. */
static bool resolve(const char *path, char *out, size_t cap)
{
    char p[TARGET_PATH], link[TARGET_PATH], folder[TARGET_PATH];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (int hops = 0; hops < 40; hops++) {
        char *real = realpath(p, NULL);
        if (real) {
            bool fits = snprintf(out, cap, "%s", real) < (int)cap;
            free(real);
            errno = fits ? 0 : ENAMETOOLONG;
            return fits;
        }
        if (errno != ENOENT)
            return false;
        const char *name = split(p, folder, sizeof folder);
        ssize_t n = readlink(p, link, sizeof link - 1);
        if (n < 0) { /* no such file yet: its folder must exist */
            if (!(real = realpath(folder, NULL)))
                return false;
            bool fits = snprintf(out, cap, "%s/%s", strcmp(real, "/") ? real : "", name) < (int)cap;
            free(real);
            errno = fits ? 0 : ENAMETOOLONG;
            return fits;
        }
        link[n] = '\0';
        if (snprintf(p, sizeof p, "%s%s%s", link[0] == '/' ? "" : folder, link[0] == '/' ? "" : "/", link) >= (int)sizeof p) {
            errno = ENAMETOOLONG;
            return false;
        }
    }
    errno = ELOOP;
    return false;
}

/* How one output is written (the header says which way for what). */
static TargetsCheck decide_one(Target *t, const NamedFile *o, char *err, size_t cap)
{
    *t = (Target){.name = o->path, .option = o->what, .kind = TARGET_FILE, .fd = -1};
    struct stat st;
    int fd = !strcmp(o->path, "-") ? STDOUT_FILENO : descriptor_named(o->path);
    if (fd >= 0) {
        t->kind = fd == STDOUT_FILENO ? TARGET_STDOUT : TARGET_STREAM;
        t->fd = fd;
        int flags = fcntl(fd, F_GETFL);
        if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY || fstat(fd, &st) < 0)
            return unwritable(t, EBADF, err, cap);
        return known(t, &st);
    }
    if (!o->path[0])
        return unwritable(t, ENOENT, err, cap);
    bool exists = stat(o->path, &st) == 0;
    if (!exists && errno != ENOENT)
        return unwritable(t, errno, err, cap);
    if (exists && S_ISDIR(st.st_mode))
        return unwritable(t, EISDIR, err, cap);
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        t->kind = TARGET_STREAM;
        snprintf(t->path, sizeof t->path, "%s", o->path);
        if (faccessat(AT_FDCWD, o->path, W_OK, AT_EACCESS) < 0)
            return unwritable(t, errno, err, cap);
        return known(t, &st);
    }
    if (exists && !S_ISREG(st.st_mode)) {
        snprintf(err, cap, "cannot write %s: it is a %s; terms writes files, pipes and devices such as /dev/null", o->path,
                 S_ISBLK(st.st_mode) ? "disk device" : S_ISSOCK(st.st_mode) ? "socket" : "special file");
        return TARGETS_UNWRITABLE;
    }
    t->kind = TARGET_FILE;
    if (!resolve(o->path, t->path, sizeof t->path))
        return unwritable(t, errno, err, cap);
    if (exists && faccessat(AT_FDCWD, t->path, W_OK, AT_EACCESS) < 0)
        return unwritable(t, errno, err, cap);
    char folder[TARGET_PATH];
    split(t->path, folder, sizeof folder);
    if (faccessat(AT_FDCWD, folder, W_OK | X_OK, AT_EACCESS) < 0) {
        snprintf(err, cap, "cannot write %s: cannot create a file in %s: %s", o->path, folder, strerror(errno));
        return TARGETS_UNWRITABLE;
    }
    return exists ? known(t, &st) : TARGETS_OK;
}

/* Whether t writes the file st describes (a character device such as
 * /dev/null may be named any number of times). */
static bool writes(const Target *t, const struct stat *st)
{
    return t->exists && !S_ISCHR(t->mode) && t->dev == st->st_dev && t->ino == st->st_ino;
}

/* "-o out.csv", or "standard output" for "-". */
static const char *subject(const Target *t, char *buf, size_t cap)
{
    if (!strcmp(t->name, "-"))
        return "standard output";
    snprintf(buf, cap, "%s %s", t->option, t->name);
    return buf;
}

TargetsCheck targets_decide(Target *t, const NamedFile *outs, int n, const NamedFile *ins, int nin, char *err, size_t cap)
{
    for (int i = 0; i < n; i++) {
        TargetsCheck c = decide_one(&t[i], &outs[i], err, cap);
        if (c != TARGETS_OK)
            return c;
    }
    char a[TARGET_PATH + 64];
    for (int j = 0; j < nin; j++) {
        struct stat st;
        bool is_stdin = !strcmp(ins[j].path, "-");
        if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(ins[j].path, &st)) < 0)
            continue;
        for (int i = 0; i < n; i++) {
            if (!writes(&t[i], &st))
                continue;
            bool same_name = !strcmp(ins[j].path, t[i].name);
            snprintf(err, cap, "%s would overwrite %s this run reads%s%s%s; write the output to another file",
                     subject(&t[i], a, sizeof a), ins[j].what, same_name ? "" : " (",
                     same_name ? "" : is_stdin ? "standard input" : ins[j].path, same_name ? "" : ")");
            return TARGETS_CLASH;
        }
    }
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            struct stat st = {.st_dev = t[j].dev, .st_ino = t[j].ino};
            bool same = t[j].exists ? writes(&t[i], &st) && !S_ISCHR(t[j].mode)
                                    : !t[i].exists && t[i].kind == TARGET_FILE && t[j].kind == TARGET_FILE && !strcmp(t[i].path, t[j].path);
            if (same) {
                snprintf(err, cap, "%s %s and %s %s are the same file; give each output its own", t[i].option, t[i].name,
                         t[j].option, t[j].name);
                return TARGETS_CLASH;
            }
        }
    }
    return TARGETS_OK;
}

/* Removes the temporary files for the same name that runs killed before
 * they could (SIGKILL, a crash, a power cut) left in folder: those whose
 * process is gone, or has this one's number (a process of the same number
 * that is this one has not made its file yet). */
static void remove_stale(const char *folder, const char *prefix)
{
    DIR *d = opendir(folder);
    if (!d)
        return;
    size_t n = strlen(prefix);
    for (struct dirent *e; (e = readdir(d));) {
        const char *digits = e->d_name + n;
        if (strncmp(e->d_name, prefix, n) || *digits < '1' || *digits > '9' || strlen(digits) > PID_DIGITS)
            continue;
        char *end;
        long pid = strtol(digits, &end, 10);
        if (*end || pid > INT_MAX)
            continue;
        if (pid == (long)getpid() || (kill((pid_t)pid, 0) < 0 && errno == ESRCH))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* t's temporary file, made, with the permissions (and where this user may
 * give them, the owner and group) of the file it will replace. */
static int open_temp(Target *t, char *err, size_t cap)
{
    char folder[TARGET_PATH], prefix[NAME_BYTES + 1];
    const char *name = split(t->path, folder, sizeof folder);
    snprintf(prefix, sizeof prefix, ".%.*s%s", KEPT_NAME, name, TMP_MARK);
    if (snprintf(t->tmp, sizeof t->tmp, "%s/%s%ld", folder, prefix, (long)getpid()) >= (int)sizeof t->tmp) {
        snprintf(err, cap, "cannot write %s: %s", t->name, strerror(ENAMETOOLONG));
        return -1;
    }
    remove_stale(folder, prefix);
    atomic_signal_fence(memory_order_seq_cst); /* the name is whole before a handler can see it */
    t->pending = 1; /* from before it exists: a signal from here on removes it */
    int fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        snprintf(err, cap, "cannot write %s: %s", t->name, strerror(errno));
        t->pending = 0;
        return -1;
    }
    if (t->exists) {
        bool others = t->uid != geteuid() || t->gid != getegid();
        if (others && fchown(fd, t->uid, t->gid) < 0) {
            /* only root may give a file away: the new one stays this user's */
        }
        fchmod(fd, t->mode & 0777);
    }
    return fd;
}

int target_open(Target *t, char *err, size_t cap)
{
    if (t->kind == TARGET_FILE)
        return open_temp(t, err, cap);
    if (t->kind == TARGET_STDOUT)
        fflush(stdout);
    int fd = t->fd >= 0 ? dup(t->fd) : open(t->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        snprintf(err, cap, "cannot write %s: %s", target_label(t), strerror(errno));
    return fd;
}

const char *target_open_file(Target *t, char *err, size_t cap)
{
    if (t->kind == TARGET_FILE) {
        int fd = open_temp(t, err, cap);
        if (fd < 0)
            return NULL;
        close(fd);
        return t->tmp;
    }
    const char *folder = getenv("TMPDIR");
    if (!folder || !*folder)
        folder = "/tmp";
    int fd = -1;
    if (snprintf(t->tmp, sizeof t->tmp, "%s/terms-tmp.XXXXXX", folder) < (int)sizeof t->tmp)
        fd = mkstemp(t->tmp);
    if (fd < 0) {
        snprintf(err, cap, "cannot write %s: cannot make a temporary file in %s: %s", target_label(t), folder, strerror(errno));
        return NULL;
    }
    atomic_signal_fence(memory_order_seq_cst);
    t->pending = 1;
    close(fd);
    return t->tmp;
}

/* The temporary file's bytes, written to the stream; false with errno set. */
static bool copy_to_stream(Target *t)
{
    char err[16], buf[1 << 16];
    int in = open(t->tmp, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : target_open(t, err, sizeof err);
    int error = out < 0 ? errno : 0;
    for (ssize_t got = 1; !error && got;) {
        if ((got = read(in, buf, sizeof buf)) < 0)
            error = errno;
        for (ssize_t done = 0, put; !error && done < got; done += put)
            if ((put = write(out, buf + done, (size_t)(got - done))) < 0)
                error = errno;
    }
    if (out >= 0 && close(out) < 0 && !error)
        error = errno;
    if (in >= 0)
        close(in);
    errno = error;
    return !error;
}

bool target_commit(Target *t, bool keep, char *err, size_t cap)
{
    if (!t->pending)
        return keep;
    bool ok = keep && (t->kind == TARGET_FILE ? rename(t->tmp, t->path) == 0 : copy_to_stream(t));
    if (keep && !ok)
        snprintf(err, cap, "cannot write %s: %s", target_label(t), strerror(errno));
    if (!ok || t->kind != TARGET_FILE)
        unlink(t->tmp);
    t->pending = 0;
    return ok;
}

void target_remove_temp(const Target *t)
{
    if (t->pending)
        unlink(t->tmp);
}
