# tools/plot/csv.awk - split_csv, for the awk programs that read the
# driver's --csv results (loaded with another -f; no rules of its own).
#
# The driver quotes its text fields, which may hold a comma or a quote
# ("a,b.rep", "say ""hi"".rep"), as CSV does (a line break it writes as
# a space); awk -F, would cut such a trace name in two.

# Split one CSV line into fields[1..n], honouring "quoted, fields" and "".
function split_csv(line, fields,    n, i, c, quoted, field) {
    n = 0
    field = ""
    quoted = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (quoted) {
            if (c == "\"" && substr(line, i + 1, 1) == "\"") {
                field = field c
                i++
            } else if (c == "\"") {
                quoted = 0
            } else {
                field = field c
            }
        } else if (c == "\"") {
            quoted = 1
        } else if (c == ",") {
            fields[++n] = field
            field = ""
        } else {
            field = field c
        }
    }
    fields[++n] = field
    return n
}
