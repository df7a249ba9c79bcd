package io.jenkins.plugins.codegen.task;

import java.util.List;
import java.util.Objects;

/**
 * Where the work happens and what is there already. Text is never null (empty when not given) and
 * the lists are unmodifiable copies.
 *
 * @param repository the GitHub repository, as {@code owner/name} or its URL; empty when not given
 * @param branch the branch to work on; empty to let the agent create one
 * @param existingFiles files of the repository worth knowing about
 * @param dependencies libraries the project uses
 */
public record CodebaseContext(String repository, String branch, List<String> existingFiles,
        List<String> dependencies) {

    private static final CodebaseContext EMPTY = new CodebaseContext("", "", List.of(), List.of());

    public CodebaseContext {
        repository = Objects.requireNonNullElse(repository, "");
        branch = Objects.requireNonNullElse(branch, "");
        existingFiles = List.copyOf(Objects.requireNonNullElse(existingFiles, List.of()));
        dependencies = List.copyOf(Objects.requireNonNullElse(dependencies, List.of()));
    }

    public static CodebaseContext empty() {
        return EMPTY;
    }
}
