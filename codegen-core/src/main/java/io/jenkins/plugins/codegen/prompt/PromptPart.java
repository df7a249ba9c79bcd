package io.jenkins.plugins.codegen.prompt;

/**
 * The parts of a prompt, in the order they appear in it. The task's title is the prompt's own
 * {@code #} heading (so a reader, and an agent naming its pull request, sees it first); every other
 * part stands under its own {@code ##} heading.
 */
enum PromptPart {
    TASK(null),
    DESCRIPTION("Description"),
    REQUIREMENTS("Requirements"),
    ACCEPTANCE_CRITERIA("Acceptance criteria"),
    TECHNICAL_CONTEXT("Technical context"),
    FAILED_TESTS("Failed tests"),
    LOG_EXCERPT("Console log before the failure"),
    EXISTING_FILES("Existing files"),
    DEPENDENCIES("Dependencies"),
    AFFECTED_FILES("Affected files"),
    PROJECT_CONTEXT("Project context"),
    RELATED_TASKS("Related tasks"),
    DELIVERY("What to deliver"),
    QUALITY_CHECKLIST("Quality checklist"),
    EXAMPLE("Example");

    private final String headingLine;

    PromptPart(String heading) {
        this.headingLine = heading == null ? "# " : "## " + heading + "\n";
    }

    /** The heading line, with its line break. */
    String headingLine() {
        return headingLine;
    }
}
