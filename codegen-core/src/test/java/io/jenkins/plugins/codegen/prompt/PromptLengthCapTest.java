package io.jenkins.plugins.codegen.prompt;

import static io.jenkins.plugins.codegen.prompt.PromptFixtures.ACCEPTANCE_CRITERIA;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.EXISTING_FILES;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.TITLE;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.bigContext;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.bigTask;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.headings;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.numbered;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.optimize;
import static io.jenkins.plugins.codegen.prompt.PromptFixtures.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.task.CodebaseContext;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cap on the prompt's length, and what is shed to keep it, with a task far too big for any prompt. */
class PromptLengthCapTest {
    /** The order in which parts are shed, by the names the shed list uses. */
    private static final List<String> SHEDDING_ORDER = List.of("examples", "project context", "related tasks",
            "quality checklist", "existing files", "dependencies", "affected files", "description",
            "acceptance criteria");
    private static final Pattern AT_LEAST = Pattern.compile("at least ([\\d,]+)");

    private static final CodegenTask TASK = bigTask();
    private static final TaskContext CONTEXT = bigContext();

    static Stream<Arguments> levelsAndCaps() {
        int[] caps = {200, 300, 500, 800, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000, 12_000, 20_000, 50_000,
            100_000};
        return Arrays.stream(OptimizationLevel.values())
                .flatMap(level -> Arrays.stream(caps).mapToObj(cap -> Arguments.of(level, cap)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("levelsAndCaps")
    void neverExceedsTheCapAndNeverShedsTheTitleOrRequirements(OptimizationLevel level, int cap)
            throws CodegenException {
        int smallestCap = smallestCap(level);
        if (cap < smallestCap) {
            assertThat(catchThrowableOfType(CodegenException.class, () -> optimize(TASK, CONTEXT, level, cap)))
                    .isNotNull();
            return;
        }

        OptimizedPrompt prompt = optimize(TASK, CONTEXT, level, cap);

        assertThat(prompt.finalLength()).isLessThanOrEqualTo(cap).isEqualTo(prompt.text().length());
        assertThat(prompt.text()).startsWith("# " + TITLE + "\n");
        assertThat(section(prompt.text(), "Requirements"))
                .containsExactlyElementsOf(TASK.requirements().stream().map(r -> "- " + r).toList());
        List<String> shed = names(prompt.shed());
        assertThat(shed).isEqualTo(sheddingOrder(level).subList(0, shed.size()));
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void shedsEveryPartInOrderAtTheSmallestCapThatFits(OptimizationLevel level) throws CodegenException {
        int smallestCap = smallestCap(level);

        OptimizedPrompt prompt = optimize(TASK, CONTEXT, level, smallestCap);

        assertThat(prompt.finalLength()).isEqualTo(smallestCap);
        assertThat(names(prompt.shed())).containsExactlyElementsOf(sheddingOrder(level));
        assertThat(catchThrowableOfType(CodegenException.class, () -> optimize(TASK, CONTEXT, level, smallestCap - 1)))
                .isNotNull();
    }

    @Test
    void stopsAsSoonAsThePromptFits() throws CodegenException {
        int cap = optimize(TASK, CONTEXT, OptimizationLevel.COMPREHENSIVE, 100_000).finalLength();
        List<String> expected = new ArrayList<>();

        // Each cap is one less than the last prompt, so exactly one more part has to go.
        for (String part : List.of("examples", "project context", "related tasks", "quality checklist",
                "existing files (kept 999 of 1,000)")) {
            OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.COMPREHENSIVE, cap - 1);
            expected.add(part);
            assertThat(prompt.shed()).containsExactlyElementsOf(expected);
            cap = prompt.finalLength();
        }
    }

    @Test
    void removesShedSectionsEntirely() throws CodegenException {
        OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.COMPREHENSIVE, 20_000);

        assertThat(prompt.shed()).startsWith("examples", "project context", "related tasks", "quality checklist");
        assertThat(headings(prompt.text())).doesNotContain("Example", "Project context", "Related tasks",
                "Quality checklist");
        assertThat(prompt.text()).doesNotContain("convention_0", "Earlier work on area");
    }

    @Test
    void keepsAsManyExistingFilesAsFit() throws CodegenException {
        int cap = 20_000;

        OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.COMPREHENSIVE, cap);

        String cut = prompt.shed().get(prompt.shed().size() - 1);
        assertThat(cut).matches("existing files \\(kept \\d+ of 1,000\\)");
        int kept = Integer.parseInt(cut.replaceAll("\\D+", " ").trim().split(" ")[0]);
        assertThat(kept).isBetween(6, EXISTING_FILES - 1);
        List<String> files = CONTEXT.codebase().existingFiles();
        assertThat(section(prompt.text(), "Existing files")).containsExactlyElementsOf(Stream.concat(
                files.subList(0, kept).stream().map(file -> "- " + file),
                Stream.of("- … +" + (EXISTING_FILES - kept) + " more")).toList());
        int oneMoreFile = ("- " + files.get(kept) + "\n").length()
                + moreLine(EXISTING_FILES - kept - 1).length() - moreLine(EXISTING_FILES - kept).length();
        assertThat(prompt.finalLength() + oneMoreFile).isGreaterThan(cap);
    }

    @Test
    void cutsLongListsToNoFewerThanFiveItems() throws CodegenException {
        OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.COMPREHENSIVE, 8_000);

        assertThat(prompt.shed()).contains("existing files (kept 5 of 1,000)", "dependencies (kept 5 of 200)",
                "affected files (kept 5 of 30)");
        assertThat(section(prompt.text(), "Dependencies")).containsExactly("- library-000@0.0.0",
                "- library-001@1.0.0", "- library-002@2.0.0", "- library-003@3.0.0", "- library-004@4.0.0",
                "- … +195 more");
    }

