/* baseline: bench/bench.terms written by hand in plain C, the way a careful
 * programmer would write it for speed, to measure `terms eval` against.
 *
 *   baseline ROSTER.csv > out.csv      (ROSTER "-" or absent: standard input)
 *
 * Single pass over the roster: read() into a large buffer, split each line in
 * place, parse the cells by hand, compute in integer cents (no floating
 * point), format by hand into a large output buffer written with write().
 * It reads the roster bench/gen-roster writes (that header, no quoted cells)
 * and stops with a message on anything else.  The output must be byte for
 * byte what `terms eval bench/bench.terms ROSTER` prints; bench/run.sh checks.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BA, BA15, BA30, BA45, MA, MA15, MA30, MA45, DOC, NLANES };
enum { IN_BUF = 1 << 20, OUT_BUF = 1 << 20, STEPS = 13 };

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

/* Art. VI §11, stipend codes S01..S40, in cents */
static const int64_t stipend[40] = {
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

/* n / d rounded to the nearest, half away from zero (d > 0) */
static int64_t div_round(int64_t n, int64_t d)
{
    if (n >= 0)
        return (2 * n + d) / (2 * d);
    return -((2 * -n + d) / (2 * d));
}

static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* ",1234.56" */
static char *put_cents(char *p, int64_t c)
{
    char tmp[24], *e = tmp + sizeof tmp, *s = e;
    *p++ = ',';
    if (c < 0) {
        *p++ = '-';
        c = -c;
    }
    uint64_t v = (uint64_t)c;
    s -= 2;
    memcpy(s, pairs + 2 * (v % 100), 2);
    *--s = '.';
    v /= 100;
    do {
        *--s = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memcpy(p, s, (size_t)(e - s));
    return p + (e - s);
}

static int64_t parse_int(const char *s, const char *e)
{
    if (s == e)
        bad("an empty number");
    int64_t v = 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9')
            bad("not a whole number");
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* "0.875" -> 875 (thousandths) */
static int64_t parse_fte(const char *s, const char *e)
{
    int64_t v = 0;
    int places = -1;
    if (s == e)
        bad("an empty fte");
    for (; s < e; s++) {
        if (*s == '.' && places < 0) {
            places = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || places == 3)
            bad("fte is not a decimal with at most three places");
        v = v * 10 + (*s - '0');
        if (places >= 0)
            places++;
    }
    for (; places < 3; places = places < 0 ? 1 : places + 1)
        v *= 10;
    return v;
}

static int parse_lane(const char *s, size_t n)
{
    if (n == 2 && s[0] == 'B' && s[1] == 'A')
        return BA;
    if (n == 2 && s[0] == 'M' && s[1] == 'A')
        return MA;
    if (n == 3 && !memcmp(s, "DOC", 3))
        return DOC;
    if (n == 4 && (s[0] == 'B' || s[0] == 'M') && s[1] == 'A') {
        int base = s[0] == 'B' ? BA : MA;
        if (s[2] == '1' && s[3] == '5')
            return base + 1;
        if (s[2] == '3' && s[3] == '0')
            return base + 2;
        if (s[2] == '4' && s[3] == '5')
            return base + 3;
    }
    bad("not a lane");
}

/* One roster line (no line end) to one output line. */
static void row(const char *s, const char *e)
{
    const char *cell[8], *end[8];
    int k = 0;
    cell[0] = s;
    for (const char *p = s; p < e; p++)
        if (*p == ',') {
            if (k == 7)
                bad("more than 8 cells");
            end[k++] = p;
            cell[k] = p + 1;
        }
    end[k] = e;
    if (k != 7)
        bad("fewer than 8 cells");

    int lane = parse_lane(cell[1], (size_t)(end[1] - cell[1]));
    int64_t step = parse_int(cell[2], end[2]);
    int64_t years = parse_int(cell[3], end[3]);
    int64_t district = parse_int(cell[4], end[4]);
    int64_t fte = parse_fte(cell[5], end[5]);
    size_t nb_len = (size_t)(end[6] - cell[6]);
    int nb;
    if (nb_len == 3 && !memcmp(cell[6], "yes", 3))
        nb = 1;
    else if (nb_len == 2 && !memcmp(cell[6], "no", 2))
        nb = 0;
    else
        bad("national_board is not yes or no");
    int64_t stipends = 0;
    for (const char *p = cell[7]; p < end[7];) {
        if (end[7] - p < 3 || p[0] != 'S' || p[1] < '0' || p[1] > '4' || p[2] < '0' || p[2] > '9')
            bad("not a stipend code");
        int code = (p[1] - '0') * 10 + (p[2] - '0');
        if (code < 1 || code > 40)
            bad("not a stipend code");
        stipends += stipend[code - 1];
        p += 3;
        if (p < end[7] && *p++ != ';')
            bad("stipend codes are separated by ;");
    }
    if (step < 1 || step > 20)
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
    int64_t salary = div_round((base + longevity) * fte, 1000);
    int64_t daily = div_round(salary, 194);
    int64_t hourly = div_round(daily, 5);
    int64_t total = salary + (nb ? 275000 : 0) + stipends;

    if (OUT_BUF - out_len < 256 + (size_t)(end[0] - cell[0]))
        flush_out();
    char *p = out + out_len;
    memcpy(p, cell[0], (size_t)(end[0] - cell[0]));
    p += end[0] - cell[0];
    p = put_cents(p, base);
    p = put_cents(p, longevity);
    p = put_cents(p, salary);
    p = put_cents(p, stipends);
    p = put_cents(p, total);
    p = put_cents(p, daily);
    p = put_cents(p, hourly);
    *p++ = '\n';
    out_len = (size_t)(p - out);
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

    static char in[IN_BUF + 1];
    size_t have = 0;
    int seen_header = 0;
    for (;;) {
        ssize_t got = read(fd, in + have, IN_BUF - have);
        if (got < 0) {
            perror("baseline: read");
            return 1;
        }
        have += (size_t)got;
        char *s = in, *e = in + have, *nl;
        while ((nl = memchr(s, '\n', (size_t)(e - s)))) {
            line_no++;
            char *end = nl > s && nl[-1] == '\r' ? nl - 1 : nl;
            if (!seen_header) {
                if ((size_t)(end - s) != sizeof header - 1 || memcmp(s, header, sizeof header - 1))
                    bad("not the header gen-roster writes");
                memcpy(out, out_header, sizeof out_header - 1);
                out_len = sizeof out_header - 1;
                seen_header = 1;
            } else {
                row(s, end);
            }
            s = nl + 1;
        }
        have = (size_t)(e - s);
        if (got == 0) {
            if (have) { /* a last line without a line end */
                line_no++;
                if (!seen_header)
                    bad("not the header gen-roster writes");
                row(s, s + have);
            }
            break;
        }
        if (have == IN_BUF)
            bad("a line longer than the buffer");
        memmove(in, s, have);
    }
    if (!seen_header)
        bad("no header");
    flush_out();
    return 0;
}
