# mk/plot.mk - make plot: every chart of the default suite (needs gnuplot).
#
#   make plot [PLOT_OUT=dir]   build the driver, run it once on the default
#                              suite and draw utilization over time, heap
#                              maps, the allocator comparison and request
#                              size histograms into PLOT_OUT (PNG and SVG)
#
# tools/plot.sh does the work; its environment variables (PLOT_ALLOCATORS,
# ALLOCATORS, TRACES, JOBS) pass through. Without gnuplot it says how to
# install it and fails. docs/PLOTS.md explains what each chart shows.

PLOT_OUT ?= plots-out

.PHONY: plot

# PLOT_OUT reaches the script through the environment, as one word: a
# folder named with a blank ("my plots") was split into two arguments.
plot: export PLOT_OUT := $(PLOT_OUT)
plot: $(DRIVER)
	MDRIVER=$${MDRIVER:-$(DRIVER)} tools/plot.sh "$$PLOT_OUT"
