package io.jenkins.plugins.codegen.watch;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy the bridge would use, from the same variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 * either case, with {@code user:password@}, and {@code NO_PROXY} as host names, domain suffixes or
 * {@code *}), so that {@code codegen wait} on a machine goes where {@code codegen run} goes.
 * Loopback addresses never go through a proxy, as in the bridge.
 */
public final class EnvironmentProxy extends ProxySelector {
    private final URI https;
    private final URI http;
    private final List<String> direct;

    private EnvironmentProxy(URI https, URI http, List<String> direct) {
        this.https = https;
        this.http = http;
        this.direct = direct;
    }

    public static EnvironmentProxy of(Map<String, String> environment) {
        URI http = uri(variable(environment, "HTTP_PROXY"));
        URI https = uri(variable(environment, "HTTPS_PROXY"));
        String noProxy = variable(environment, "NO_PROXY");
        List<String> direct = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        return new EnvironmentProxy(https != null ? https : http, http, direct);
    }

    /** Whether any proxy is set. */
    public boolean isSet() {
        return https != null || http != null;
    }

    @Override
    public List<Proxy> select(URI target) {
        URI proxy = "https".equalsIgnoreCase(target.getScheme()) ? https : http;
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (proxy == null || isLoopback(host) || isDirect(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // The request fails and is classified as a connection failure; nothing to remember.
    }

    /** Answers a proxy's 407 with the {@code user:password} of the variable; null when none is given. */
    public Authenticator authenticator() {
        URI proxy = https != null && https.getRawUserInfo() != null ? https : http;
        if (proxy == null || proxy.getRawUserInfo() == null) {
            return null;
        }
        String[] parts = proxy.getRawUserInfo().split(":", 2);
        String user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        char[] password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8).toCharArray()
                : new char[0];
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password) : null;
            }
        };
    }

    private boolean isDirect(String host) {
        for (String entry : direct) {
            String suffix = entry.startsWith(".") ? entry : "." + entry;
            if (entry.equals("*") || host.equals(entry.replaceFirst("^\\.", "")) || host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static URI uri(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value.contains("://") ? value : "http://" + value);
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
