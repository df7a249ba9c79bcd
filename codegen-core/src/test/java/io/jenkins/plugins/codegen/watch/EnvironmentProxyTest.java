package io.jenkins.plugins.codegen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy variables read as the bridge reads them, so that wait goes where run goes. */
class EnvironmentProxyTest {
    private static final URI API = URI.create("https://api.codegen.com/v1/users/me");

    @Test
    void httpsProxyCarriesApiRequestsUnlessNoProxyNamesTheHost() {
        EnvironmentProxy proxy = EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", "internal.corp, .example.org"));
        Proxy selected = proxy.select(API).get(0);
        assertThat(selected.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) selected.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) selected.address()).getPort()).isEqualTo(3128);
        assertThat(proxy.select(URI.create("https://internal.corp/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(proxy.select(URI.create("https://api.example.org/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(proxy.select(URI.create("http://127.0.0.1:8765/v1"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void noVariablesMeansNoProxyAndLowerCaseNamesCount() {
        assertThat(EnvironmentProxy.of(Map.of()).isSet()).isFalse();
        assertThat(EnvironmentProxy.of(Map.of()).select(API)).containsExactly(Proxy.NO_PROXY);
        assertThat(EnvironmentProxy.of(Map.of("https_proxy", "proxy:8080")).select(API).get(0).type())
                .isEqualTo(Proxy.Type.HTTP);
        assertThat(EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "*")).select(API))
                .containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void userAndPasswordAnswerTheProxyOnly() throws Exception {
        Authenticator authenticator = EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://build%20bot:p%40ss@proxy:3128"))
                .authenticator();
        PasswordAuthentication forProxy = authenticator.requestPasswordAuthenticationInstance("proxy", null, 3128,
                "http", "realm", "basic", new URL("https://api.codegen.com"), Authenticator.RequestorType.PROXY);
        assertThat(forProxy.getUserName()).isEqualTo("build bot");
        assertThat(new String(forProxy.getPassword())).isEqualTo("p@ss");
        assertThat(authenticator.requestPasswordAuthenticationInstance("api.codegen.com", null, 443, "https",
                "realm", "basic", new URL("https://api.codegen.com"), Authenticator.RequestorType.SERVER)).isNull();
        assertThat(EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://proxy:3128")).authenticator()).isNull();
    }
}
