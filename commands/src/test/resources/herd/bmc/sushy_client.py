"""OpenStack's sushy against one Redfish service: the second client that judges the lab's.

usage: sushy_client.py URL CA_FILE ACTION [ARGS...]   (password in $SUSHY_PASSWORD, user admin)
  state                           -> {"power": "on", "target": "pxe", "enabled": "once", "mode": "uefi"}
  reset TYPE                      ResetType value, e.g. ForceOff
  boot TARGET ENABLED MODE        Redfish values, e.g. Pxe Once UEFI
  resets                          the ResetType values the system offers
  facts                           manufacturer, model, serial, bios, firmware, health
Prints one JSON object; a sushy error prints {"error": "..."} and exits 1.
"""
import json
import os
import sys

import sushy


def main():
    url, ca, action, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    root = sushy.Sushy(url + "/redfish/v1", username="admin", password=os.environ["SUSHY_PASSWORD"], verify=ca)
    system = root.get_system(root.get_system_collection().members_identities[0])
    if action == "state":
        boot = system.boot
        out = {"power": str(system.power_state.value).lower(), "target": str(boot.target.value).lower(),
               "enabled": str(boot.enabled.value).lower(), "mode": str(boot.mode.value).lower()}
    elif action == "reset":
        system.reset_system(sushy.ResetType(args[0]))
        out = {"reset": args[0]}
    elif action == "boot":
        system.set_system_boot_options(target=sushy.BootSource(args[0]),
                                       enabled=sushy.BootSourceOverrideEnabled(args[1]),
                                       mode=sushy.BootSourceOverrideMode(args[2]))
        out = {"boot": args}
    elif action == "resets":
        out = {"resets": sorted(v.value for v in system.get_allowed_reset_system_values())}
    elif action == "facts":
        manager = root.get_manager(root.get_manager_collection().members_identities[0])
        out = {"manufacturer": system.manufacturer, "model": system.json.get("Model"), "serial": system.serial_number,
               "bios": system.bios_version, "firmware": manager.firmware_version,
               "health": str(system.status.health.value)}
    else:
        raise SystemExit("unknown action " + action)
    print(json.dumps(out))


if __name__ == "__main__":
    try:
        main()
    except sushy.exceptions.SushyError as e:
        print(json.dumps({"error": str(e)}))
        sys.exit(1)
