package herd.bmc;

import org.metricshub.ipmi.core.coding.commands.IpmiCommandCoder;
import org.metricshub.ipmi.core.coding.commands.IpmiVersion;
import org.metricshub.ipmi.core.coding.commands.ResponseData;
import org.metricshub.ipmi.core.coding.payload.CompletionCode;
import org.metricshub.ipmi.core.coding.payload.lan.IPMIException;
import org.metricshub.ipmi.core.coding.payload.lan.IpmiLanMessage;
import org.metricshub.ipmi.core.coding.payload.lan.IpmiLanRequest;
import org.metricshub.ipmi.core.coding.payload.lan.IpmiLanResponse;
import org.metricshub.ipmi.core.coding.payload.lan.NetworkFunction;
import org.metricshub.ipmi.core.coding.protocol.AuthenticationType;
import org.metricshub.ipmi.core.coding.protocol.IpmiMessage;
import org.metricshub.ipmi.core.coding.security.CipherSuite;

/**
 * Any IPMI request as bytes, for the commands ipmi-java has no class for (power cycle, soft off,
 * Set/Get System Boot Options, Deactivate Payload):
 * {@code new RawCommand(suite, NetworkFunction.ChassisRequest, 0x02, 0x02)} is a power cycle.
 */
final class RawCommand extends IpmiCommandCoder {

    /** The data bytes of an answer with completion code 0. */
    record Answer(byte[] data) implements ResponseData {
    }

    private final NetworkFunction netFn;
    private final byte command;
    private final byte[] data;

    RawCommand(CipherSuite suite, NetworkFunction netFn, int command, int... data) {
        super(IpmiVersion.V20, suite, AuthenticationType.RMCPPlus);
        this.netFn = netFn;
        this.command = (byte) command;
        this.data = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            this.data[i] = (byte) data[i];
        }
    }

    static RawCommand chassis(CipherSuite suite, int command, int... data) {
        return new RawCommand(suite, NetworkFunction.ChassisRequest, command, data);
    }

    @Override
    public byte getCommandCode() {
        return command;
    }

    @Override
    public NetworkFunction getNetworkFunction() {
        return netFn;
    }

    @Override
    protected IpmiLanMessage preparePayload(int sequenceNumber) {
        return new IpmiLanRequest(netFn, command, data.length == 0 ? null : data, (byte) sequenceNumber);
    }

    @Override
    public ResponseData getResponseData(IpmiMessage message) throws IPMIException {
        if (!(message.getPayload() instanceof IpmiLanResponse response)) {
            throw new IllegalArgumentException("not an IPMI response");
        }
        if (response.getCompletionCode() != CompletionCode.Ok) {
            throw new IPMIException(response.getCompletionCode());
        }
        byte[] answer = message.getPayload().getIpmiCommandData();
        return new Answer(answer == null ? new byte[0] : answer);
    }
}
