package herd.bmc;

import herd.session.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to one Redfish service: JSON in and out over the JDK's HttpClient, one deadline per
 * request, transport failures turned into {@link BmcException}s that say what happened (no answer,
 * refused, certificate not trusted) and Redfish's own error messages kept for the caller.
 *
 * <pre>{@code
 * RedfishHttp http = new RedfishHttp(client, URI.create("https://10.10.1.5"), "valkyrie05", Duration.ofSeconds(5));
 * RedfishHttp.Answer a = http.send("GET", "/redfish/v1/", null, Map.of());
 * a.json().path("RedfishVersion").asString();
 * }</pre>
 */
final class RedfishHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer: its status, headers and JSON body (a missing node when there is none). */
    record Answer(int status, java.net.http.HttpHeaders headers, JsonNode json) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * Redfish's own words for a failure: the first {@code @Message.ExtendedInfo} MessageId and
         * Message, else the error's code and message, else the HTTP status.
         */
        String problem() {
            JsonNode error = json.path("error");
            JsonNode info = error.path("@Message.ExtendedInfo").path(0);
            String id = text(info.path("MessageId"), text(error.path("code"), ""));
            String message = text(info.path("Message"), text(error.path("message"), ""));
            if (id.isEmpty() && message.isEmpty()) {
                return "HTTP " + status;
            }
            return id.isEmpty() ? message : message.isEmpty() ? id : id + ": " + message;
        }
    }

    private final HttpClient client;
    private final URI base;
    private final String node;
    private final Duration timeout;

    RedfishHttp(HttpClient client, URI base, String node, Duration timeout) {
        this.client = client;
        this.base = base;
        this.node = node;
        this.timeout = timeout;
    }

    String node() {
        return node;
    }

    URI base() {
        return base;
    }

    /** "valkyrie05: Redfish https://10.10.1.5", the subject of this service's errors. */
    String where() {
        return node + ": Redfish " + base;
    }

    /**
     * Sends one request; {@code path} is a service path or an absolute URI (a Location header).
     * {@code what} names the request in errors ("power status").
     */
    Answer send(String method, String path, Object body, Map<String, String> headers, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json").header("OData-Version", "4.0");
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(where(), what + " interrupted", Reason.CANCELLED, e);
        } catch (IOException e) {
            throw transport(e, what);
        }
        return new Answer(r.statusCode(), r.headers(), parse(r.body(), what));
    }

    private JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BmcException(where(), what + ": the service answered something that is not JSON ("
                    + e.getOriginalMessage() + ")", Reason.FAILED, e);
        }
    }

    private BmcException transport(IOException e, String what) {
        if (e instanceof HttpConnectTimeoutException) {
            return new BmcException(where(), "no answer to the connection after " + seconds(timeout), Reason.UNREACHABLE, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new BmcException(where(), "no answer to " + what + " after " + seconds(timeout), Reason.TIMED_OUT, e);
        }
        if (e instanceof ConnectException) {
            return new BmcException(where(), "connection refused", Reason.UNREACHABLE, e);
        }
        Throwable tls = e;
        while (tls != null && !(tls instanceof SSLException)) {
            tls = tls.getCause();
        }
        if (tls != null) {
            return new BmcException(where(), "certificate not trusted (" + rootMessage(tls) + ")",
                    Reason.HOST_KEY_MISMATCH, e);
        }
        return new BmcException(where(), what + " failed: " + rootMessage(e), Reason.UNREACHABLE, e);
    }

    /** The innermost cause's message: the one that names the problem. */
    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    static String text(JsonNode node, String fallback) {
        return node.isValueNode() ? node.asString() : fallback;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format("%.1f s", ms / 1000.0);
    }
}
