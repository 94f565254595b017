/*
 * shown.h - text as a terminal is shown it: a trace's name, or a message
 * that quotes one, with each control character replaced by '?'.
 *
 * Apart from report.c so that a tool that prints trace names
 * (tools/placement.c) shows them as the driver's tables do without
 * linking the tables.
 */
#ifndef DRIVER_SHOWN_H
#define DRIVER_SHOWN_H

#include <stddef.h>
#include <stdio.h>

/* Write text with each control character (C0, DEL, UTF-8's C1) shown as
 * '?': a trace's name in a table or message, which could otherwise
 * redraw the terminal or split a line. */
void shown_print(FILE *out, const char *text);

/* The same for text's first bytes only. */
void shown_print_bytes(FILE *out, const char *text, size_t bytes);

/* Columns text takes as shown_print shows it: one per character, a UTF-8
 * sequence counted once. */
size_t shown_width(const char *text);

/* shown_print, then spaces up to `width` columns: a table's name column. */
void shown_print_padded(FILE *out, const char *text, size_t width);

#endif /* DRIVER_SHOWN_H */
