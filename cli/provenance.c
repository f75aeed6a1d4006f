/* provenance.c: the inputs of a run, hashed and placed (provenance.h). */
#include "provenance.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "format.h"
#include "sha256.h"

/* What `git -C dir ARGS...` prints, its first line, into out; false if it
 * cannot run or fails (no git, not a repository). */
static bool git_line(const char *dir, const char *const *args, int nargs, char *out, size_t cap)
{
    int fd[2];
    if (pipe(fd) != 0)
        return false;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return false;
    }
    if (pid == 0) {
        const char *argv[16] = {"git", "-C", dir};
        int n = 3;
        for (int i = 0; i < nargs && n < 15; i++)
            argv[n++] = args[i];
        argv[n] = NULL;
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDERR_FILENO);
        execvp("git", (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    size_t n = 0;
    ssize_t got;
    while (n + 1 < cap && (got = read(fd[0], out + n, cap - 1 - n)) > 0)
        n += (size_t)got;
    char drain[256];
    while (read(fd[0], drain, sizeof drain) > 0)
        ;
    close(fd[0]);
    out[n] = '\0';
    out[strcspn(out, "\n")] = '\0';
    int status;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The commit of the repository path is in, and whether path differs from it. */
static void place(Stamp *s)
{
    char dir[4096], line[256];
    const char *slash = strrchr(s->path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - s->path) : 1, slash ? s->path : ".");
    if (slash == s->path)
        snprintf(dir, sizeof dir, "/");
    const char *name = slash ? slash + 1 : s->path;
    static const char *const head[] = {"rev-parse", "HEAD"};
    if (!git_line(dir, head, 2, line, sizeof line) || strlen(line) != 40)
        return;
    memcpy(s->commit, line, 41);
    const char *status[] = {"status", "--porcelain", "--ignored", "--", name};
    s->changed = git_line(dir, status, 5, line, sizeof line) && line[0];
}

void provenance_add(Provenance *p, const char *role, const char *path)
{
    if (!path || p->n == PROVENANCE_FILES)
        return;
    Stamp *s = &p->file[p->n++];
    *s = (Stamp){.role = role, .path = path};
    if (!strcmp(path, "-") || !sha256_file(path, s->sha256)) {
        s->sha256[0] = '\0';
        return;
    }
    place(s);
}

void provenance_set(Provenance *p, const char *set)
{
    if (p->nsets < PROVENANCE_SETS)
        p->sets[p->nsets++] = set;
}

void provenance_lines(const Provenance *p, const char *prefix, FILE *out)
{
    fprintf(out, "%sterms: %s\n", prefix, terms_version());
    for (int i = 0; i < p->n; i++) {
        const Stamp *s = &p->file[i];
        fprintf(out, "%s%s: %s, sha256 %s", prefix, s->role, s->path, s->sha256[0] ? s->sha256 : "(standard input: not kept)");
        if (s->commit[0])
            fprintf(out, ", git commit %s%s", s->commit, s->changed ? " (the file differs from it)" : "");
        fputc('\n', out);
    }
    for (int i = 0; i < p->nsets; i++)
        fprintf(out, "%s--set %s\n", prefix, p->sets[i]);
}

static void json_text(FILE *out, const char *s)
{
    format_json_string(out, s, strlen(s));
}

void provenance_json(const Provenance *p, FILE *out)
{
    fputs("{\"terms\":", out);
    json_text(out, terms_version());
    fputs(",\"inputs\":[", out);
    for (int i = 0; i < p->n; i++) {
        const Stamp *s = &p->file[i];
        fprintf(out, "%s{\"role\":\"%s\",\"path\":", i ? "," : "", s->role);
        json_text(out, s->path);
        fputs(",\"sha256\":", out);
        if (s->sha256[0])
            json_text(out, s->sha256);
        else
            fputs("null", out);
        fputs(",\"git_commit\":", out);
        if (s->commit[0])
            fprintf(out, "\"%s\",\"changed_since_commit\":%s", s->commit, s->changed ? "true" : "false");
        else
            fputs("null", out);
        fputc('}', out);
    }
    fputs("],\"set\":[", out);
    for (int i = 0; i < p->nsets; i++) {
        fputs(i ? "," : "", out);
        json_text(out, p->sets[i]);
    }
    fputs("]}", out);
}
