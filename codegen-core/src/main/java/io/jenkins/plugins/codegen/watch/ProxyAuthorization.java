package io.jenkins.plugins.codegen.watch;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The proxy a read goes through and its {@code Proxy-Authorization} header, when that proxy has credentials.
 *
 * <p>Why not the HTTP client's own authenticator: a JDK client with an {@link Authenticator} does not
 * send the request's own {@code Authorization} header (the API's bearer token), so every read is
 * answered 401, which the client then turns into an {@code IOException} ("WWW-Authenticate header
 * missing"). The watcher therefore asks the authenticator for the proxy's credentials itself and
 * sends them preemptively, as the bridge does with the user and password of its proxy URL.
 */
final class ProxyAuthorization {
    static final ProxyAuthorization NONE = new ProxyAuthorization(null, null);

    private final ProxySelector selector;
    private final Authenticator authenticator;

    /** The proxy of a read and what to send it: {@code Basic <user:password>}. */
    record Credentials(InetSocketAddress proxy, String header) {
    }

    ProxyAuthorization(ProxySelector selector, Authenticator authenticator) {
        this.selector = selector;
        this.authenticator = authenticator;
    }

    /** {@code Basic <user:password>} when the read of {@code uri} goes through a proxy that has credentials. */
    Optional<String> headerFor(URI uri) {
        return credentialsFor(uri).map(Credentials::header);
    }

    /** The proxy and its header when the read of {@code uri} goes through a proxy that has credentials. */
    Optional<Credentials> credentialsFor(URI uri) {
        if (selector == null || authenticator == null) {
            return Optional.empty();
        }
        List<Proxy> proxies = selector.select(uri);
        Proxy proxy = proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
        if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress address)) {
            return Optional.empty();
        }
        PasswordAuthentication credentials;
        try {
            credentials = Authenticator.requestPasswordAuthentication(authenticator, address.getHostString(), null,
                    address.getPort(), uri.getScheme(), "proxy", "Basic", uri.toURL(),
                    Authenticator.RequestorType.PROXY);
        } catch (MalformedURLException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (credentials == null || credentials.getUserName() == null) {
            return Optional.empty();
        }
        String pair = credentials.getUserName() + ":" + new String(credentials.getPassword());
        return Optional.of(new Credentials(address,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
}
