package herd.lab.redfish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;

/**
 * The Redfish service of one lab node's BMC (DSP0266 over HTTPS), serving the DMTF mockup model
 * (ServiceRoot, Systems, Chassis, Managers, SessionService, TaskService) and driving the node's
 * chassis program, as its ipmi_sim does. Users authenticate with HTTP Basic or a session
 * ({@code X-Auth-Token}); errors carry Redfish's {@code @Message.ExtendedInfo}.
 *
 * <pre>{@code
 * RedfishServer s = RedfishServer.start(new InetSocketAddress("127.0.0.1", 12010), tls,
 *         new RedfishSystem(new ChassisProgram(chassis, "valkyrie01"), stateDir), "admin", pw, executor);
 * // curl --cacert ca.pem -u admin:pw https://127.0.0.1:12010/redfish/v1/Systems/1
 * s.stop();
 * }</pre>
 *
 * A file {@code hang} in the node's state directory makes the service stop answering (requests
 * wait until it is removed), as a wedged BMC does. Every request is logged to {@code requests.log}
 * there ({@code PATCH /redfish/v1/Systems/1 200 token If-Match=W/"1c"}), for tests to read what
 * clients sent.
 */
public final class RedfishServer {

    private static final long HANG_LIMIT_NANOS = 300_000_000_000L;

    private final HttpsServer server;
    private final RedfishSystem system;
    private final Path state;
    private final RedfishSessions sessions;
    private final RedfishTasks tasks;

    private RedfishServer(HttpsServer server, RedfishSystem system, Path state, RedfishSessions sessions,
                          ExecutorService executor) {
        this.server = server;
        this.system = system;
        this.state = state;
        this.sessions = sessions;
        this.tasks = new RedfishTasks(executor);
    }

    /** Starts serving node's Redfish service on {@code address}; {@code state} holds its files. */
    public static RedfishServer start(InetSocketAddress address, SSLContext tls, ChassisProgram chassis, Path state,
                                      String user, String password, ExecutorService executor) throws IOException {
        HttpsServer https = HttpsServer.create(address, 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.setExecutor(executor);
        RedfishServer s = new RedfishServer(https, new RedfishSystem(chassis, state), state,
                new RedfishSessions(user, password), executor);
        https.createContext("/", s::handle);
        https.start();
        return s;
    }

    public void stop() {
        server.stop(0);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            waitWhileHung();
            Reply reply;
            try {
                reply = route(x);
            } catch (RuntimeException e) {
                reply = Reply.error(500, "Base.1.8.InternalError",
                        "The request failed due to an internal service error: " + e.getMessage());
            }
            // Logged before the answer leaves, so that a client that has its answer finds the line.
            log(x, reply.status());
            send(x, reply);
        }
    }

