package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proxy credentials reach the proxy without costing the API its token: a JDK client given an
 * authenticator sends no {@code Authorization} header of the request's own, so the watcher sends the
 * proxy's credentials itself.
 */
class ProxyAuthorizationTest {
    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final Authenticator PROXY_USER = new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY
                    ? new PasswordAuthentication("builder", "s3cret:pw".toCharArray()) : null;
        }
    };

    private static ProxySelector through(Proxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        };
    }

    @Test
    void aWatcherGivenProxyCredentialsStillSendsTheApiToken() throws Exception {
        String spec = unique("polls=1");
        long runId = SimulatedRuns.create(SIM.url(spec));
        try (Watcher watcher = Watcher.builder().budgets(Budgets.UNLIMITED)
                .proxy(through(Proxy.NO_PROXY), PROXY_USER).build()) {
            TaskResult result = watcher.await(watcher.stateFor(SIM.url(spec), 1, runId, Duration.ofMinutes(1)),
                    SimulatedRuns.TOKEN, ProgressListener.NONE);

            assertThat(result.succeeded()).as(result.errorMessage()).isTrue();
            assertThat(result.runId()).isEqualTo(runId);
        }
    }

    @Test
    void aReadThroughAProxyCarriesItsCredentialsAsBasic() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128));
        URI api = URI.create("https://api.codegen.com/v1/organizations/1/agent/run/5");

        String expected = "Basic " + Base64.getEncoder().encodeToString("builder:s3cret:pw"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(new ProxyAuthorization(through(proxy), PROXY_USER).headerFor(api)).contains(expected);
        assertThat(new ProxyAuthorization(through(Proxy.NO_PROXY), PROXY_USER).headerFor(api)).isEmpty();
        assertThat(new ProxyAuthorization(through(proxy), null).headerFor(api)).isEmpty();
        assertThat(ProxyAuthorization.NONE.headerFor(api)).isEmpty();
    }
}
