package io.jenkins.plugins.codegen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The detail of an error answer, whatever came back: a proxy's 407 to a tunnel comes with no body at all. */
class ErrorBodyTest {
    @Test
    void aMissingOrEmptyBodyHasNoDetail() {
        assertThat(ErrorBody.detail(null)).isEmpty();
        assertThat(ErrorBody.detail(new byte[0])).isEmpty();
        assertThat(ErrorBody.detail("  \n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theApisShapesAndAProxysPageAreRead() {
        assertThat(ErrorBody.detail("{\"message\": \"Agent run not found.\", \"status_code\": 404}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("Agent run not found.");
        assertThat(ErrorBody.detail("<html>Proxy Authentication Required</html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("the answer was an HTML page (a proxy or gateway error)");
    }
}
