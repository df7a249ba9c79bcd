package io.jenkins.plugins.codegen.plugin.config;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;

/** Jenkins' proxy for the bridge, which reaches the Codegen API with it (builds and Test connection alike). */
public final class JenkinsProxy {
    private JenkinsProxy() {
    }

    /** Jenkins' proxy (Manage Jenkins » System » HTTP Proxy), as variables for the bridge; none if not set. */
    public static ProxyEnvironment environment() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null) {
            return ProxyEnvironment.none();
        }
        return ProxyEnvironment.of(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()), proxy.getNoProxyHost());
    }

    /**
     * Jenkins' proxy for the controller's own requests (the watcher behind {@code codegenWait}). It reads
     * the configuration at each request, so a change on the HTTP Proxy page applies to waits in progress.
     * The no-proxy hosts are Jenkins' own patterns ({@link ProxyConfiguration#createProxy(String)}).
     */
    public static ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                Jenkins jenkins = Jenkins.getInstanceOrNull();
                ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
                return List.of(proxy == null || uri.getHost() == null ? Proxy.NO_PROXY
                        : proxy.createProxy(uri.getHost()));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // Nothing to remember: the watcher retries with backoff and reports the failure.
            }
        };
    }

    /** Answers the proxy's 407 with the user and password of Jenkins' proxy configuration, and nothing else. */
    public static Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                Jenkins jenkins = Jenkins.getInstanceOrNull();
                ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
                if (getRequestorType() != RequestorType.PROXY || proxy == null || proxy.getUserName() == null) {
                    return null;
                }
                return new PasswordAuthentication(proxy.getUserName(),
                        Secret.toString(proxy.getSecretPassword()).toCharArray());
            }
        };
    }
}
