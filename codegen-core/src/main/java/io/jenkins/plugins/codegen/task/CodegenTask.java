package io.jenkins.plugins.codegen.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A coding task for the Codegen agent. Immutable; made with {@link #builder()}.
 *
 * <p>Text is never null: a field that was not given is empty. Lists are never null either, and are
 * unmodifiable copies, so a task cannot change after it was validated. Whether the content is
 * acceptable is for {@link TaskValidator} to say; the model holds whatever it was given.
 */
public final class CodegenTask {
    private final String id;
    private final TaskType type;
    private final String title;
    private final String description;
    private final List<String> requirements;
    private final List<String> acceptanceCriteria;
    private final Integer complexityScore;
    private final Priority priority;
    private final String language;
    private final String framework;
    private final String testingFramework;
    private final List<String> affectedFiles;
    private final List<RelatedTask> relatedTasks;

    private CodegenTask(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.title = b.title;
        this.description = b.description;
        this.requirements = b.requirements;
        this.acceptanceCriteria = b.acceptanceCriteria;
        this.complexityScore = b.complexityScore;
        this.priority = b.priority;
        this.language = b.language;
        this.framework = b.framework;
        this.testingFramework = b.testingFramework;
        this.affectedFiles = b.affectedFiles;
        this.relatedTasks = b.relatedTasks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this task's values, to derive a changed copy. */
    public Builder toBuilder() {
        return builder().id(id).type(type).title(title).description(description).requirements(requirements)
                .acceptanceCriteria(acceptanceCriteria).complexityScore(complexityScore).priority(priority)
                .language(language).framework(framework).testingFramework(testingFramework)
                .affectedFiles(affectedFiles).relatedTasks(relatedTasks);
    }

    /** The id in the user's tracker, e.g. {@code task-123}. */
    public String id() {
        return id;
    }

    public TaskType type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<String> requirements() {
        return requirements;
    }

    public List<String> acceptanceCriteria() {
        return acceptanceCriteria;
    }

    /** How hard the user rates the task, from 1 to 10. */
    public Optional<Integer> complexityScore() {
        return Optional.ofNullable(complexityScore);
    }

    public Optional<Priority> priority() {
        return Optional.ofNullable(priority);
    }

    /** The programming language, e.g. {@code Java}. */
    public String language() {
        return language;
    }

    /** e.g. {@code Spring Boot}. */
    public String framework() {
        return framework;
    }

    /** e.g. {@code JUnit 5}. */
    public String testingFramework() {
        return testingFramework;
    }

    /** Files the task is expected to change. */
    public List<String> affectedFiles() {
        return affectedFiles;
    }

    public List<RelatedTask> relatedTasks() {
        return relatedTasks;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CodegenTask)) {
            return false;
        }
        CodegenTask other = (CodegenTask) o;
        return id.equals(other.id) && type == other.type && title.equals(other.title)
                && description.equals(other.description) && requirements.equals(other.requirements)
                && acceptanceCriteria.equals(other.acceptanceCriteria)
                && Objects.equals(complexityScore, other.complexityScore) && priority == other.priority
                && language.equals(other.language) && framework.equals(other.framework)
                && testingFramework.equals(other.testingFramework) && affectedFiles.equals(other.affectedFiles)
                && relatedTasks.equals(other.relatedTasks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, title, description, requirements, acceptanceCriteria, complexityScore,
                priority, language, framework, testingFramework, affectedFiles, relatedTasks);
    }

    /** Identifies the task without dumping its (possibly long) content. */
    @Override
    public String toString() {
        return "CodegenTask[id=" + id + ", type=" + type.wireName() + ", title=" + title + "]";
    }

    /**
     * Collects the fields of a {@link CodegenTask}. A null argument means "not given": empty text,
     * an empty list, no score or priority, and {@link TaskType#IMPLEMENTATION} for the type. List
     * elements must not be null.
     */
    public static final class Builder {
        private String id = "";
        private TaskType type = TaskType.IMPLEMENTATION;
        private String title = "";
        private String description = "";
        private List<String> requirements = List.of();
        private List<String> acceptanceCriteria = List.of();
        private Integer complexityScore;
        private Priority priority;
        private String language = "";
        private String framework = "";
        private String testingFramework = "";
        private List<String> affectedFiles = List.of();
        private List<RelatedTask> relatedTasks = List.of();

        private Builder() {
        }

        public Builder id(String value) {
            this.id = text(value);
            return this;
        }

        public Builder type(TaskType value) {
            this.type = Objects.requireNonNullElse(value, TaskType.IMPLEMENTATION);
            return this;
        }

        public Builder title(String value) {
            this.title = text(value);
            return this;
        }

        public Builder description(String value) {
            this.description = text(value);
            return this;
        }

        public Builder requirements(List<String> value) {
            this.requirements = list(value);
            return this;
        }

        public Builder acceptanceCriteria(List<String> value) {
            this.acceptanceCriteria = list(value);
            return this;
        }

        public Builder complexityScore(Integer value) {
            this.complexityScore = value;
            return this;
        }

        public Builder priority(Priority value) {
            this.priority = value;
            return this;
        }

        public Builder language(String value) {
            this.language = text(value);
            return this;
        }

        public Builder framework(String value) {
            this.framework = text(value);
            return this;
        }

        public Builder testingFramework(String value) {
            this.testingFramework = text(value);
            return this;
        }

        public Builder affectedFiles(List<String> value) {
            this.affectedFiles = list(value);
            return this;
        }

        public Builder relatedTasks(List<RelatedTask> value) {
            this.relatedTasks = list(value);
            return this;
        }

        public CodegenTask build() {
            return new CodegenTask(this);
        }

        private static String text(String value) {
            return Objects.requireNonNullElse(value, "");
        }

        private static <T> List<T> list(List<T> value) {
            return value == null ? List.of() : List.copyOf(value);
        }
    }
}
