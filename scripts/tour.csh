#!/usr/bin/env herd
# A tour of the session commands on the bundled example cluster (the tutorial's: odin, thor,
# heimdall, valkyrie01-02) or on a lab. Run it with `./herd scripts/tour.csh` (or
# `./herd lab shell < scripts/tour.csh`); the test suite runs it on both.

nodes                               # every node of the inventory, folded
nodes -c @compute                   # how many compute nodes
groups                              # groups and their nodes
show valkyrie01                     # one node: addresses, groups, merged ssh/bmc settings

set COMPUTE @compute                # variables: $COMPUTE in later lines
use $COMPUTE                        # the target: commands without nodes work on it
nodes -l                            # the target with its attributes
nodes --json                        # the same nodes for scripts
nodes '@compute!valkyrie01'         # nodeset operators: , ! & ^
nodes -e \
      odin,@compute                 # a long line continues after a backslash
nodeset -f valkyrie01 valkyrie02    # ClusterShell's nodeset tool, in-process
echo "tour done: $COMPUTE"
