package io.jenkins.plugins.codegen.bridge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The variables that send the bridge through an HTTP proxy, {@code HTTPS_PROXY}, {@code HTTP_PROXY}
 * and {@code NO_PROXY}, in the form the bridge reads them: {@code http://user:password@host:port},
 * with the user and password percent-encoded, and {@code NO_PROXY} as comma-separated host names
 * and domain suffixes.
 *
 * <p>Hosts to reach directly may be written as a host application writes them (Jenkins' proxy page
 * does): separated by spaces, commas or {@code |}, with {@code *} as a wildcard. A leading
 * {@code *.} becomes a domain suffix ({@code *.corp.example} matches every host under
 * {@code corp.example}) and {@code *} alone means every host. A wildcard anywhere else, such as
 * {@code 192.168.*}, cannot be said in {@code NO_PROXY}; such patterns are left out and listed by
 * {@link #unsupportedPatterns()}. Loopback addresses never go through the proxy anyway.
 *
 * <p>The password is a secret: {@link #password()} is there so that a caller can mask it, and
 * {@link #toString()} never shows it.
 */
public final class ProxyEnvironment {
    private static final Pattern SEPARATORS = Pattern.compile("[ \t\r\n,|]+");
    private static final ProxyEnvironment NONE = new ProxyEnvironment(Map.of(), null, List.of());

    private final Map<String, String> variables;
    private final String password;
    private final List<String> unsupportedPatterns;

    private ProxyEnvironment(Map<String, String> variables, String password, List<String> unsupportedPatterns) {
        this.variables = variables;
        this.password = password;
        this.unsupportedPatterns = unsupportedPatterns;
    }

    /** No proxy: no variables, so the bridge uses whatever proxy variables its environment already has. */
    public static ProxyEnvironment none() {
        return NONE;
    }

    /**
     * @param host the proxy's host name or address; blank for no proxy
     * @param port the proxy's port; 0 or less leaves it out (the bridge then uses 80)
     * @param user the user name, or null or empty for a proxy without authentication
     * @param password the password, or null or empty for none
     * @param noProxyHosts hosts to reach directly, as described above; may be null
     */
    public static ProxyEnvironment of(String host, int port, String user, String password, String noProxyHosts) {
        String name = host == null ? "" : host.trim().replaceFirst("(?i)^[a-z][a-z0-9+.-]*://", "");
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return NONE;
        }
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]"; // an IPv6 address
        }
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = hasUser && password != null && !password.isEmpty();
        StringBuilder url = new StringBuilder("http://");
        if (hasUser) {
            url.append(encode(user));
            if (hasPassword) {
                url.append(':').append(encode(password));
            }
            url.append('@');
        }
        url.append(name);
        if (port > 0) {
            url.append(':').append(port);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("HTTPS_PROXY", url.toString());
        variables.put("HTTP_PROXY", url.toString());
        List<String> direct = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        if (noProxyHosts != null) {
            for (String pattern : SEPARATORS.split(noProxyHosts.trim())) {
                translate(pattern).ifPresentOrElse(direct::add, () -> {
                    if (!pattern.isEmpty()) {
                        unsupported.add(pattern);
                    }
                });
            }
        }
        if (!direct.isEmpty()) {
            variables.put("NO_PROXY", String.join(",", direct));
        }
        // In the order set, so that what is shown of it reads the same every time.
        return new ProxyEnvironment(Collections.unmodifiableMap(variables), hasPassword ? password : null,
                List.copyOf(unsupported));
    }

    /** One host pattern as a {@code NO_PROXY} entry, if it can be one. */
    private static Optional<String> translate(String pattern) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.equals("*")) {
            return Optional.of("*");
        }
        if (p.startsWith("*.")) {
            p = p.substring(1);
        }
        if (p.isEmpty() || p.equals(".") || p.contains("*")) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Percent-encodes a user name or password for the user information of a URL. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The variables for the bridge's environment, in a stable order; empty for no proxy. */
    public Map<String, String> variables() {
        return variables;
    }

    public boolean isEmpty() {
        return variables.isEmpty();
    }

    /** The proxy password, so that a caller can mask it in what it prints. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Host patterns that {@code NO_PROXY} cannot express and that were therefore left out. */
    public List<String> unsupportedPatterns() {
        return unsupportedPatterns;
    }

    /** The variables with the password masked. */
    @Override
    public String toString() {
        if (password == null) {
            return "ProxyEnvironment" + variables;
        }
        Map<String, String> shown = new LinkedHashMap<>(variables);
        shown.replaceAll((name, value) -> value.replace(":" + encode(password) + "@", ":****@"));
        return "ProxyEnvironment" + shown;
    }
}
