#!/bin/sh
# herd lab: dhclient's script for lab DHCP requests: records what the server offered (the new_*
# variables) into $RECORD instead of configuring the interface.
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT)
    {
      echo "ip=$new_ip_address"
      echo "host-name=$new_host_name"
      echo "next-server=$new_next_server"
      echo "filename=$new_filename"
      echo "domain-name=$new_domain_name"
      echo "domain-name-servers=$new_domain_name_servers"
      echo "subnet-mask=$new_subnet_mask"
      echo "broadcast-address=$new_broadcast_address"
    } > "$RECORD.tmp" && mv "$RECORD.tmp" "$RECORD"
    ;;
esac
exit 0
