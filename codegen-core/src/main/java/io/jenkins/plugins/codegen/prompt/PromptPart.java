package io.jenkins.plugins.codegen.prompt;

/** The parts of a prompt, in the order they appear in it, each under its own {@code ##} heading. */
enum PromptPart {
    TASK("Task"),
    DESCRIPTION("Description"),
    REQUIREMENTS("Requirements"),
    ACCEPTANCE_CRITERIA("Acceptance criteria"),
    TECHNICAL_CONTEXT("Technical context"),
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
        this.headingLine = "## " + heading + "\n";
    }

    /** The heading line, with its line break. */
    String headingLine() {
        return headingLine;
    }
}
