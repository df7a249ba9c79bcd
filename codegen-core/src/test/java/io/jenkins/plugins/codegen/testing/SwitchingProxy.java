package io.jenkins.plugins.codegen.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy for plain-http targets (the simulator) that forwards requests as they are,
 * and from the {@code after}-th request on sends them to the simulator under another scenario spec:
 * a token that the API starts to reject in the middle of a wait, say. It counts what it forwarded.
 */
public final class SwitchingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final String switchedSpec;
    private final int after;

    /**
     * @param switchedSpec the spec (already URL-encoded, e.g. {@code auth_401}) for requests from the
     *                     {@code after}-th on; null never switches
     */
    public SwitchingProxy(String switchedSpec, int after) throws IOException {
        this.switchedSpec = switchedSpec;
        this.after = after;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public ProxySelector selector() {
        return ProxySelector.of(server.getAddress());
    }

    public int forwarded() {
        return forwarded.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = forwarded.incrementAndGet();
            URI target = exchange.getRequestURI();
            if (target.getScheme() == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String url = target.toString();
            if (switchedSpec != null && number >= after) {
                url = url.replaceFirst("/s/[^/]+/v1/", "/s/" + switchedSpec + "/v1/");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
