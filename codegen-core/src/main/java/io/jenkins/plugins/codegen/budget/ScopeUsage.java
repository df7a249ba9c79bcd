package io.jenkins.plugins.codegen.budget;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * The runs one scope started in the last 24 hours, oldest first, as epoch milliseconds, and the
 * limits it had at its last run. A day's times and no more are kept, at most
 * {@link BudgetLimits#MAX_LIMIT} of them: enough to answer both windows exactly for any limit.
 */
final class ScopeUsage {
    private final BudgetScope scope;
    private final BudgetLimits limits;
    private final ArrayDeque<Long> takes;

    ScopeUsage(BudgetScope scope, BudgetLimits limits, List<Long> takes) {
        this.scope = scope;
        this.limits = limits;
        this.takes = new ArrayDeque<>(takes.stream().sorted().toList());
    }

    BudgetScope scope() {
        return scope;
    }

    BudgetLimits limits() {
        return limits;
    }

    List<Long> takes() {
        return List.copyOf(takes);
    }

    boolean isEmpty() {
        return takes.isEmpty();
    }

    /** The same runs under another scope or limits (a rename, the limits of a newer request). */
    ScopeUsage as(BudgetScope newScope, BudgetLimits newLimits) {
        return new ScopeUsage(newScope, newLimits, List.copyOf(takes));
    }

    /** Runs started in the window that ends now. */
    int used(BudgetWindow window, long now) {
        long since = now - window.length().toMillis();
        int count = 0;
        for (Iterator<Long> newest = takes.descendingIterator(); newest.hasNext() && newest.next() > since; ) {
            count++;
        }
        return count;
    }

    /**
     * When the window has room again for one more run under {@code limit} (1 or more), given that it
     * is full now: the {@code limit}-th newest run leaves the window then.
     */
    long freesAt(BudgetWindow window, int limit) {
        Iterator<Long> newest = takes.descendingIterator();
        long time = Long.MIN_VALUE;
        for (int i = 0; i < limit && newest.hasNext(); i++) {
            time = newest.next();
        }
        return time + window.length().toMillis();
    }

    /** A run started now; a clock that went back is not allowed to put it before the last one. */
    void add(long now) {
        Long last = takes.peekLast();
        takes.addLast(last == null ? now : Math.max(now, last));
    }

    /** Gives back one run taken at {@code time}, if it is still counted. */
    boolean remove(long time) {
        return takes.removeLastOccurrence(time);
    }

    /** Forgets what no window can count any more. */
    void prune(long now) {
        long since = now - BudgetWindow.DAY.length().toMillis();
        while (!takes.isEmpty() && takes.peekFirst() <= since) {
            takes.removeFirst();
        }
        while (takes.size() > BudgetLimits.MAX_LIMIT) {
            takes.removeFirst();
        }
    }
}
