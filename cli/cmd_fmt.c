/* terms fmt [--check | -w] FILE... */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fmt.h"
#include "parse.h"

static const char usage[] =
    "usage: terms fmt [--check | -w] FILE.terms...\n\n"
    "Writes each contract in the one canonical layout: columns of schedules and\n"
    "tables aligned, runs of params, definitions and rules aligned, one\n"
    "declaration per line, comments kept where they were (those aligned in a\n"
    "block aligned again).  A definition or rule the writer wrapped stays\n"
    "wrapped, re-indented; one too long for a line of 100 columns is wrapped\n"
    "one part per line.  Formatting never changes what a contract means.\n\n"
    "  --check   write nothing; list the files whose layout would change, exit 1 if any\n"
    "  -w        rewrite the files in place (a symbolic link's file; a\n"
    "            read-only file is refused)\n"
    "With neither, the formatted contract goes to standard output.\n";

/* The formatted text of path, or NULL after printing why not. */
static char *formatted(const char *path, Loaded *l, size_t *len)
{
    memset(l, 0, sizeof *l);
    Diags d = {.path = path, .out = stderr};
    char err[512];
    size_t n;
    char *src = read_source(path, &n, err, sizeof err);
    if (!src) {
        fprintf(stderr, "terms: %s\n", err);
        return NULL;
    }
    d.src = src;
    d.len = n;
    Contract *c = parse_contract(path, src, n, &d);
    char *out = NULL;
    if (d.errors == 0) {
        FILE *mem = open_memstream(&out, len);
        format_contract(c, src, n, mem);
        fclose(mem);
    } else {
        fprintf(stderr, "%s: %d syntax error%s; not formatted\n", path, d.errors, d.errors == 1 ? "" : "s");
    }
    l->src = src;
    l->len = n;
    l->c = c;
    return out;
}

/* path, rewritten: a new file renamed over it (permissions kept), or over
 * the file a symbolic link names. */
static bool write_back(Target *t, const char *text, size_t len)
{
    char err[TARGET_PATH + 256];
    int fd = target_open(t, err, sizeof err);
    bool ok = fd >= 0;
    if (ok) {
        for (size_t done = 0; ok && done < len;) {
            ssize_t put = write(fd, text + done, len - done);
            ok = put > 0;
            done += ok ? (size_t)put : 0;
        }
        if (!ok)
            snprintf(err, sizeof err, "cannot write %s: %s", t->name, strerror(errno));
        if (close(fd) != 0 && ok) {
            snprintf(err, sizeof err, "cannot write %s: %s", t->name, strerror(errno));
            ok = false;
        }
        ok = target_commit(t, ok, err, sizeof err);
    }
    if (!ok)
        fprintf(stderr, "terms: %s\n", err);
    return ok;
}

/* The target for rewriting path in place, decided before it is read (a
 * read-only file is refused then); NULL after a message. */
static Target *rewrite_target(const char *path)
{
    int status;
    Target *t = claim_outputs("fmt", &(NamedFile){path, "-w"}, 1, NULL, 0, &status);
    if (t && t->kind != TARGET_FILE) {
        fprintf(stderr, "terms: cannot rewrite %s: -w rewrites files, and it is a pipe or a device\n", path);
        return NULL;
    }
    return t;
}

int cmd_fmt(int argc, char **argv)
{
    static const struct option opts[] = {{"check", no_argument, 0, 'c'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    bool check = false, in_place = false;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "hw", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': check = true; break;
        case 'w': in_place = true; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("fmt", "unknown option `%s`", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("fmt", "give one or more contract files");
    if (check && in_place)
        return usage_error("fmt", "--check and -w do not go together");
    for (int a = optind; a < argc && in_place; a++)
        if (!strcmp(argv[a], "-"))
            return usage_error("fmt", "-w rewrites files, and - is standard input: leave out -w to write the result to standard output");
    int status = EXIT_OK;
    for (int a = optind; a < argc; a++) {
        Target *t = NULL;
        if (in_place && !(t = rewrite_target(argv[a]))) {
            status = EXIT_BAD_INPUT;
            continue;
        }
        Loaded l;
        size_t len = 0;
        char *text = formatted(argv[a], &l, &len);
        if (!text) {
            status = EXIT_BAD_INPUT;
        } else if (check) {
            if (len != l.len || memcmp(text, l.src, len) != 0) {
                printf("%s\n", argv[a]);
                status = EXIT_BAD_INPUT;
            }
        } else if (in_place) {
            if ((len != l.len || memcmp(text, l.src, len) != 0) && !write_back(t, text, len))
                status = EXIT_BAD_INPUT;
        } else {
            fwrite(text, 1, len, stdout);
        }
        free(text);
        unload_contract(&l);
    }
    return status;
}
