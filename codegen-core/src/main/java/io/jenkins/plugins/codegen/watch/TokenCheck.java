package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;

/**
 * Refuses a token before any request, as the bridge's {@code _check_token} does and in its words:
 * none at all, or one with spaces, line breaks or other characters a token cannot have (a careless
 * paste), which would also break the request's header.
 */
final class TokenCheck {
    private TokenCheck() {
    }

    /** The refusal, or null for a token that may be sent. */
    static CodegenException refusal(String token) {
        if (token == null || token.isEmpty()) {
            return CodegenException.builder(ErrorType.AUTHENTICATION, "no API token: none was given for the wait")
                    .guidance("Give the task a Codegen API token (" + WatchGuidance.TOKEN_PAGE_URL + "): a Secret text "
                            + "credential in Jenkins, or CODEGEN_TOKEN on the command line.")
                    .retryable(false).build();
        }
        if (!token.chars().allMatch(c -> c > 32 && c <= 126)) {
            return CodegenException.builder(ErrorType.AUTHENTICATION, "the API token contains spaces, line breaks or "
                            + "other characters a token cannot have")
                    .guidance("Paste the token again (credential or CODEGEN_TOKEN), without surrounding spaces or a "
                            + "trailing newline.")
                    .retryable(false).build();
        }
        return null;
    }
}
