package herd.bmc;

import herd.session.Reason;
import java.time.Duration;
import org.metricshub.ipmi.core.api.async.ConnectionHandle;
import org.metricshub.ipmi.core.coding.PayloadCoder;
import org.metricshub.ipmi.core.coding.commands.IpmiVersion;
import org.metricshub.ipmi.core.coding.commands.ResponseData;
import org.metricshub.ipmi.core.coding.commands.chassis.GetChassisStatus;
import org.metricshub.ipmi.core.coding.commands.chassis.GetChassisStatusResponseData;
import org.metricshub.ipmi.core.coding.payload.lan.IPMIException;
import org.metricshub.ipmi.core.coding.payload.lan.NetworkFunction;
import org.metricshub.ipmi.core.coding.protocol.AuthenticationType;
import org.metricshub.ipmi.core.coding.security.CipherSuite;

/** One RMCP+ session with one BMC; made by {@link IpmiBackend#login}. */
final class IpmiBmc implements Bmc {

    private static final int CHASSIS_CONTROL = 0x02;
    private static final int SET_BOOT_OPTIONS = 0x08;
    private static final int GET_BOOT_OPTIONS = 0x09;
    private static final int BOOT_FLAGS = 0x05;
    private static final int GET_DEVICE_ID = 0x01;

    private final IpmiBackend.Link link;
    private final ConnectionHandle handle;
    private final CipherSuite suite;
    private final BmcEndpoint endpoint;
    private final Duration timeout;

    IpmiBmc(IpmiBackend.Link link, ConnectionHandle handle, CipherSuite suite, BmcEndpoint endpoint, Duration timeout) {
        this.link = link;
        this.handle = handle;
        this.suite = suite;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public PowerState powerState() {
        GetChassisStatusResponseData status = (GetChassisStatusResponseData) send(
                new GetChassisStatus(IpmiVersion.V20, suite, AuthenticationType.RMCPPlus), "power status");
        return status.isPowerOn() ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void power(PowerAction action) {
        if (action == PowerAction.STATUS) {
            throw new IllegalArgumentException("STATUS is read with powerState()");
        }
        send(RawCommand.chassis(suite, CHASSIS_CONTROL, action.chassisControl()), "power " + action.word());
    }

    @Override
    public void setBoot(BootSetting setting) {
        send(RawCommand.chassis(suite, SET_BOOT_OPTIONS, BOOT_FLAGS, setting.flagsByte(), setting.device().selector(),
                0, 0, 0), "bootdev " + setting.device().word());
    }

    @Override
    public BootSetting boot() {
        byte[] data = ((RawCommand.Answer) send(RawCommand.chassis(suite, GET_BOOT_OPTIONS, BOOT_FLAGS, 0, 0),
                "bootdev status")).data();
        // version, parameter, then the 5 data bytes of parameter 5
        if (data.length < 4) {
            throw new BmcException(where(), "boot options answer too short (" + data.length + " bytes)", Reason.FAILED,
                    null);
        }
        return BootSetting.decode(data[2] & 0xff, data[3] & 0xff);
    }

    /** Get Device ID: BMC firmware revision, manufacturer (IANA number) and product id; the chassis power. */
    @Override
    public BmcFacts facts() {
        byte[] id = ((RawCommand.Answer) send(new RawCommand(suite, NetworkFunction.ApplicationRequest, GET_DEVICE_ID),
                "bmc info")).data();
        // device id, revision, firmware major (bits 6:0) and minor (BCD), IPMI version, support, manufacturer, product
        String firmware = id.length < 4 ? null : (id[2] & 0x7f) + "." + String.format("%02x", id[3] & 0xff);
        String manufacturer = id.length < 9 ? null
                : "IANA " + ((id[6] & 0xff) | (id[7] & 0xff) << 8 | (id[8] & 0x0f) << 16);
        String product = id.length < 11 ? null : String.format("product 0x%04x", (id[9] & 0xff) | (id[10] & 0xff) << 8);
        return new BmcFacts(manufacturer, product, null, null, firmware, null, powerState());
    }

    private ResponseData send(PayloadCoder request, String what) {
        try {
            return link.send(handle, request, timeout);
        } catch (IPMIException e) {
            throw new BmcException(where(), what + " refused: " + e.getCompletionCode().getMessage(), Reason.FAILED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(where(), what + " interrupted", Reason.CANCELLED, e);
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("timed out")) {
                throw new BmcException(where(), "no answer to " + what + " after " + seconds(timeout), Reason.TIMED_OUT, e);
            }
            throw new BmcException(where(), what + " failed: " + message, Reason.FAILED, e);
        }
    }

    private String where() {
        return endpoint.node() + ": BMC " + endpoint.address();
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        try {
            link.closeSession(handle);
        } catch (Exception e) {
            // The BMC may be gone; the connection below is closed either way.
        } finally {
            link.close(handle);
        }
    }
}
