package io.jenkins.plugins.codegen.budget;

import java.util.Objects;

/**
 * Where a budget applies: the whole controller, a folder (and everything in it), or a job. A scope
 * is identified by its {@link #key()}, the item's full name ({@code team-a/sub}), or the empty key
 * for the global scope: Jenkins never has a folder and a job of the same full name, so the key alone
 * tells scopes apart, and a folder's key is a prefix of everything inside it (which is how
 * {@link BudgetLedger#forget} and {@link BudgetLedger#rename} reach the scopes inside a folder).
 *
 * @param kind what the scope is, for the messages and the management page
 * @param key the item's full name, {@code /}-separated; empty for the global scope
 */
public record BudgetScope(Kind kind, String key) {

    /** What kind of item a scope is. */
    public enum Kind {
        GLOBAL("the global budget"),
        FOLDER("folder"),
        JOB("job"),
        /** A multibranch project: the job of every branch and pull request it builds, for budgets. */
        MULTIBRANCH("multibranch project");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final BudgetScope GLOBAL = new BudgetScope(Kind.GLOBAL, "");

    public BudgetScope {
        Objects.requireNonNull(kind, "kind");
        key = normalize(key);
        if ((kind == Kind.GLOBAL) != key.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.GLOBAL ? "the global scope has no item name"
                    : "a " + kind.label() + " scope needs the item's full name");
        }
    }

    public static BudgetScope global() {
        return GLOBAL;
    }

    public static BudgetScope folder(String fullName) {
        return new BudgetScope(Kind.FOLDER, fullName);
    }

    public static BudgetScope job(String fullName) {
        return new BudgetScope(Kind.JOB, fullName);
    }

    public static BudgetScope multibranch(String fullName) {
        return new BudgetScope(Kind.MULTIBRANCH, fullName);
    }

    /** {@code team-a/sub/} and {@code /team-a/sub} are {@code team-a/sub}. */
    static String normalize(String fullName) {
        String name = Objects.requireNonNullElse(fullName, "").strip();
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** Whether {@code other} is this scope or inside it (a job in this folder, a sub-folder). */
    boolean contains(String otherKey) {
        return key.isEmpty() || otherKey.equals(key) || otherKey.startsWith(key + "/");
    }

    /** {@code the global budget}, {@code folder team-a/sub}, {@code job team-a/webapp}. */
    public String describe() {
        if (kind == Kind.GLOBAL) {
            return kind.label();
        }
        String name = kind.label() + " " + key;
        return kind == Kind.MULTIBRANCH ? name + " (all its branches and pull requests together)" : name;
    }

    @Override
    public String toString() {
        return describe();
    }
}
