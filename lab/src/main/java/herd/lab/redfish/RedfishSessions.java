package herd.lab.redfish;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SessionService of a lab BMC: {@code POST Sessions} with UserName and Password gives an
 * {@code X-Auth-Token}; a session idle for longer than {@link #TIMEOUT_SECONDS} expires, and
 * {@code DELETE} of its URI ends it (from any authenticated client, as an administrator may).
 */
final class RedfishSessions {

    static final String SERVICE = RedfishSystem.ROOT + "/SessionService";
    static final String COLLECTION = SERVICE + "/Sessions";
    static final long TIMEOUT_SECONDS = 1800;

    private record Session(String id, String user, String token, long lastUsed) {
    }

    private final String user;
    private final String password;
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    RedfishSessions(String user, String password) {
        this.user = user;
        this.password = password;
    }

    RedfishServer.Reply login(Map<String, Object> body) {
        if (body == null || !(body.get("UserName") instanceof String name) || !(body.get("Password") instanceof String pw)) {
            return RedfishServer.Reply.error(400, "Base.1.8.ActionParameterMissing",
                    "The action Session creation requires the parameters UserName and Password to be present in the"
                            + " request body.");
        }
        if (!valid(name, pw)) {
            return RedfishServer.Reply.error(401, "Base.1.8.AccessDenied",
                    "While attempting to establish a connection to " + COLLECTION + ", the service denied access.");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        Session s = new Session(Integer.toString(ids.incrementAndGet()), name, HexFormat.of().formatHex(bytes),
                System.nanoTime());
        byToken.put(s.token(), s);
        return new RedfishServer.Reply(201, resource(s), Map.of("X-Auth-Token", s.token(),
                "Location", COLLECTION + "/" + s.id()));
    }

    /** The user of a valid token or Basic credentials, or null. */
    String authenticate(String token, String authorization) {
        if (token != null) {
            Session s = byToken.get(token);
            if (s == null) {
                return null;
            }
            if (System.nanoTime() - s.lastUsed() > TIMEOUT_SECONDS * 1_000_000_000L) {
                byToken.remove(token);
                return null;
            }
            byToken.put(token, new Session(s.id(), s.user(), token, System.nanoTime()));
            return s.user();
        }
        String[] basic = RedfishServer.basic(authorization);
        return basic != null && valid(basic[0], basic[1]) ? basic[0] : null;
    }

    RedfishServer.Reply handle(String method, String path) {
        if (path.equals(SERVICE)) {
            if (!method.equals("GET")) {
                return notAllowed(method, path);
            }
            Map<String, Object> service = RedfishSystem.resource(SERVICE, "#SessionService.v1_1_8.SessionService",
                    "SessionService", "Session Service");
            service.put("ServiceEnabled", true);
            service.put("SessionTimeout", TIMEOUT_SECONDS);
            service.put("Sessions", RedfishSystem.link(COLLECTION));
            return RedfishServer.Reply.ok(service);
        }
        if (path.equals(COLLECTION)) {
            return method.equals("GET") ? RedfishServer.Reply.ok(RedfishSystem.collection(COLLECTION,
                    "#SessionCollection.SessionCollection", "Session Collection",
                    byToken.values().stream().map(s -> COLLECTION + "/" + s.id()).sorted().toList()))
                    : notAllowed(method, path);
        }
        String id = path.substring(COLLECTION.length() + 1);
        Session s = byToken.values().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
        if (s == null) {
            return RedfishServer.Reply.error(404, "Base.1.8.ResourceMissingAtURI",
                    "The resource at the URI " + path + " was not found.");
        }
        return switch (method) {
            case "GET" -> RedfishServer.Reply.ok(resource(s));
            case "DELETE" -> {
                byToken.remove(s.token());
                yield RedfishServer.Reply.noContent();
            }
            default -> notAllowed(method, path);
        };
    }

    private static RedfishServer.Reply notAllowed(String method, String path) {
        return RedfishServer.Reply.error(405, "Base.1.8.OperationNotAllowed",
                "The " + method + " operation is not allowed on the resource at " + path + ".");
    }

    private static Map<String, Object> resource(Session s) {
        Map<String, Object> r = new LinkedHashMap<>(RedfishSystem.resource(COLLECTION + "/" + s.id(),
                "#Session.v1_3_0.Session", s.id(), "User Session"));
        r.put("UserName", s.user());
        return r;
    }

    /** Compares in constant time, so the answer's delay says nothing of the password. */
    private boolean valid(String name, String pw) {
        boolean userOk = MessageDigest.isEqual(name.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        boolean pwOk = MessageDigest.isEqual(pw.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        return userOk & pwOk;
    }
}
