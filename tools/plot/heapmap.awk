# tools/plot/heapmap.awk - rasterize a heap map for heapmap.gp.
#
#   awk -F, -v nx=768 -v max_heap=BYTES [-v unit=1024] [-v band=OPS] \
#       -f heapmap.awk ALLOC.TRACE.heapmap.csv
#
# Reads the driver's heap map (snapshot,op_index,heap_bytes,bin_start,
# bin_end,payload_bytes,overhead_bytes,free_bytes,unknown_bytes) and cuts
# the address range [0, max_heap) of every snapshot into nx equal cells.
# The driver tells how many bytes of each kind a bin holds, not where in
# the bin they lie, so each kind is spread evenly over its bin. A cell's
# colour mixes the kinds' colours in proportion to the bytes of each kind
# that fall inside it, and white for the part past the break: what an
# ideal anti-aliased drawing of the bins would show, with no seams.
# Prints, per cell, as CSV: x, y, r, g, b, where x is the cell's centre
# in units of `unit` bytes (default 1) and y the snapshot's centre in ops,
# band ops per snapshot (default 1: y is the snapshot's number + 0.5).
# Both are ready to plot: gnuplot evaluating an expression per pixel is
# slow.

function hex_byte(text, at) {
    return index("0123456789ABCDEF", substr(text, at, 1)) * 16 - 16 + \
           index("0123456789ABCDEF", substr(text, at + 1, 1)) - 1
}

# Spread kind's bytes evenly over the bin [start, end): each cell it
# overlaps gets its share.
function add(start, end, kind, kind_bytes,    density, cell, cell_end, piece) {
    density = kind_bytes / (end - start)
    cell = int(start / cell_bytes)
    while (start < end && cell < nx) {
        cell_end = (cell + 1) * cell_bytes
        piece = (end < cell_end ? end : cell_end) - start
        if (piece > 0) {
            bytes[cell, kind] += piece * density
            start += piece
        }
        cell++
    }
}

function emit(    cell, kind, fraction, white, red, green, blue, y) {
    y = sprintf("%.6g,", (snapshot + 0.5) * band)
    for (cell = 0; cell < nx; cell++) {
        if (cell * cell_bytes >= heap_bytes) {      # past the break: white
            print cell_x[cell] y "255,255,255"
            continue
        }
        white = 1
        red = green = blue = 0
        for (kind = 1; kind <= 4; kind++) {
            if (!((cell, kind) in bytes)) continue
            fraction = bytes[cell, kind] / cell_bytes
            white -= fraction
            red += fraction * rgb[kind, 1]
            green += fraction * rgb[kind, 2]
            blue += fraction * rgb[kind, 3]
        }
        if (white < 0) white = 0
        print cell_x[cell] y byte_of(red + white * 255) "," byte_of(green + white * 255) "," \
              byte_of(blue + white * 255)
    }
    split("", bytes)
}

function byte_of(value) {
    value = int(value + 0.5)
    return value > 255 ? 255 : value
}

BEGIN {
    if (nx <= 0) nx = 768
    if (unit <= 0) unit = 1
    if (band <= 0) band = 1
    cell_bytes = (max_heap > 0 ? max_heap : 1) / nx
    for (cell = 0; cell < nx; cell++)
        cell_x[cell] = sprintf("%.6g,", (cell + 0.5) * cell_bytes / unit)
    # payload, overhead, free, unknown: the colours heapmap.gp's legend shows
    split("0072B2 E69F00 CC79A7 BBBBBB", hex, " ")
    for (kind = 1; kind <= 4; kind++)
        for (channel = 1; channel <= 3; channel++)
            rgb[kind, channel] = hex_byte(hex[kind], 2 * channel - 1)
    snapshot = -1
}

NR == 1 { next }

$1 != snapshot {
    if (snapshot >= 0) emit()
    snapshot = $1
    heap_bytes = $3
}

$5 > $4 {
    for (k = 6; k <= 9; k++)
        if ($k > 0)
            add($4, $5, k - 5, $k)
}

END { if (snapshot >= 0) emit() }
