package io.jenkins.plugins.codegen.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The watcher's GETs of the API, whatever lies between: directly or through a proxy, the JDK's
 * non-blocking client; through a proxy that asks for a password, the credentials sent preemptively
 * ({@link ProxyAuthorization}). For an https API behind such a proxy the credentials must go on the
 * {@code CONNECT} that opens the tunnel, and the JDK's client strips Basic credentials from a
 * {@code CONNECT} unless {@code jdk.http.auth.tunneling.disabledSchemes} is changed, for the whole JVM
 * (the Jenkins controller's, too); such reads go through a tunnel of the watcher's own
 * ({@link ProxyTunnel}) on threads of their own, at most the scheduler's window of them at once.
 */
final class ApiReads implements AutoCloseable {
    private static final String USER_AGENT = "codegen-jenkins-watcher/1";

    private final HttpClient client;
    private final ProxyAuthorization proxyAuthorization;
    private final ProxyTunnel tunnel;
    private final Duration requestTimeout;
    private final ExecutorService tunnelThreads;

    ApiReads(HttpClient client, ProxyAuthorization proxyAuthorization, SSLContext tls, Duration requestTimeout) {
        this.client = client;
        this.proxyAuthorization = proxyAuthorization;
        this.tunnel = new ProxyTunnel(tls, USER_AGENT);
        this.requestTimeout = requestTimeout;
        AtomicInteger count = new AtomicInteger();
        // Threads only while tunnelled reads are in flight (the scheduler's window bounds them); none otherwise.
        this.tunnelThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "codegen-watch-tunnel-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An answer of the API (or of a proxy before it): never a null body. */
    record Reply(int status, String retryAfter, byte[] body) {
        Reply {
            body = body == null ? new byte[0] : body;
        }
    }

    /** A GET of {@code target} with the API token; fails with the transport's exception when no answer came. */
    CompletableFuture<Reply> get(URI target, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        Optional<ProxyAuthorization.Credentials> proxied = proxyAuthorization.credentialsFor(target);
        if (proxied.isPresent() && "https".equalsIgnoreCase(target.getScheme())) {
            ProxyAuthorization.Credentials proxy = proxied.get();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return tunnel.get(target, headers, proxy.proxy(), proxy.header(), requestTimeout);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, tunnelThreads);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET().timeout(requestTimeout);
        headers.forEach(request::header);
        proxied.ifPresent(proxy -> request.header("Proxy-Authorization", proxy.header()));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Reply(response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null), response.body()));
    }

    /** Ends the tunnelled reads in flight (their connections are closed) and their threads. */
    @Override
    public void close() {
        tunnel.close();
        tunnelThreads.shutdownNow();
    }
}
