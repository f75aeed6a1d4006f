/* baseline: bench/bench.terms written by hand in C, as a performance
 * engineer would write it for speed, to measure `terms eval` against.
 *
 *   baseline ROSTER.csv > out.csv      (ROSTER "-" or absent: standard input)
 *
 * Single-threaded, C11 plus POSIX.  The roster is read in 1 MiB blocks with
 * read(); each block is cut after its last line end, and its lines are parsed
 * in one forward pass, each cell read in place as it is passed (no splitting
 * pass, no strtol or strtod).  Money is integer cents; rounding is one integer
 * division.  Figures are written with a two-digit table straight into one
 * large output buffer, written with write().  It reads the roster that
 * bench/gen-roster writes (that header, no quoted cells, LF or CRLF) and stops
 * with a message on anything else.  Its output must be byte for byte what
 * `terms eval bench/bench.terms ROSTER` prints; bench/run.sh checks.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BA, BA15, BA30, BA45, MA, MA15, MA30, MA45, DOC, NLANES };
enum { IN_BUF = 1 << 20, OUT_BUF = 1 << 20, STEPS = 13, MAX_STEP = 20 };

/* Appendix A in cents; the DOC column is filled in by main: 2 x MA45 - MA30 */
static int64_t pay[STEPS][NLANES] = {
    {4415000, 4628782, 4842564, 5056246, 5270028, 5483810, 5697492, 5911274},
    {4546827, 4764759, 4982591, 5200423, 5418355, 5636187, 5854019, 6071851},
    {4678654, 4900636, 5122618, 5344600, 5566582, 5788564, 6010546, 6232528},
    {4810481, 5036613, 5262745, 5488777, 5714909, 5940941, 6167073, 6393105},
    {4942308, 5172590, 5402772, 5632954, 5863136, 6093318, 6323500, 6553782},
    {5074135, 5308467, 5542799, 5777131, 6011463, 6245695, 6480027, 6714359},
    {5205962, 5444444, 5682826, 5921308, 6159690, 6398172, 6636554, 6874936},
    {5337789, 5580421, 5822953, 6065485, 6308017, 6550549, 6793081, 7035613},
    {5469616, 5716298, 5962980, 6209662, 6456244, 6702926, 6949608, 7196190},
    {5601443, 5852275, 6103007, 6353739, 6604571, 6855303, 7106035, 7356867},
    {5733270, 5988152, 6243034, 6497916, 6752798, 7007680, 7262562, 7517444},
    {5865097, 6124129, 6383161, 6642093, 6901125, 7160057, 7419089, 7678021},
    {5996924, 6260106, 6523188, 6786270, 7049352, 7312434, 7575616, 7838698},
};

/* Art. VI §11, stipend codes S01..S40, in cents; [0] is no code */
static const int64_t stipend[41] = {
    0,
    292850, 400950, 580775, 55400,  513225, 286150, 79350,  189450, 143700, 414850,
    516850, 283550, 424250, 595150, 131925, 286425, 38750,  252250, 452975, 318050,
    215900, 433350, 192350, 100425, 170500, 491425, 157850, 163650, 26850,  30550,
    244625, 250925, 198900, 199550, 328350, 353875, 233550, 590400, 239725, 215475,
};

static const char header[] = "id,lane,step,years,district_years,fte,national_board,assignments";
static const char out_header[] = "id,base,longevity,salary,stipends,total,daily,hourly\n";

static int out_fd = 1;
static char out[OUT_BUF];
static size_t out_len;
static long line_no;

static void flush_out(void)
{
    size_t done = 0;
    while (done < out_len) {
        ssize_t n = write(out_fd, out + done, out_len - done);
        if (n <= 0) {
            perror("baseline: write");
            exit(1);
        }
        done += (size_t)n;
    }
    out_len = 0;
}

static _Noreturn void bad(const char *what)
{
    fprintf(stderr, "baseline: line %ld: %s\n", line_no, what);
    exit(1);
}

/* n / d rounded half away from zero, for n >= 0 and a constant d > 0 the
 * compiler turns into a multiplication */
#define DIV_ROUND(n, d) (((n) + (d) / 2) / (d))

/* Every number below 10,000 as four characters: zero-padded ("0042") and
 * left-aligned with its length ("42" and 2), filled in by main. */
