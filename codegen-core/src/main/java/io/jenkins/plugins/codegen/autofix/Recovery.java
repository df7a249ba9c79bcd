package io.jenkins.plugins.codegen.autofix;

import java.util.List;
import java.util.Optional;

/**
 * What a controller that starts again picks up, once.
 *
 * @param resume fixes whose bridge was launched before the restart: run each again with its
 *        {@link AutoFixEntry#runTag()}, which finds the agent run it may have made, never a second one
 * @param start fixes that were waiting or about to start: start them as new (nothing of theirs can
 *        exist at Codegen); the others stay queued and come out of {@link AutoFixQueue#finished}
 * @param givenUp a line for each fix that was handed out {@link AutoFixQueue#MAX_STARTS} times without
 *        finishing, and is dropped so that a fix that brings the controller down cannot do so for ever
 * @param problem what was wrong with the queue file, if it could not be read
 */
public record Recovery(List<AutoFixEntry> resume, List<AutoFixEntry> start, List<String> givenUp,
                       Optional<String> problem) {
    public Recovery {
        resume = List.copyOf(resume);
        start = List.copyOf(start);
        givenUp = List.copyOf(givenUp);
    }
}
