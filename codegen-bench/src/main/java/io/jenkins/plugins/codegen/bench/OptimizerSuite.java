package io.jenkins.plugins.codegen.bench;

import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.prompt.OptimizedPrompt;
import io.jenkins.plugins.codegen.prompt.PromptOptimizer;
import io.jenkins.plugins.codegen.prompt.PromptOptions;
import io.jenkins.plugins.codegen.task.CodegenTask;
import io.jenkins.plugins.codegen.task.TaskContext;
import java.util.ArrayList;
import java.util.List;

/** The prompt optimizer on a large context: time per call and what comes out, per level and cap. */
final class OptimizerSuite implements Suite {
    static final int[] CAPS = {PromptOptions.DEFAULT_MAX_PROMPT_LENGTH, PromptOptions.LARGEST_MAX_PROMPT_LENGTH};
    /** Enough calls for the JIT to compile the optimizer before the timed ones. */
    private static final int WARMUP_CALLS = 500;
    private static final int CALLS = 1_000;

    @Override
    public String name() {
        return "optimizer";
    }

    @Override
    public SuiteReport run(Machine machine) throws Exception {
        CodegenTask task = Fixtures.bigTask();
        TaskContext context = Fixtures.bigContext();
        Table table = new Table("Per call, after " + WARMUP_CALLS + " warm-up calls, " + CALLS + " timed calls each:",
                "level", "cap", "median", "p90", "prompt length", "full length", "shed to fit");
        List<Measure> measures = new ArrayList<>();
        boolean allFit = true;
        long slowest = 0;
        String slowestCase = "";
        for (int cap : CAPS) {
            for (OptimizationLevel level : OptimizationLevel.values()) {
                PromptOptimizer optimizer = new PromptOptimizer(PromptOptions.defaults().withLevel(level)
                        .withMaxPromptLength(cap));
                OptimizedPrompt prompt = null;
                Samples samples = new Samples();
                for (int i = 0; i < WARMUP_CALLS + CALLS; i++) {
                    long started = System.nanoTime();
                    prompt = optimizer.optimize(task, context);
                    long elapsed = System.nanoTime() - started;
                    if (i >= WARMUP_CALLS) {
                        samples.add(elapsed);
                    }
                }
                allFit &= prompt.finalLength() <= cap;
                if (samples.median() > slowest) {
                    slowest = samples.median();
                    slowestCase = level.wireName() + ", cap " + Units.grouped(cap);
                }
                table.row(level.wireName(), Units.grouped(cap), Units.micros(samples.median()),
                        Units.micros(samples.percentile(90)), Units.grouped(prompt.finalLength()),
                        Units.grouped(prompt.originalLength()),
                        prompt.shed().isEmpty() ? "nothing" : String.join("; ", prompt.shed()));
                if (cap == PromptOptions.DEFAULT_MAX_PROMPT_LENGTH) {
                    measures.add(Measure.info("Optimizer, " + level.wireName() + " at the default cap: time per call, "
                                    + "length", Units.micros(samples.median()) + ", "
                                    + Units.grouped(prompt.finalLength()) + " chars"));
                }
            }
        }
        measures.add(Measure.info("Optimizer, slowest case: time per call", Units.micros(slowest) + " (" + slowestCase
                + ")"));
        measures.add(Measure.check("Optimizer: every prompt within its cap", allFit ? "yes" : "no",
                "length ≤ cap", allFit));
        return new SuiteReport("Prompt optimizer",
                "`PromptOptimizer.optimize` on a large task and context (a 5,000-character description, 40 "
                        + "acceptance criteria, 30 affected files, 20 related tasks; 1,000 existing files and 200 "
                        + "dependencies), per level, at the default cap of 8,000 characters and uncapped (100,000, "
                        + "the largest allowed). Time per call is for information; the prompt must respect its cap.",
                measures, List.of(table), List.of());
    }
}
