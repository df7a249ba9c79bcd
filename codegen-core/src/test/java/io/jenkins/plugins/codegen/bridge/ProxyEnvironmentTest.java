package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEnvironmentTest {

    @Test
    void noHostMeansNoVariables() {
        assertThat(ProxyEnvironment.of(null, 3128, "u", "p", "*.corp").variables()).isEmpty();
        assertThat(ProxyEnvironment.of("  ", 3128, null, null, null).isEmpty()).isTrue();
        assertThat(ProxyEnvironment.none().variables()).isEmpty();
    }

    @Test
    void aProxyWithoutAuthentication() {
        ProxyEnvironment proxy = ProxyEnvironment.of("proxy.corp.example", 3128, null, null, null);

        assertThat(proxy.variables()).containsExactly(Map.entry("HTTPS_PROXY", "http://proxy.corp.example:3128"),
                Map.entry("HTTP_PROXY", "http://proxy.corp.example:3128"));
        assertThat(proxy.password()).isEmpty();
    }

    @Test
    void userAndPasswordArePercentEncodedSoThatTheBridgeCanDecodeThem() {
        ProxyEnvironment proxy = ProxyEnvironment.of("proxy", 8080, "DOMAIN\\jo smith", "p@ss:w/rd+1", "");

        assertThat(proxy.variables().get("HTTPS_PROXY"))
                .isEqualTo("http://DOMAIN%5Cjo%20smith:p%40ss%3Aw%2Frd%2B1@proxy:8080");
        assertThat(proxy.password()).contains("p@ss:w/rd+1");
    }

    @Test
    void aUserWithoutPasswordAndAPasswordWithoutUser() {
        assertThat(ProxyEnvironment.of("proxy", 80, "jo", "", null).variables().get("HTTP_PROXY"))
                .isEqualTo("http://jo@proxy:80");
        ProxyEnvironment passwordOnly = ProxyEnvironment.of("proxy", 80, null, "secret", null);
        assertThat(passwordOnly.variables().get("HTTP_PROXY")).isEqualTo("http://proxy:80");
        assertThat(passwordOnly.password()).isEmpty();
    }

    @Test
    void aSchemeOrTrailingSlashInTheHostIsDroppedAndIpv6IsBracketed() {
        assertThat(ProxyEnvironment.of("http://proxy.example/", 3128, null, null, null).variables().get("HTTPS_PROXY"))
                .isEqualTo("http://proxy.example:3128");
        assertThat(ProxyEnvironment.of("fd00::1", 3128, null, null, null).variables().get("HTTPS_PROXY"))
                .isEqualTo("http://[fd00::1]:3128");
        assertThat(ProxyEnvironment.of("proxy", 0, null, null, null).variables().get("HTTPS_PROXY"))
                .isEqualTo("http://proxy");
    }

    @Test
    void hostPatternsBecomeNoProxyEntriesWhereNoProxyCanSayThem() {
        ProxyEnvironment proxy = ProxyEnvironment.of("proxy", 3128, null, null,
                "*.corp.example  localhost,api.codegen.com|192.168.* \n.internal\tFOO.Example");

        assertThat(proxy.variables().get("NO_PROXY"))
                .isEqualTo(".corp.example,localhost,api.codegen.com,.internal,foo.example");
        assertThat(proxy.unsupportedPatterns()).containsExactly("192.168.*");
        assertThat(ProxyEnvironment.of("proxy", 3128, null, null, "*").variables().get("NO_PROXY")).isEqualTo("*");
    }

    @Test
    void toStringNeverShowsThePassword() {
        ProxyEnvironment proxy = ProxyEnvironment.of("proxy", 3128, "jo", "s3cr3t pass", null);

        assertThat(proxy.toString()).doesNotContain("s3cr3t").contains("jo:****@proxy:3128");
    }
}
