package herd.nodeset.cli;

/** The text of {@code nodeset --help}. */
final class Help {
    static final String TEXT = NodesetMain.USAGE + "\n\n" + """
            Commands:
              -c, --count           show number of nodes in nodeset(s)
              -e, --expand          expand nodeset(s) to separate nodes
              -f, --fold            fold nodeset(s) (or separate nodes) into one nodeset
              -l, --list            list node groups from one source (see -s GROUPSOURCE)
              -L, --list-all        list node groups from all group sources
              -r, --regroup         fold nodes using node groups (see -s GROUPSOURCE)
              --list-sources, --groupsources
                                    list all active group sources (see groups.conf(5))

            Operations:
              -x SUB_NODES, --exclude=SUB_NODES     exclude specified nodeset
              -i AND_NODES, --intersection=AND_NODES
                                    calculate nodesets intersection
              -X XOR_NODES, --xor=XOR_NODES
                                    calculate symmetric difference between nodesets

            Options:
              --version             show program's version number and exit
              -h, --help            show this help message and exit
              -s GROUPSOURCE, --groupsource=GROUPSOURCE
                                    optional groups.conf(5) group source to use
              --groupsconf=FILE     use alternate config file for groups.conf(5)
              -a, --all             call external node groups support to display all nodes
              --autostep=AUTOSTEP   enable a-b/step style syntax when folding, value is
                                    min node count threshold (eg. '4', '50%' or 'auto')
              -d, --debug           output more messages for debugging purpose
              -q, --quiet           be quiet, print essential output only
              -R, --rangeset        switch to RangeSet instead of NodeSet
              -G, --groupbase       hide group source prefix (always "@groupname")
              -S SEPARATOR, --separator=SEPARATOR
                                    separator string to use when expanding nodesets
              -O FORMAT, --output-format=FORMAT
                                    output format (default: '%s')
              -I SLICE_RANGESET, --slice=SLICE_RANGESET
                                    return sliced off result
              --split=MAXSPLIT      split result into a number of subsets
              --contiguous          split result into contiguous subsets
              --axis=RANGESET       fold along these axis only (axis 1..n for nD nodeset)
              --pick=N              pick N node(s) at random in nodeset
            """;

    private Help() {
    }
}