static char padded4[10000][4], left4[10000][4];
static unsigned char len4[10000];
static const char pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static void fill_digit_tables(void)
{
    for (unsigned v = 0; v < 10000; v++) {
        char s[4] = {(char)('0' + v / 1000), (char)('0' + v / 100 % 10), (char)('0' + v / 10 % 10),
                     (char)('0' + v % 10)};
        unsigned n = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
        memcpy(padded4[v], s, 4);
        memcpy(left4[v], s + 4 - n, n);
        len4[v] = (unsigned char)n;
    }
}

/* ",1234.56" for c >= 0 cents, written forward: the four bytes copied from
 * left4 may run past the digits, and the next write covers them. */
static inline char *put_cents(char *p, uint64_t c)
{
    *p++ = ',';
    uint64_t whole = c / 100;
    unsigned cents = (unsigned)(c - whole * 100);
    if (whole < 10000) {
        memcpy(p, left4[whole], 4);
        p += len4[whole];
    } else if (whole < 100000000) {
        unsigned hi = (unsigned)whole / 10000, lo = (unsigned)whole % 10000;
        memcpy(p, left4[hi], 4);
        p += len4[hi];
        memcpy(p, padded4[lo], 4);
        p += 4;
    } else { /* past $99,999,999.99: not reached by bench.terms, kept general */
        char tmp[24], *e = tmp + sizeof tmp, *s = e;
        do {
            *--s = (char)('0' + whole % 10);
            whole /= 10;
        } while (whole);
        memcpy(p, s, (size_t)(e - s));
        p += e - s;
    }
    p[0] = '.';
    memcpy(p + 1, pairs + 2 * cents, 2);
    return p + 3;
}

/* A whole number up to the next ','; *s moves past the ','. */
static inline int64_t whole_cell(const char **s)
{
    const char *p = *s;
    unsigned d = (unsigned)(*p - '0');
    if (d > 9)
        bad("not a whole number");
    int64_t v = d;
    while ((d = (unsigned)(*++p - '0')) <= 9)
        v = v * 10 + d;
    if (*p != ',')
        bad("not a whole number");
    *s = p + 1;
    return v;
}

/* "0.875" or "1" -> thousandths, up to the next ',' */
static int64_t fte_cell(const char **s)
{
    const char *p = *s;
    unsigned d = (unsigned)(*p - '0');
    if (d > 9)
        bad("fte is not a decimal");
    int64_t v = d;
    while ((d = (unsigned)(*++p - '0')) <= 9)
        v = v * 10 + d;
    int places = 0;
    if (*p == '.')
        while ((d = (unsigned)(*++p - '0')) <= 9) {
            if (++places > 3)
                bad("fte has more than three decimal places");
            v = v * 10 + d;
        }
    if (*p != ',')
        bad("fte is not a decimal");
    static const int64_t scale[] = {1000, 100, 10, 1};
    *s = p + 1;
    return v * scale[places];
}

static int lane_cell(const char **s)
{
    const char *p = *s;
    int lane;
    if (p[0] == 'D' && p[1] == 'O' && p[2] == 'C') {
        lane = DOC;
        p += 3;
    } else if ((p[0] == 'B' || p[0] == 'M') && p[1] == 'A') {
        lane = p[0] == 'B' ? BA : MA;
        p += 2;
        if (*p != ',') {
            if (p[0] == '1' && p[1] == '5')
                lane += 1;
            else if (p[0] == '3' && p[1] == '0')
                lane += 2;
            else if (p[0] == '4' && p[1] == '5')
                lane += 3;
            else
                bad("not a lane");
            p += 2;
        }
    } else {
        bad("not a lane");
    }
    if (*p != ',')
        bad("not a lane");
    *s = p + 1;
    return lane;
}

/* One roster line, ended by '\n' (or "\r\n"), to one output line; returns
 * where the next line starts. */