    private synchronized void log(HttpExchange x, int status) {
        var h = x.getRequestHeaders();
        String auth = h.containsKey("X-Auth-Token") ? "token" : h.containsKey("Authorization") ? "basic" : "none";
        String line = x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + status + " " + auth
                + (h.containsKey("If-Match") ? " If-Match=" + h.getFirst("If-Match") : "") + "\n";
        try {
            Files.writeString(state.resolve("requests.log"), line, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for tests; the answer was sent
        }
    }

    private void waitWhileHung() {
        long start = System.nanoTime();
        while (Files.exists(state.resolve("hang")) && System.nanoTime() - start < HANG_LIMIT_NANOS) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Reply route(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String raw = x.getRequestURI().getPath();
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (path.equals("/redfish")) {
            return Reply.ok(Map.of("v1", RedfishSystem.ROOT + "/"));
        }
        if (path.equals(RedfishSystem.ROOT)) {
            return method.equals("GET") ? Reply.ok(serviceRoot()) : notAllowed(method, path);
        }
        if (path.equals(RedfishSessions.COLLECTION) && method.equals("POST")) {
            return sessions.login(body(x));
        }
        String user = sessions.authenticate(x.getRequestHeaders().getFirst("X-Auth-Token"),
                x.getRequestHeaders().getFirst("Authorization"));
        if (user == null) {
            return Reply.error(401, "Base.1.8.NoValidSession",
                    "There is no valid session established with the implementation.");
        }
        if (path.startsWith(RedfishSessions.COLLECTION) || path.equals(RedfishSessions.SERVICE)) {
            return sessions.handle(method, path);
        }
        if (path.startsWith(RedfishTasks.SERVICE)) {
            return method.equals("GET") ? tasks.get(path) : notAllowed(method, path);
        }
        return switch (path) {
            case RedfishSystem.ROOT + "/Systems" -> get(method, path, () -> RedfishSystem.collection(path,
                    "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection",
                    List.of(RedfishSystem.SYSTEM)));
            case RedfishSystem.ROOT + "/Chassis" -> get(method, path, () -> RedfishSystem.collection(path,
                    "#ChassisCollection.ChassisCollection", "Chassis Collection", List.of(RedfishSystem.CHASSIS)));
            case RedfishSystem.ROOT + "/Managers" -> get(method, path, () -> RedfishSystem.collection(path,
                    "#ManagerCollection.ManagerCollection", "Manager Collection", List.of(RedfishSystem.MANAGER)));
            case RedfishSystem.CHASSIS -> get(method, path, system::chassisResource);
            case RedfishSystem.MANAGER -> get(method, path, system::manager);
            case RedfishSystem.SYSTEM -> switch (method) {
                case "GET" -> Reply.ok(system.computerSystem());
                case "PATCH" -> patchSystem(x);
                default -> notAllowed(method, path);
            };
            case RedfishSystem.RESET -> method.equals("POST") ? reset(body(x)) : notAllowed(method, path);
            default -> Reply.error(404, "Base.1.8.ResourceMissingAtURI",
                    "The resource at the URI " + path + " was not found.");
        };
    }

    private static Reply get(String method, String path, java.util.function.Supplier<Map<String, Object>> resource) {
        return method.equals("GET") ? Reply.ok(resource.get()) : notAllowed(method, path);
    }

    private static Reply notAllowed(String method, String path) {
        return Reply.error(405, "Base.1.8.OperationNotAllowed",
                "The " + method + " operation is not allowed on the resource at " + path + ".");
    }

    private Map<String, Object> serviceRoot() {
        Map<String, Object> root = RedfishSystem.resource(RedfishSystem.ROOT + "/", "#ServiceRoot.v1_11_0.ServiceRoot",
                "RootService", "Root Service");
        root.put("RedfishVersion", "1.15.0");
        root.put("UUID", java.util.UUID.nameUUIDFromBytes(("service " + system.node())
                .getBytes(StandardCharsets.UTF_8)).toString());
        root.put("Product", "herd lab BMC");
        root.put("Vendor", "herd");
        root.put("Systems", RedfishSystem.link(RedfishSystem.ROOT + "/Systems"));
        root.put("Chassis", RedfishSystem.link(RedfishSystem.ROOT + "/Chassis"));
        root.put("Managers", RedfishSystem.link(RedfishSystem.ROOT + "/Managers"));
        root.put("Tasks", RedfishSystem.link(RedfishTasks.SERVICE));
        root.put("SessionService", RedfishSystem.link(RedfishSessions.SERVICE));
        root.put("Links", Map.of("Sessions", RedfishSystem.link(RedfishSessions.COLLECTION)));
        return root;
    }

    private Reply reset(Map<String, Object> body) {
        if (body == null) {
            return malformed();
        }
        Object type = body.get("ResetType");
        if (type == null) {
            return Reply.error(400, "Base.1.8.ActionParameterMissing",
                    "The action ComputerSystem.Reset requires the parameter ResetType to be present in the request body.");
        }
        List<String> offered = system.resetTypes();
        if (!offered.contains(type.toString())) {
            return Reply.error(400, "Base.1.8.ActionParameterValueNotInList", "The value " + type
                    + " for the parameter ResetType in the action ComputerSystem.Reset is not in the list of"
                    + " acceptable values.");
        }
        String resetType = type.toString();
        if (RedfishSystem.slow(resetType)) {
            return tasks.start("ComputerSystem.Reset " + resetType, () -> system.reset(resetType));
        }
        system.reset(resetType);
        return Reply.noContent();
    }

    @SuppressWarnings("unchecked")
    private Reply patchSystem(HttpExchange x) throws IOException {
        Map<String, Object> body = body(x);
        if (body == null) {
            return malformed();
        }
        String ifMatch = x.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(system.etag())) {
            return Reply.error(412, "Base.1.8.PreconditionFailed",
                    "The ETag supplied did not match the ETag required to change this resource.");
        }
        for (String key : body.keySet()) {
            if (!key.equals("Boot")) {
                return Reply.error(400, "Base.1.8.PropertyUnknown", "The property " + key
                        + " is not in the list of valid properties for the resource.");
            }
        }
        if (!(body.get("Boot") instanceof Map<?, ?> boot)) {
            return Reply.error(400, "Base.1.8.PropertyValueTypeError",
                    "The value for the property Boot is of a different type than the property can accept.");
        }
        Map<String, List<String>> allowed = Map.of("BootSourceOverrideTarget", RedfishSystem.TARGETS,
                "BootSourceOverrideEnabled", RedfishSystem.ENABLED, "BootSourceOverrideMode", RedfishSystem.MODES);
        for (Map.Entry<String, Object> e : ((Map<String, Object>) boot).entrySet()) {
            List<String> values = allowed.get(e.getKey());
            if (values == null) {
                return Reply.error(400, "Base.1.8.PropertyUnknown", "The property Boot/" + e.getKey()
                        + " is not in the list of valid properties for the resource.");
            }
            if (!values.contains(String.valueOf(e.getValue()))) {
                return Reply.error(400, "Base.1.8.PropertyValueNotInList", "The value " + e.getValue()
                        + " for the property Boot/" + e.getKey() + " is not in the list of acceptable values.");
            }
        }
        system.setBoot((String) boot.get("BootSourceOverrideTarget"), (String) boot.get("BootSourceOverrideEnabled"),
                (String) boot.get("BootSourceOverrideMode"));
        return Reply.ok(system.computerSystem());
    }

    /** The request's JSON object, or null when it is not one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Object value = Json.parse(text.isBlank() ? "{}" : text);
            return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reply malformed() {
        return Reply.error(400, "Base.1.8.MalformedJSON",
                "The request body submitted was malformed JSON and could not be parsed by the receiving service.");
    }

    private static void send(HttpExchange x, Reply reply) throws IOException {
        var h = x.getResponseHeaders();
        h.set("OData-Version", "4.0");
        reply.headers().forEach(h::set);
        if (reply.body() == null) {
            x.sendResponseHeaders(reply.status(), -1);
            return;
        }
        if (reply.body().get("@odata.etag") instanceof String etag) {
            h.set("ETag", etag);
        }
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        h.set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(reply.status(), bytes.length);
        x.getResponseBody().write(bytes);
    }

    /** One answer: status, JSON body (null: none) and extra headers. */
    record Reply(int status, Map<String, Object> body, Map<String, String> headers) {

        static Reply ok(Map<String, Object> body) {
            return new Reply(200, body, Map.of());
        }

        static Reply noContent() {
            return new Reply(204, null, Map.of());
        }

        static Reply error(int status, String messageId, String message) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("@odata.type", "#Message.v1_1_1.Message");
            info.put("MessageId", messageId);
            info.put("Message", message);
            info.put("Severity", "Critical");
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", messageId);
            error.put("message", message);
            error.put("@Message.ExtendedInfo", List.of(info));
            return new Reply(status, Map.of("error", error), Map.of());
        }
    }

    /** Decodes {@code Authorization: Basic ...} to user and password, or null. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
