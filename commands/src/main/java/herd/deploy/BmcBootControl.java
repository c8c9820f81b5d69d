package herd.deploy;

import herd.bmc.BmcEngine;
import herd.bmc.BootDevice;
import herd.bmc.BootRequest;
import herd.bmc.BootSetting;
import herd.bmc.PowerAction;
import herd.bmc.PowerRequest;
import herd.bmc.PowerResult;
import herd.bmc.PowerState;
import herd.session.Cancellation;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link BootControl} through herd's BMC engine (IPMI lanplus or Redfish): bootdev, then cycle or on. */
public final class BmcBootControl implements BootControl {

    private final BmcEngine engine;
    private final BmcEngine.Credentials credentials;

    public BmcBootControl(BmcEngine engine, BmcEngine.Credentials credentials) {
        this.engine = engine;
        this.credentials = credentials;
    }

    @Override
    public void pxeAndCycle(List<String> nodes) {
        check("bootdev pxe", engine.boot(new BootRequest(nodes, Optional.of(new BootSetting(BootDevice.PXE, false, false))),
                credentials, Cancellation.create(), (d, t) -> { }).outcomes());
        PowerResult status = engine.power(new PowerRequest(nodes, PowerAction.STATUS, false, Duration.ZERO),
                credentials, Cancellation.create(), (d, t) -> { });
        check("power status", status.outcomes());
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String n : nodes) {
            (status.states().get(n) == PowerState.ON ? on : off).add(n);
        }
        if (!on.isEmpty()) {
            check("power cycle", engine.power(new PowerRequest(on, PowerAction.CYCLE, false, Duration.ZERO),
                    credentials, Cancellation.create(), (d, t) -> { }).outcomes());
        }
        if (!off.isEmpty()) {
            check("power on", engine.power(new PowerRequest(off, PowerAction.ON, false, Duration.ZERO),
                    credentials, Cancellation.create(), (d, t) -> { }).outcomes());
        }
    }

    @Override
    public void disk(List<String> nodes) {
        check("bootdev disk", engine.boot(new BootRequest(nodes, Optional.of(new BootSetting(BootDevice.DISK, false, false))),
                credentials, Cancellation.create(), (d, t) -> { }).outcomes());
    }

    /** Every node that failed, in one message: {@code valkyrie03: bootdev disk: timed out; valkyrie07: ...}. */
    private static void check(String what, OutcomeSet outcomes) {
        List<String> failed = new ArrayList<>();
        for (NodeOutcome o : outcomes.outcomes()) {
            if (!o.ok()) {
                failed.add(o.node() + ": " + what + ": " + o.detail());
            }
        }
        if (!failed.isEmpty()) {
            throw new DeployException(String.join("; ", failed));
        }
    }
}
