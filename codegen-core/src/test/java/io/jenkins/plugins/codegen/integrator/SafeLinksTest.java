package io.jenkins.plugins.codegen.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme/webapp/pull/17", "http://127.0.0.1:40123/agent/trace/5",
            "HTTPS://GitHub.com/acme/webapp/pull/1?x=1#y"})
    void httpAndHttpsUrlsWithAHostAreLinks(String url) {
        assertThat(SafeLinks.http(url)).contains(url);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "/job/x",
            "https:relative", "https://", "ftp://files.example/x", "https://github.com/a b", " https://github.com/x",
            "file:///etc/passwd"})
    void everythingElseIsText(String url) {
        assertThat(SafeLinks.http(url)).isEmpty();
    }
}
