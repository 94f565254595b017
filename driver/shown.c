/*
 * shown.c - text as a terminal is shown it.
 *
 * A file name may hold any byte, and a control character (an escape
 * sequence, a newline, or one of UTF-8's C1 controls, U+0080 to U+009F,
 * which some terminals obey) written to a terminal would redraw it or
 * break a table's rows, so each is shown as '?'.
 */
#include "shown.h"

#include <stdbool.h>
#include <string.h>

static bool is_c1_control(const unsigned char *byte)
{
    return byte[0] == 0xc2 && byte[1] >= 0x80 && byte[1] <= 0x9f;
}

/* Continuation bytes (10xxxxxx) take no column of their own, so that a
 * name like "données.rep" pads like any other. Wide (CJK) characters
 * take two columns on a terminal; they are counted as one. */
size_t shown_width(const char *text)
{
    size_t columns = 0;
    for (const unsigned char *byte = (const unsigned char *)text; *byte != '\0'; byte++)
        columns += (*byte & 0xc0) != 0x80;
    return columns;
}

void shown_print_bytes(FILE *out, const char *text, size_t bytes)
{
    const unsigned char *end = (const unsigned char *)text + bytes;
    for (const unsigned char *byte = (const unsigned char *)text; byte < end; byte++) {
        bool c1_control = byte + 1 < end && is_c1_control(byte);
        fputc(*byte < 0x20 || *byte == 0x7f || c1_control ? '?' : *byte, out);
        byte += c1_control; /* its second byte is shown by the '?' too */
    }
}

void shown_print(FILE *out, const char *text)
{
    shown_print_bytes(out, text, strlen(text));
}

void shown_print_padded(FILE *out, const char *text, size_t width)
{
    shown_print(out, text);
    for (size_t shown = shown_width(text); shown < width; shown++)
        fputc(' ', out);
}
