"""Runs ClusterShell 1.9.1's own nodeset CLI in-process on a batch of cases.

Input (stdin) and output (stdout) use the case format of herd's DiffCase:
"args\t..." "stdin\t..." lines, a blank line ending each case; output adds "rc" and "out".
"""
import io
import os
import sys

from ClusterShell import NodeSet, NodeUtils
from ClusterShell.CLI import Nodeset


def unesc(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            i += 1
            out.append({'n': '\n', 't': '\t', '\\': '\\'}.get(s[i], s[i]))
        else:
            out.append(c)
        i += 1
    return ''.join(out)


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')


def run(args, stdin):
    NodeSet.set_std_group_resolver(NodeUtils.GroupResolverConfig(
        NodeSet.DEF_GROUPS_CONFIGS, NodeSet.ILLEGAL_GROUP_CHARS))
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    out = io.StringIO()
    sys.argv = ['nodeset'] + args
    sys.stdin = io.StringIO(stdin)
    sys.stdout = out
    sys.stderr = open(os.devnull, 'w')
    rc = 0
    try:
        Nodeset.main()
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else 1
    except Exception:  # a crash of the reference is a failure status too
        rc = 1
    finally:
        sys.stderr.close()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    return rc, out.getvalue()


def main():
    args, stdin = None, ''
    w = sys.stdout
    for line in sys.stdin.read().split('\n'):
        if line.startswith('args'):
            args = [unesc(a) for a in line.split('\t')[1:]]
        elif line.startswith('stdin\t'):
            stdin = unesc(line[6:])
        elif line == '' and args is not None:
            rc, out = run(args, stdin)
            w.write('args' + ''.join('\t' + esc(a) for a in args) + '\n')
            if stdin:
                w.write('stdin\t' + esc(stdin) + '\n')
            w.write('rc\t%d\nout\t%s\n\n' % (rc, esc(out)))
            args, stdin = None, ''
    w.flush()


main()
