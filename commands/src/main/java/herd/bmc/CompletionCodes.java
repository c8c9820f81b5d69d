package herd.bmc;

/** Words for the codes BMCs answer with: IPMI completion codes and RMCP+ status codes (IPMI 2.0, tables 5-2 and 13-15). */
final class CompletionCodes {

    private CompletionCodes() {
    }

    static String text(int code) {
        return switch (code) {
            case 0x00 -> "ok";
            case 0xc0 -> "node busy";
            case 0xc1 -> "invalid command";
            case 0xc2 -> "command invalid for the LUN";
            case 0xc3 -> "timeout while processing the command";
            case 0xc4 -> "out of space";
            case 0xc5 -> "reservation cancelled or invalid";
            case 0xc6 -> "request data truncated";
            case 0xc7 -> "request data length invalid";
            case 0xc8 -> "request data field length limit exceeded";
            case 0xc9 -> "parameter out of range";
            case 0xca -> "cannot return the number of requested data bytes";
            case 0xcb -> "requested sensor, data or record not present";
            case 0xcc -> "invalid data field in request";
            case 0xcd -> "command illegal for the sensor or record type";
            case 0xce -> "command response could not be provided";
            case 0xcf -> "cannot execute a duplicated request";
            case 0xd0 -> "SDR repository in update mode";
            case 0xd1 -> "device in firmware update mode";
            case 0xd2 -> "BMC initialization in progress";
            case 0xd3 -> "destination unavailable";
            case 0xd4 -> "insufficient privilege level";
            case 0xd5 -> "command not supported in present state";
            case 0xd6 -> "command sub-function disabled or unavailable";
            case 0xff -> "unspecified error";
            default -> String.format("completion code 0x%02x", code);
        };
    }

    static String rmcpStatus(int status) {
        return switch (status) {
            case 0x01 -> "insufficient resources to create a session";
            case 0x02 -> "invalid session ID";
            case 0x03 -> "invalid payload type";
            case 0x04 -> "invalid authentication algorithm";
            case 0x05 -> "invalid integrity algorithm";
            case 0x06 -> "no matching authentication payload";
            case 0x07 -> "no matching integrity payload";
            case 0x08 -> "inactive session ID";
            case 0x09 -> "invalid role";
            case 0x0a -> "unauthorized role or privilege level requested";
            case 0x0b -> "insufficient resources to create a session at the requested role";
            case 0x0c -> "invalid name length";
            case 0x0d -> "unauthorized name";
            case 0x0e -> "unauthorized GUID";
            case 0x0f -> "invalid integrity check value";
            case 0x10 -> "invalid confidentiality algorithm";
            case 0x11 -> "no cipher suite match with proposed security algorithms";
            case 0x12 -> "illegal or unrecognized parameter";
            default -> String.format("RMCP+ status 0x%02x", status);
        };
    }
}