static const char *row(const char *s)
{
    const char *id = s, *p = s;
    while (*p != ',') {
        if (*p == '\n')
            bad("fewer than 8 cells");
        p++;
    }
    size_t id_len = (size_t)(p - id);
    p++;
    int lane = lane_cell(&p);
    int64_t step = whole_cell(&p);
    int64_t years = whole_cell(&p);
    int64_t district = whole_cell(&p);
    int64_t fte = fte_cell(&p);
    int nb;
    if (p[0] == 'y' && p[1] == 'e' && p[2] == 's' && p[3] == ',') {
        nb = 1;
        p += 4;
    } else if (p[0] == 'n' && p[1] == 'o' && p[2] == ',') {
        nb = 0;
        p += 3;
    } else {
        bad("national_board is not yes or no");
    }
    int64_t stipends = 0;
    if (*p != '\n' && *p != '\r')
        for (;;) {
            unsigned tens = (unsigned)(p[1] - '0'), ones = (unsigned)(p[2] - '0');
            unsigned code = tens * 10 + ones;
            if (p[0] != 'S' || tens > 4 || ones > 9 || code < 1 || code > 40)
                bad("not a stipend code");
            stipends += stipend[code];
            p += 3;
            if (*p != ';')
                break;
            p++;
        }
    if (*p == '\r')
        p++;
    if (*p != '\n')
        bad("not the end of the line after the assignments");
    if (step < 1 || step > MAX_STEP)
        bad("step is outside 1 to 20");

    int64_t base = pay[(step > STEPS ? STEPS : step) - 1][lane];
    int64_t longevity = 0;
    if (district >= 10) {
        if (years >= 23)
            longevity = 482525;
        else if (years >= 19)
            longevity = 347500;
        else if (years >= 15)
            longevity = 230050;
        else if (years == 14)
            longevity = 115000;
    }
    int64_t salary = DIV_ROUND((base + longevity) * fte, 1000);
    int64_t daily = DIV_ROUND(salary, 194);
    int64_t hourly = DIV_ROUND(daily, 5);
    int64_t total = salary + (nb ? 275000 : 0) + stipends;

    if (OUT_BUF - out_len < 512 + id_len)
        flush_out();
    char *o = out + out_len;
    memcpy(o, id, id_len);
    o += id_len;
    o = put_cents(o, (uint64_t)base);
    o = put_cents(o, (uint64_t)longevity);
    o = put_cents(o, (uint64_t)salary);
    o = put_cents(o, (uint64_t)stipends);
    o = put_cents(o, (uint64_t)total);
    o = put_cents(o, (uint64_t)daily);
    o = put_cents(o, (uint64_t)hourly);
    *o++ = '\n';
    out_len = (size_t)(o - out);
    return p + 1;
}

static const char *header_line(const char *s, const char *nl)
{
    const char *end = nl > s && nl[-1] == '\r' ? nl - 1 : nl;
    if ((size_t)(end - s) != sizeof header - 1 || memcmp(s, header, sizeof header - 1))
        bad("not the header gen-roster writes");
    memcpy(out, out_header, sizeof out_header - 1);
    out_len = sizeof out_header - 1;
    return nl + 1;
}

int main(int argc, char **argv)
{
    int fd = 0;
    if (argc > 2) {
        fprintf(stderr, "usage: baseline [ROSTER.csv]\n");
        return 2;
    }
    if (argc == 2 && strcmp(argv[1], "-") && (fd = open(argv[1], O_RDONLY)) < 0) {
        perror(argv[1]);
        return 1;
    }
    for (int s = 0; s < STEPS; s++)
        pay[s][DOC] = 2 * pay[s][MA45] - pay[s][MA30];
    fill_digit_tables();

    /* room for a '\n' put after a last line that has none */
    static char in[IN_BUF + 1];
    size_t have = 0;
    int seen_header = 0, eof = 0;
    while (!eof) {
        ssize_t got = read(fd, in + have, IN_BUF - have);
        if (got < 0) {
            perror("baseline: read");
            return 1;
        }
        have += (size_t)got;
        if (got == 0) {
            eof = 1;
            if (have == 0)
                break;
            if (in[have - 1] != '\n')
                in[have++] = '\n';
        }
        /* whole lines only: up to the last line end in the block */
        size_t whole = have;
        while (whole && in[whole - 1] != '\n')
            whole--;
        if (!whole) {
            if (have == IN_BUF)
                bad("a line longer than the buffer");
            continue;
        }
        const char *s = in, *e = in + whole;
        if (!seen_header) {
            line_no++;
            s = header_line(s, memchr(s, '\n', whole));
            seen_header = 1;
        }
        while (s < e) {
            line_no++;
            s = row(s);
        }
        have -= whole;
        memmove(in, in + whole, have);
    }
    if (!seen_header)
        bad("no header");
    flush_out();
    return 0;
}
