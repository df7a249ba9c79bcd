package io.jenkins.plugins.codegen.integrator;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The tag an agent run is created with ({@code client_request_id} in its metadata), by which a
 * later attempt finds the run instead of creating another.
 *
 * @param value the tag
 * @param lookFirst whether even the first attempt looks for a run carrying the tag before creating
 *        one: true when the tag is derived from what the run is for, so that an earlier task with
 *        the same purpose (a fix of the same failure, say) may have made it already
 */
public record ClientRequestId(String value, boolean lookFirst) {
    /**
     * How long after its creation a run with a {@link #reusable} tag is still found by a later task
     * with the same purpose (a rebuild of the same commit that fails the same way follows the first
     * fix's run): the search pages back through the organization's runs as far as this, however many
     * runs were made since. Older runs may be missed, and a new run is made.
     */
    public static final Duration REUSE_WINDOW = Duration.ofDays(7);

    public ClientRequestId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a client request id must not be blank");
        }
    }

    /** A tag of its own for one task: only that task's retries look for it. */
    public static ClientRequestId random() {
        return new ClientRequestId(UUID.randomUUID().toString(), false);
    }

    /** A tag that any task with the same purpose derives alike; the first attempt already looks for it. */
    public static ClientRequestId reusable(String value) {
        return new ClientRequestId(value, true);
    }
}
