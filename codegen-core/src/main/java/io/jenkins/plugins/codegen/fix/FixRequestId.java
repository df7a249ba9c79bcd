package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The tag of a fix's agent run, derived from what the fix is for: the job, the commit and the
 * failure's signature. A later build of the same commit that fails the same way derives the same
 * tag, so the engine's exactly-once lookup finds the run the first fix started instead of starting
 * another. Forcing mixes in a nonce: a new tag, a new run.
 */
public final class FixRequestId {
    static final String PREFIX = "codegen-fix-";

    private FixRequestId() {
    }

    /** The same for the same job, commit and signature; the first attempt looks for an earlier run. */
    public static ClientRequestId of(String job, String commit, FailureSignature signature) {
        return ClientRequestId.reusable(PREFIX + digest(job, commit.toLowerCase(Locale.ROOT), signature.value()));
    }

    /** A tag no earlier fix has: the fix asks again even if one ran for the same failure. */
    public static ClientRequestId forced(String job, String commit, FailureSignature signature) {
        // Nothing can carry a fresh tag yet, so there is nothing to look for first.
        return new ClientRequestId(PREFIX + digest(job, commit, signature.value(), UUID.randomUUID().toString()),
                false);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                // Each part is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
                byte[] bytes = part.strip().getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
