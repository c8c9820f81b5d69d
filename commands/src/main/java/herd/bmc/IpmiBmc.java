package herd.bmc;

import herd.session.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** One RMCP+ session with one BMC, as a {@link Bmc}, blocking or not; made by {@link IpmiBackend#login}. */
final class IpmiBmc implements Bmc {

    private static final int GET_CHASSIS_STATUS = 0x01;
    private static final int CHASSIS_CONTROL = 0x02;
    private static final int SET_BOOT_OPTIONS = 0x08;
    private static final int GET_BOOT_OPTIONS = 0x09;
    private static final int BOOT_FLAGS = 0x05;
    private static final int GET_DEVICE_ID = 0x01;

    private final RmcpSession session;

    IpmiBmc(RmcpSession session) {
        this.session = session;
    }

    @Override
    public PowerState powerState() {
        return RmcpSession.await(powerStateAsync(null), session.where());
    }

    @Override
    public void power(PowerAction action) {
        RmcpSession.await(powerAsync(action, null), session.where());
    }

    @Override
    public void setBoot(BootSetting setting) {
        RmcpSession.await(setBootAsync(setting, null), session.where());
    }

    @Override
    public BootSetting boot() {
        return RmcpSession.await(bootAsync(null), session.where());
    }

    @Override
    public CompletableFuture<PowerState> powerStateAsync(Executor blocking) {
        return call(GET_CHASSIS_STATUS, new byte[0], "power status").thenApply(status -> {
            if (status.length < 1) {
                throw new BmcException(session.where(), "power status answer is empty", Reason.FAILED, null);
            }
            return (status[0] & 0x01) != 0 ? PowerState.ON : PowerState.OFF;
        });
    }

    @Override
    public CompletableFuture<Void> powerAsync(PowerAction action, Executor blocking) {
        if (action == PowerAction.STATUS) {
            throw new IllegalArgumentException("STATUS is read with powerState()");
        }
        return call(CHASSIS_CONTROL, new byte[] {(byte) action.chassisControl()}, "power " + action.word())
                .thenAccept(data -> { });
    }

    @Override
    public CompletableFuture<Void> setBootAsync(BootSetting setting, Executor blocking) {
        return call(SET_BOOT_OPTIONS, new byte[] {BOOT_FLAGS, (byte) setting.flagsByte(), (byte) setting.device().selector(),
                0, 0, 0}, "bootdev " + setting.device().word()).thenAccept(data -> { });
    }

    @Override
    public CompletableFuture<BootSetting> bootAsync(Executor blocking) {
        return call(GET_BOOT_OPTIONS, new byte[] {BOOT_FLAGS, 0, 0}, "bootdev status").thenApply(data -> {
            // version, parameter, then the 5 data bytes of parameter 5
            if (data.length < 4) {
                throw new BmcException(session.where(), "boot options answer too short (" + data.length + " bytes)",
                        Reason.FAILED, null);
            }
            return BootSetting.decode(data[2] & 0xff, data[3] & 0xff);
        });
    }

    /** Get Device ID: BMC firmware revision, manufacturer (IANA number) and product id; the chassis power. */
    @Override
    public BmcFacts facts() {
        byte[] id = RmcpSession.await(call(RmcpSession.NETFN_APP, GET_DEVICE_ID, new byte[0], "bmc info"),
                session.where());
        // device id, revision, firmware major (bits 6:0) and minor (BCD), IPMI version, support, manufacturer, product
        String firmware = id.length < 4 ? null : (id[2] & 0x7f) + "." + String.format("%02x", id[3] & 0xff);
        String manufacturer = id.length < 9 ? null
                : "IANA " + ((id[6] & 0xff) | (id[7] & 0xff) << 8 | (id[8] & 0x0f) << 16);
        String product = id.length < 11 ? null : String.format("product 0x%04x", (id[9] & 0xff) | (id[10] & 0xff) << 8);
        return new BmcFacts(manufacturer, product, null, null, firmware, null, powerState());
    }

    private CompletableFuture<byte[]> call(int command, byte[] data, String what) {
        return call(RmcpSession.NETFN_CHASSIS, command, data, what);
    }

    private CompletableFuture<byte[]> call(int netFn, int command, byte[] data, String what) {
        return session.requestAsync(netFn, command, data, what).thenApply(r -> {
            if (r.completion() != 0) {
                throw new BmcException(session.where(), what + " refused: " + CompletionCodes.text(r.completion()),
                        Reason.FAILED, null);
            }
            return r.data();
        });
    }

    @Override
    public void close() {
        session.close();
    }
}
