/* terms fmt [--check | -w] FILE... */
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
    "declaration per line, comments kept where they were.  Formatting never\n"
    "changes what a contract means.\n\n"
    "  --check   write nothing; list the files whose layout would change, exit 1 if any\n"
    "  -w        rewrite the files in place\n"
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

static bool write_back(const char *path, const char *text, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    if (ok) {
        struct stat st;
        if (stat(path, &st) == 0)
            fchmod(fd, st.st_mode & 07777);
        ok = write(fd, text, len) == (ssize_t)len;
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp, path) == 0;
        if (!ok)
            unlink(tmp);
    }
    if (!ok)
        fprintf(stderr, "terms: cannot write %s\n", path);
    free(tmp);
    return ok;
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
    int status = EXIT_OK;
    for (int a = optind; a < argc; a++) {
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
            if ((len != l.len || memcmp(text, l.src, len) != 0) && !write_back(argv[a], text, len))
                status = EXIT_BAD_INPUT;
        } else {
            fwrite(text, 1, len, stdout);
        }
        free(text);
        unload_contract(&l);
    }
    return status;
}
