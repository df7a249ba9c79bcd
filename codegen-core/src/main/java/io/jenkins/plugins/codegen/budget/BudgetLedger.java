package io.jenkins.plugins.codegen.budget;

import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.store.JsonStateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the agent runs of every budget scope and refuses a run that would go over a limit.
 *
 * <p>A request names every scope a run counts in (global, each folder, the job; see
 * {@link BudgetScopes}) with its current limits, and {@link #take} is all or nothing: either every
 * scope has room and each takes one unit, or none takes anything and the refusal names the first
 * scope that is full. One lock guards every scope, so two builds that ask in the same millisecond
 * cannot both take the last unit of a folder they share; requests are rare (one per agent run), so
 * one lock costs nothing worth a finer design.
 *
 * <p>Durable: every change is saved before {@link #take} returns (a take that cannot be saved is
 * undone and refused), and {@link #open} reads the file back after a restart. A file that cannot be
 * read fails closed: every window that has a limit counts as full for one window's length from the
 * start, since the runs it recorded are unknown; {@link #resetFailClosed} lifts that early.
 */
public final class BudgetLedger {
    private static final Logger LOGGER = Logger.getLogger(BudgetLedger.class.getName());

    private final Clock clock;
    private final JsonStateFile<LedgerState> file;
    private final Map<String, ScopeUsage> scopes = new TreeMap<>();
    private Long failClosedSince;
    private String failClosedProblem;

    private BudgetLedger(Clock clock, JsonStateFile<LedgerState> file) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = file;
    }

    /** A ledger that keeps nothing on disk: for the command line and tests. */
    public static BudgetLedger inMemory(Clock clock) {
        return new BudgetLedger(clock, null);
    }

    /** The ledger saved in {@code path}; a missing file is a first start, a corrupt one fails closed. */
    public static BudgetLedger open(Path path, Clock clock) {
        BudgetLedger ledger = new BudgetLedger(clock, new JsonStateFile<>(path, LedgerState.class));
        Instant now = clock.instant();
        JsonStateFile.Loaded<LedgerState> loaded = ledger.file.load(now);
        if (loaded instanceof JsonStateFile.Loaded.Read<LedgerState> read) {
            ledger.restore(read.value(), now.toEpochMilli());
        } else if (loaded instanceof JsonStateFile.Loaded.Corrupt<LedgerState> corrupt) {
            String problem = ledger.file.path() + " " + corrupt.problem()
                    + corrupt.setAside().map(aside -> "; it was set aside as " + aside).orElse("");
            LOGGER.log(Level.SEVERE, "Codegen budget file {0}. Every budget with a limit counts as used up for "
                    + "one window from now (fail closed).", problem);
            ledger.failClosedSince = now.toEpochMilli();
            ledger.failClosedProblem = problem;
            ledger.saveOrLog("the fail-closed start");
        }
        return ledger;
    }

    private void restore(LedgerState state, long now) {
        for (LedgerState.ScopeRecord scope : state.scopes()) {
            // A time after now comes from a clock that went back; it counts as now, not for longer.
            ScopeUsage usage = scope.toUsage();
            ScopeUsage clamped = new ScopeUsage(usage.scope(), usage.limits(),
                    usage.takes().stream().map(t -> Math.min(t, now)).toList());
            clamped.prune(now);
            if (!clamped.isEmpty()) {
                scopes.put(scope.key(), clamped);
            }
        }
        failClosedSince = state.failClosedSince();
        failClosedProblem = state.failClosedProblem();
    }

    /**
     * Takes one unit in every scope of the request, or none.
     *
     * @param request the scopes the run counts in, each once, with their current limits
     * @return what was taken, to {@link #giveBack} should no run be created after all
     * @throws CodegenException of type {@code budget}, naming the first full scope, its limit, its window
     *         and when it frees up; nothing was taken
     */
    public synchronized BudgetGrant take(List<ScopeBudget> request) throws CodegenException {
        if (request.isEmpty()) {
            throw new IllegalArgumentException("a budget request names at least the global scope");
        }
        Set<String> keys = new HashSet<>();
        for (ScopeBudget budget : request) {
            if (!keys.add(budget.scope().key())) {
                throw new IllegalArgumentException(budget.scope() + " is named twice in one request");
            }
        }
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        List<BudgetRefusal.Full> full = new ArrayList<>();
        for (ScopeBudget budget : request) {
            full.addAll(fullWindows(budget, millis));
        }
        if (!full.isEmpty()) {
            throw BudgetRefusal.of(full, now, clock.getZone(), failClosedProblem);
        }
        Map<String, ScopeUsage> before = new HashMap<>();
        for (ScopeBudget budget : request) {
            String key = budget.scope().key();
            ScopeUsage old = scopes.get(key);
            before.put(key, old);
            ScopeUsage usage = old == null ? new ScopeUsage(budget.scope(), budget.limits(), List.of())
                    : old.as(budget.scope(), budget.limits());
            usage.add(millis);
            usage.prune(millis);
            scopes.put(key, usage);
        }
        try {
            save(millis);
        } catch (IOException e) {
            before.forEach((key, old) -> {
                if (old == null) {
                    scopes.remove(key);
                } else {
                    scopes.put(key, old);
                }
            });
            throw BudgetRefusal.unsaved(String.valueOf(file.path()), e);
        }
        return new BudgetGrant(request.stream().map(b -> b.scope().key()).toList(), now);
    }

    private List<BudgetRefusal.Full> fullWindows(ScopeBudget budget, long now) {
        List<BudgetRefusal.Full> full = new ArrayList<>();
        ScopeUsage usage = scopes.get(budget.scope().key());
        for (BudgetWindow window : BudgetWindow.values()) {
            Integer limit = budget.limits().limit(window);
            if (limit == null) {
                continue;
            }
            int used = usage == null ? 0 : usage.used(window, now);
            Optional<Long> closedUntil = failClosedUntil(window, now);
            if (limit == 0) {
                full.add(new BudgetRefusal.Full(budget, window, 0, used, null, false));
            } else if (used >= limit || closedUntil.isPresent()) {
                long countFrees = used >= limit ? usage.freesAt(window, limit) : Long.MIN_VALUE;
                long frees = Math.max(countFrees, closedUntil.orElse(Long.MIN_VALUE));
                full.add(new BudgetRefusal.Full(budget, window, limit, used, Instant.ofEpochMilli(frees),
                        closedUntil.isPresent() && frees == closedUntil.get()));
            }
        }
        return full;
    }

    /** While the ledger fails closed for this window: until when. */
    private Optional<Long> failClosedUntil(BudgetWindow window, long now) {
        if (failClosedSince == null) {
            return Optional.empty();
        }
        long until = failClosedSince + window.length().toMillis();
        return now < until ? Optional.of(until) : Optional.empty();
    }

    /**
     * Gives back the units of a request whose agent run was never created (the input turned out to
     * be invalid, the create request was refused), so that it does not count. A unit that has left
     * its windows meanwhile, or a scope forgotten meanwhile, is skipped.
     */
    public synchronized void giveBack(BudgetGrant grant) {
        long time = grant.takenAt().toEpochMilli();
        boolean changed = false;
        for (String key : grant.scopes()) {
            ScopeUsage usage = scopes.get(key);
            if (usage != null && usage.remove(time)) {
                changed = true;
                if (usage.isEmpty()) {
                    scopes.remove(key);
                }
            }
        }
        if (changed) {
            saveOrLog("a given-back run");
        }
    }

    /**
     * Forgets a deleted folder or job and every scope inside it; the other scopes' counts, the
     * global one included, keep the runs it started, which did happen.
     */
    public synchronized void forget(String fullName) throws IOException {
        BudgetScope gone = new BudgetScope(BudgetScope.Kind.FOLDER, fullName);
        if (scopes.keySet().removeIf(gone::contains)) {
            save(clock.millis());
        }
    }

    /**
     * Moves a renamed or moved folder's or job's counts, and those of every scope inside it, to the
     * new full name: the runs it started still count against its limits there. When a scope of that
     * name exists already, both counts are kept together.
     */
    public synchronized void rename(String oldFullName, String newFullName) throws IOException {
        BudgetScope from = new BudgetScope(BudgetScope.Kind.FOLDER, oldFullName);
        String to = new BudgetScope(BudgetScope.Kind.FOLDER, newFullName).key();
        if (from.key().equals(to)) {
            return;
        }
        List<ScopeUsage> moved = new ArrayList<>();
        scopes.entrySet().removeIf(entry -> {
            if (from.contains(entry.getKey())) {
                moved.add(entry.getValue());
                return true;
            }
            return false;
        });
        if (moved.isEmpty()) {
            return;
        }
        for (ScopeUsage usage : moved) {
            String key = to + usage.scope().key().substring(from.key().length());
            BudgetScope scope = new BudgetScope(usage.scope().kind(), key);
            ScopeUsage there = scopes.get(key);
            List<Long> takes = new ArrayList<>(usage.takes());
            if (there != null) {
                takes.addAll(there.takes());
            }
            ScopeUsage merged = new ScopeUsage(scope, usage.limits(), takes);
            merged.prune(clock.millis());
            scopes.put(key, merged);
        }
        save(clock.millis());
    }

    /** What every scope has used and has left now. */
    public synchronized BudgetSnapshot snapshot() {
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        List<BudgetSnapshot.ScopeState> states = new ArrayList<>();
        for (ScopeUsage usage : scopes.values()) {
            if (usage.used(BudgetWindow.DAY, millis) == 0) {
                continue;
            }
            ScopeBudget budget = new ScopeBudget(usage.scope(), usage.limits());
            Map<BudgetWindow, Instant> frees = new HashMap<>();
            for (BudgetRefusal.Full full : fullWindows(budget, millis)) {
                if (full.freesAt() != null) {
                    frees.put(full.window(), full.freesAt());
                }
            }
            states.add(new BudgetSnapshot.ScopeState(usage.scope(), usage.limits(),
                    usage.used(BudgetWindow.HOUR, millis), usage.used(BudgetWindow.DAY, millis),
                    Optional.ofNullable(frees.get(BudgetWindow.HOUR)), Optional.ofNullable(frees.get(BudgetWindow.DAY))));
        }
        return new BudgetSnapshot(now, states, failClosed(millis));
    }

    /** Present while the ledger fails closed after starting from a corrupt file. */
    public synchronized Optional<BudgetSnapshot.FailClosed> failClosed() {
        return failClosed(clock.millis());
    }

    private Optional<BudgetSnapshot.FailClosed> failClosed(long now) {
        return failClosedUntil(BudgetWindow.DAY, now).map(until -> new BudgetSnapshot.FailClosed(
                Instant.ofEpochMilli(failClosedSince), Instant.ofEpochMilli(until), failClosedProblem));
    }

    /**
     * An administrator's decision, once the corrupt file has been looked at: budgets count from
     * what this ledger has recorded since the start, as if the file had been empty.
     */
    public synchronized void resetFailClosed() throws IOException {
        if (failClosedSince != null) {
            failClosedSince = null;
            failClosedProblem = null;
            save(clock.millis());
        }
    }

    private void saveOrLog(String what) {
        try {
            save(clock.millis());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Codegen budget file after " + what, e);
        }
    }

    private void save(long now) throws IOException {
        scopes.values().forEach(usage -> usage.prune(now));
        scopes.values().removeIf(ScopeUsage::isEmpty);
        if (failClosedSince != null && failClosedUntil(BudgetWindow.DAY, now).isEmpty()) {
            failClosedSince = null;
            failClosedProblem = null;
        }
        if (file == null) {
            return;
        }
        List<LedgerState.ScopeRecord> records = scopes.values().stream().map(LedgerState.ScopeRecord::of).toList();
        file.save(new LedgerState(LedgerState.VERSION, failClosedSince, failClosedProblem, records));
    }
}
