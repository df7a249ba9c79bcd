package io.jenkins.plugins.codegen.plugin.budget;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import io.jenkins.plugins.codegen.budget.BudgetLedger;
import java.nio.file.Path;
import java.time.Clock;
import jenkins.model.Jenkins;

/**
 * The controller's one budget ledger, in {@code JENKINS_HOME/codegen-budgets.json}: every agent run
 * of every job is counted in it, under its one lock, so that builds racing for the last unit of a
 * folder cannot both get it. Opened when Jenkins starts, so that a corrupt file is logged (and the
 * budgets fail closed) at once rather than at the first task.
 */
@Extension
public class CodegenBudgets {
    static final String FILE_NAME = "codegen-budgets.json";

    private BudgetLedger ledger;

    public static CodegenBudgets get() {
        return ExtensionList.lookupSingleton(CodegenBudgets.class);
    }

    @Initializer(after = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void openAtStart() {
        get().ledger();
    }

    /** The ledger, read from its file on first use. */
    public synchronized BudgetLedger ledger() {
        if (ledger == null) {
            ledger = BudgetLedger.open(file(), Clock.systemDefaultZone());
        }
        return ledger;
    }

    static Path file() {
        return Jenkins.get().getRootDir().toPath().resolve(FILE_NAME);
    }
}
