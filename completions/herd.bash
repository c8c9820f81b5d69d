# bash completion for the herd command line (the shell itself completes with TAB inside).
# Install: sudo cp completions/herd.bash /etc/bash_completion.d/herd
#      or: echo "source $PWD/completions/herd.bash" >> ~/.bashrc
_herd() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -ge 2 ]; then
        case ${COMP_WORDS[1]} in
            nodeset)
                COMPREPLY=($(compgen -W "-f --fold -e --expand -c --count -R --rangeset -S --separator
                    -O --output-format -I --slice --split --contiguous --axis --autostep --pick -x -i -X
                    -a --all -l -L -r --regroup -s --groupsource --groupsconf -G --help" -- "$cur"))
                return ;;
            lab)
                if [ "${COMP_WORDS[2]}" = fault ] && [ "$COMP_CWORD" -ge 3 ]; then
                    COMPREPLY=($(compgen -W "clear sshd-down hang nic-down bmc-silent bmc-dead bmc-password
                        hostkey-change dhcpd-down named-down http-down --for --dir" -- "$cur"))
                else
                    COMPREPLY=($(compgen -W "up status down shell fault --dir --extra --no-bmc --redfish --no-dns
                        --no-dhcp" -- "$cur"))
                fi
                return ;;
            session)
                case $prev in
                    -i|--inventory) COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur")) ;;
                    --idle) COMPREPLY=($(compgen -W "90s 30m 2h 0" -- "$cur")) ;;
                    session) COMPREPLY=($(compgen -W "start status stop" -- "$cur")) ;;
                    *) COMPREPLY=($(compgen -W "--idle -i --inventory -c -s" -- "$cur")) ;;
                esac
                return ;;
        esac
    fi
    case $prev in
        -i|--inventory)
            COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -f|--file)
            COMPREPLY=($(compgen -f -X '!*.csh' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -c|--command)
            COMPREPLY=($(compgen -W "'nodes @' 'groups' 'show ' 'help'" -- "$cur"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-c --command -f --file -i --inventory -k --keep-going -n --check -q --quiet
            --no-wait -h --help -V --version" -- "$cur"))
    elif [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "nodeset lab session" -- "$cur") $(compgen -f -X '!*.csh' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.csh' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _herd herd
