package io.jenkins.plugins.codegen.watch;

import static io.jenkins.plugins.codegen.testing.SimulatorExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.integrator.Progress;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import io.jenkins.plugins.codegen.testing.AuthenticatingProxy;
import io.jenkins.plugins.codegen.testing.SimulatorExtension;
import io.jenkins.plugins.codegen.testing.TlsFront;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * codegenWait and {@code codegen wait} behind a proxy that asks for a password: for an https API the
 * credentials must reach the proxy on the {@code CONNECT} that opens the tunnel, which the JDK's
 * client strips by default (and which must not be changed JVM-wide for us); for an http API on every
 * request. The API is named {@code api.codegen.test}, which the proxy routes to the simulator (plain
 * http) or to a TLS front before it whose certificate only this test trusts.
 */
class AuthenticatingProxyTest {
    private static final String HOST = "api.codegen.test";
    private static final String USER = "builder";
    private static final String PASSWORD = "s3cret:p@ss";

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    @TempDir
    static Path folder;

    private static TlsFront tls;
    private static AuthenticatingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        URI simulator = URI.create(SIM.server().baseUrl());
        InetSocketAddress plain = new InetSocketAddress(simulator.getHost(), simulator.getPort());
        tls = new TlsFront(HOST, plain, folder);
        proxy = new AuthenticatingProxy(USER, PASSWORD).route(HOST, 443, tls.address()).route(HOST, 80, plain);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        tls.close();
    }

    /** Jenkins' proxy settings, as the plugin hands them to the watcher: a selector and an authenticator. */
    private static Watcher jenkinsLike(String password) {
        Authenticator credentials = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(USER, password.toCharArray()) : null;
            }
        };
        return Watcher.builder().budgets(Budgets.UNLIMITED).sslContext(tls.clientContext())
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())),
                        password == null ? null : credentials).build();
    }

    /** The command line's: HTTPS_PROXY and HTTP_PROXY with user:password, as EnvironmentProxy reads them. */
    private static Watcher commandLineLike(String userInfo) {
        String url = "http://" + userInfo + "@127.0.0.1:" + proxy.port();
        EnvironmentProxy environment = EnvironmentProxy.of(Map.of("HTTPS_PROXY", url, "HTTP_PROXY", url));
        return Watcher.builder().budgets(Budgets.UNLIMITED).sslContext(tls.clientContext())
                .proxy(environment, environment.authenticator()).build();
    }

    private static String api(String scheme, String spec) {
        return SIM.url(spec).replaceFirst("^http://[^/]+", scheme + "://" + HOST);
    }

    private static TaskResult await(Watcher watcher, String scheme, String spec, List<Progress> progress)
            throws Exception {
        long runId = SimulatedRuns.create(SIM.url(spec));
        try (watcher) {
            return watcher.await(watcher.stateFor(api(scheme, spec), 1, runId, Duration.ofMinutes(5)),
                    SimulatedRuns.TOKEN, progress::add);
        }
    }

    @Test
    void anHttpsApiIsReadThroughTheTunnelWithTheProxysCredentials() throws Exception {
        int before = proxy.accepted().size();
        TaskResult result = await(jenkinsLike(PASSWORD), "https", unique("polls=2"), new CopyOnWriteArrayList<>());

        assertThat(result.succeeded()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
        assertThat(result.prUrl()).contains("/pull/");
        assertThat(proxy.accepted().subList(before, proxy.accepted().size()))
                .allMatch(line -> line.equals("CONNECT " + HOST + ":443 HTTP/1.1")).isNotEmpty();
    }

    @Test
    void anHttpApiIsReadThroughTheProxyWithItsCredentials() throws Exception {
        int before = proxy.accepted().size();
        TaskResult result = await(jenkinsLike(PASSWORD), "http", unique("polls=2"), new CopyOnWriteArrayList<>());

        assertThat(result.succeeded()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
        assertThat(proxy.accepted().subList(before, proxy.accepted().size()))
                .allMatch(line -> line.startsWith("GET http://" + HOST + "/s/")).isNotEmpty();
    }

    @Test
    void theCommandLinesProxyVariablesWorkForBothSchemes() throws Exception {
        String userInfo = "builder:s3cret%3Ap%40ss";
        for (String scheme : List.of("https", "http")) {
            TaskResult result = await(commandLineLike(userInfo), scheme, unique("polls=1"),
                    new CopyOnWriteArrayList<>());

            assertThat(result.succeeded()).as(scheme + ": " + result.errorType() + ": " + result.errorMessage())
                    .isTrue();
        }
    }

    @Test
    void aRefusedPasswordIsAProxyErrorThatSaysWhatToCheck() throws Exception {
        for (String scheme : List.of("https", "http")) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            TaskResult result = await(jenkinsLike("wrong"), scheme, unique("polls=1"), progress);

            assertThat(result.errorType()).as(scheme + ": " + result.errorMessage()).isEqualTo(ErrorType.PROXY);
            assertThat(result.errorMessage()).contains("407").doesNotContain("content", "wrong");
            assertThat(result.guidance()).contains("HTTP Proxy", "HTTPS_PROXY");
            assertThat(progress).noneMatch(p -> p.kind() == Progress.Kind.RETRY);
        }
    }

    @Test
    void aProxyThatAsksForCredentialsNobodyGaveIsAProxyErrorToo() throws Exception {
        for (String scheme : List.of("https", "http")) {
            TaskResult result = await(jenkinsLike(null), scheme, unique("polls=1"), new CopyOnWriteArrayList<>());

            assertThat(result.errorType()).as(scheme + ": " + result.errorMessage()).isEqualTo(ErrorType.PROXY);
            assertThat(result.errorMessage()).contains("407");
        }
    }
}
