package io.jenkins.plugins.codegen.plugin.budget;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the budgets' counts with their items: a deleted folder or job is forgotten, with everything
 * inside it (the scopes above keep the runs it started, which did run); a renamed or moved one takes
 * its counts to its new name. A branch job of a multibranch project has no scope of its own, so its
 * deletion (its branch went away) leaves the project's counts as they are.
 */
@Extension
public class BudgetItemListener extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(BudgetItemListener.class.getName());

    @Override
    public void onDeleted(Item item) {
        try {
            CodegenBudgets.get().ledger().forget(item.getFullName());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Codegen budgets after " + item.getFullName()
                    + " was deleted", e);
        }
    }

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        try {
            CodegenBudgets.get().ledger().rename(oldFullName, newFullName);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Codegen budgets after " + oldFullName + " became "
                    + newFullName, e);
        }
    }
}
