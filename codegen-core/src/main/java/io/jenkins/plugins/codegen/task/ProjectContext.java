package io.jenkins.plugins.codegen.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the project is built and run. Besides the two well-known facts, users record anything else
 * (team conventions, compliance rules, ...) as free-form entries.
 *
 * @param architecture e.g. {@code microservices}; empty when not given
 * @param deployment e.g. {@code kubernetes}; empty when not given
 * @param entries any other facts, name to value, in the order the user gave them (the prompt lists
 *                them in that order, so it must not depend on hashing)
 */
public record ProjectContext(String architecture, String deployment, Map<String, String> entries) {

    private static final ProjectContext EMPTY = new ProjectContext("", "", Map.of());

    public ProjectContext {
        architecture = Objects.requireNonNullElse(architecture, "");
        deployment = Objects.requireNonNullElse(deployment, "");
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(entries, Map.of())));
    }

    public static ProjectContext empty() {
        return EMPTY;
    }
}