    @Test
    void leavesListsOfFiveOrFewerWhole() throws CodegenException {
        TaskContext fewFiles = new TaskContext(new CodebaseContext("", "", numbered(5, "src/f%d-%d.js"),
                List.of("express")), null);

        OptimizedPrompt prompt = optimize(TASK, fewFiles, OptimizationLevel.COMPREHENSIVE, 6_000);

        assertThat(names(prompt.shed())).doesNotContain("existing files", "dependencies").contains("description");
        assertThat(section(prompt.text(), "Existing files")).hasSize(5);
    }

    @Test
    void truncatesTheDescriptionVisiblyKeepingAsMuchAsFits() throws CodegenException {
        int cap = 2_000;

        OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.MINIMAL, cap);

        assertThat(prompt.shed()).singleElement().asString()
                .matches("description \\(truncated, [\\d,]+ characters omitted\\)");
        int omitted = Integer.parseInt(prompt.shed().get(0).replaceAll("[^\\d]", ""));
        String kept = TASK.description().substring(0, TASK.description().length() - omitted);
        assertThat(prompt.text()).contains("## Description\n" + kept + "\n[… description truncated: "
                + String.format(Locale.ROOT, "%,d", omitted) + " characters omitted …]\n\n## Requirements\n");
        assertThat(prompt.finalLength()).isEqualTo(cap);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_001, 1_002, 1_003, 1_004})
    void neverCutsACharacterInHalf(int cap) throws CodegenException {
        CodegenTask emoji = TASK.toBuilder().description("😀".repeat(3_000)).build();

        OptimizedPrompt prompt = optimize(emoji, CONTEXT, OptimizationLevel.MINIMAL, cap);

        assertThat(prompt.finalLength()).isLessThanOrEqualTo(cap);
        // A lone half of a surrogate pair is a code point of its own in that range.
        assertThat(prompt.text().codePoints())
                .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
        assertThat(prompt.text()).contains("😀\n[… description truncated:");
    }

    @Test
    void cutsAcceptanceCriteriaToWholeItemsAfterTheDescription() throws CodegenException {
        OptimizedPrompt prompt = optimize(TASK, CONTEXT, OptimizationLevel.STANDARD,
                smallestCap(OptimizationLevel.STANDARD) + 300);

        assertThat(prompt.shed()).hasSize(2);
        assertThat(prompt.shed().get(0)).isEqualTo("description (truncated, 5,000 characters omitted)");
        assertThat(prompt.shed().get(1)).matches("acceptance criteria \\(kept \\d of 40\\)");
        int kept = Integer.parseInt(prompt.shed().get(1).replaceAll(".*kept (\\d+) of.*", "$1"));
        assertThat(kept).isPositive();
        assertThat(section(prompt.text(), "Acceptance criteria")).containsExactlyElementsOf(Stream.concat(
                TASK.acceptanceCriteria().subList(0, kept).stream().map(criterion -> "- " + criterion),
                Stream.of("- … +" + (ACCEPTANCE_CRITERIA - kept) + " more")).toList());
        assertThat(section(prompt.text(), "Description"))
                .containsExactly("[… description truncated: 5,000 characters omitted …]");
    }

    @Test
    void refusesACapTooSmallForTheTitleAndRequirements() throws CodegenException {
        CodegenTask task = CodegenTask.builder().title(TITLE).description("Short.")
                .requirements(numbered(30,
                        "Requirement %d spells out, in about a hundred characters, rule %d of the new signup checks"))
                .build();

        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> optimize(task, TaskContext.empty(), OptimizationLevel.MINIMAL, 1_000));

        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        FieldError error = e.getFieldErrors().get(0);
        int needed = optimize(task, TaskContext.empty(), OptimizationLevel.MINIMAL, 100_000).finalLength();
        String titleAndRequirements = "# " + TITLE + "\n" + "## Requirements\n"
                + String.join("", task.requirements().stream().map(r -> "- " + r + "\n").toList());
        assertThat(error).isEqualTo(new FieldError("maxPromptLength", "is 1,000, but this task needs at least "
                + grouped(needed) + " characters: the title and requirements are never shed and alone take "
                + grouped(titleAndRequirements.length()),
                "Raise maxPromptLength to at least " + grouped(needed) + ", or shorten the title and requirements."));
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void reportsTheLengthOfTheFullPromptBeforeShedding(OptimizationLevel level) throws CodegenException {
        OptimizedPrompt full = optimize(TASK, CONTEXT, level, 100_000);

        OptimizedPrompt capped = optimize(TASK, CONTEXT, level, 4_000);

        assertThat(full.wasShortened()).isFalse();
        assertThat(capped.wasShortened()).isTrue();
        assertThat(capped.originalLength()).isEqualTo(full.originalLength()).isEqualTo(full.finalLength());
        assertThat(capped.finalLength()).isEqualTo(capped.text().length()).isLessThanOrEqualTo(4_000);
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void shedsTheSameWayEveryTime(OptimizationLevel level) throws CodegenException {
        assertThat(optimize(bigTask(), bigContext(), level, 8_000)).isEqualTo(optimize(TASK, CONTEXT, level, 8_000));
    }

    /** The parts of a prompt of this level that can be shed, in the order they are. */
    private static List<String> sheddingOrder(OptimizationLevel level) {
        return switch (level) {
            case MINIMAL -> List.of("description");
            case STANDARD -> List.of("description", "acceptance criteria");
            case COMPREHENSIVE -> SHEDDING_ORDER;
        };
    }

    /** The smallest cap the big task fits, as the optimizer's own error states it. */
    private static int smallestCap(OptimizationLevel level) {
        CodegenException e = catchThrowableOfType(CodegenException.class,
                () -> optimize(TASK, CONTEXT, level, PromptOptions.SMALLEST_MAX_PROMPT_LENGTH));
        Matcher matcher = AT_LEAST.matcher(e.getFieldErrors().get(0).remedy());
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1).replace(",", ""));
    }

    /** "existing files (kept 5 of 1,000)" is shed part "existing files". */
    private static List<String> names(List<String> shed) {
        return shed.stream().map(entry -> entry.replaceFirst(" \\(.*", "")).toList();
    }

    private static String moreLine(int omitted) {
        return "- … +" + grouped(omitted) + " more\n";
    }

    private static String grouped(int number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
