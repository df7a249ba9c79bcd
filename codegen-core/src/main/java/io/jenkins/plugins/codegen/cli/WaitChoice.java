package io.jenkins.plugins.codegen.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-wait}: whether the command follows the agent run to its end or returns once the run
 * has its work. When it returns differs by command, so each command's wording is in
 * {@code OptionTexts.properties} under {@code codegen.<command>.no-wait}.
 */
final class WaitChoice {
    @Option(names = "--no-wait", descriptionKey = "no-wait", description = "Return as soon as the agent run has its "
            + "work: print its id, exit 0; follow it later with codegen wait RUN_ID.")
    boolean noWait;

    /** Whether the engine follows the run to its end. */
    boolean waits() {
        return !noWait;
    }
}
