package io.jenkins.plugins.codegen.plugin;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import jenkins.model.Jenkins;

/** Jenkins' proxy for the bridge, which reaches the Codegen API with it (builds and Test connection alike). */
final class JenkinsProxy {
    private JenkinsProxy() {
    }

    /** Jenkins' proxy (Manage Jenkins » System » HTTP Proxy), as variables for the bridge; none if not set. */
    static ProxyEnvironment environment() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null) {
            return ProxyEnvironment.none();
        }
        return ProxyEnvironment.of(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()), proxy.getNoProxyHost());
    }
}
